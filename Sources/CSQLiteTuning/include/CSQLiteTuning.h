#ifndef TERN_CSQLITE_TUNING_H
#define TERN_CSQLITE_TUNING_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which take a
/// global mutex on every allocation. Only has an effect before SQLite is
/// initialised (before the first connection opens); returns the sqlite3_config code.
int tern_sqlite_disable_memory_statistics(void);

#endif
