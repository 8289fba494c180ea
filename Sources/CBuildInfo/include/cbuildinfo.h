#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The git commit the package was built from (Package.swift passes it as VITALS_REVISION when the
/// manifest is evaluated in a git checkout), or "unknown".
const char *vitals_build_revision(void);

#endif
