// Swift's compilation conditions carry no values; a C define does. Package.swift defines
// VITALS_REVISION from the checkout's commit (SwiftPM's Context.gitInformation).
#include "cbuildinfo.h"

#ifndef VITALS_REVISION
#define VITALS_REVISION "unknown"
#endif

const char *vitals_build_revision(void) { return VITALS_REVISION; }
