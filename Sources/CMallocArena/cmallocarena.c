// glibc gives each thread that allocates an arena of its own. vitals' threads (the terminal, the
// collection, a notifier, the server's event loop) rarely allocate at the same moment, and each
// extra arena kept anonymous memory resident: measured at 200x50 with
// scripts/memory-side-by-side.sh, 3.0 MB of anonymous memory with one arena against 3.3 MB with
// glibc's default, at the same CPU (docs/PERFORMANCE.md). So both executables link this target,
// which caps the arenas before main runs and before any thread exists. A MALLOC_ARENA_MAX set in
// the environment wins (glibc reads it itself; this leaves it alone).
#include <malloc.h>
#include <stdlib.h>

__attribute__((constructor)) static void vitals_one_malloc_arena(void) {
    if (getenv("MALLOC_ARENA_MAX") == NULL) {
        mallopt(M_ARENA_MAX, 1);
    }
}
