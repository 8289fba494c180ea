#ifndef VITALS_CSPAWN_H
#define VITALS_CSPAWN_H

#include <spawn.h>

/// Adds "close every descriptor from `from` up" to a spawn's file actions
/// (posix_spawn_file_actions_addclosefrom_np, glibc 2.34, which Glibc's module does not bring to
/// Swift). A child started without it inherits every descriptor not marked close-on-exec, and
/// SwiftNIO accepts connections without that mark on Linux: a child holding a copy of a closed
/// connection's socket keeps it open for the peer until the child ends.
/// Returns 0, or an errno value.
int vitals_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

#endif
