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

/// The child starts with no signal blocked and SIGTERM, SIGINT, SIGHUP and SIGQUIT at their
/// defaults, whatever the spawning thread had (runtimes block signals in their threads, and a
/// blocked SIGTERM would be inherited: the child could not be stopped).
int vitals_spawnattr_plain_signals(posix_spawnattr_t *attributes);

#endif
