#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies the bound text or blob.
static inline void (*vitals_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
