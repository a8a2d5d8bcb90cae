/* baladi-store.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The local cache: one SQLite file in $XDG_DATA_HOME/baladi-desk/, in a
 * directory only its owner may enter and a file only its owner may read,
 * since it holds citizens' names and numbers. WAL, with synchronous=FULL
 * so that an acknowledged edit survives a power cut; the schema follows
 * user_version through the migrations of baladi-store-schema.c. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "baladi-fts.h"
#include "baladi-store.h"

struct _BaladiStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  /* A second, read-only connection for queries run in worker threads,
   * used by one thread at a time. */
  GMutex      reader_lock;
  sqlite3    *reader;
  /* SQL text (by address: always a literal) → its prepared statement */
  GHashTable *statements;
  /* When this connection began to wait for the write lock. */
  gint64      busy_since;
};

G_DEFINE_FINAL_TYPE (BaladiStore, baladi_store, G_TYPE_OBJECT)

enum {
  REQUESTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (baladi-store-error-quark, baladi_store_error)

static void
baladi_store_finalize (GObject *object)
{
  BaladiStore *self = (BaladiStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->reader, sqlite3_close);
  g_mutex_clear (&self->reader_lock);
  g_free (self->path);

  G_OBJECT_CLASS (baladi_store_parent_class)->finalize (object);
}

static void
baladi_store_class_init (BaladiStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baladi_store_finalize;

  /**
   * BaladiStore::requests-changed:
   * @ids: (nullable): the requests that changed, or %NULL when any may have
   *
   * Emitted on the thread that owns the store after a local edit, or when
   * the sync engine reports what a pull or a push changed, so that list
   * models can say precisely which rows changed.
   */
  signals[REQUESTS_CHANGED] =
    g_signal_new ("requests-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

/**
 * baladi_store_emit_changed:
 * @request_id: the request that changed
 */
void
baladi_store_emit_changed (BaladiStore *self,
                           const char  *request_id)
{
  const char *ids[] = { request_id, NULL };

  g_return_if_fail (BALADI_IS_STORE (self));

  g_signal_emit (self, signals[REQUESTS_CHANGED], 0, ids);
}

/**
 * baladi_store_emit_many_changed:
 * @request_ids: (nullable): the requests that changed, or %NULL when any may have
 */
void
baladi_store_emit_many_changed (BaladiStore        *self,
                                const char * const *request_ids)
{
  g_return_if_fail (BALADI_IS_STORE (self));

  g_signal_emit (self, signals[REQUESTS_CHANGED], 0, request_ids);
}

static void
baladi_store_init (BaladiStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
  g_mutex_init (&self->reader_lock);
}

/**
 * baladi_store_prepare_cached:
 * @sql: a string literal: statements are cached by its address
 *
 * A sync stores thousands of rows a page with the same few statements;
 * preparing each once saves parsing the SQL for every row.
 *
 * Returns: (transfer none) (nullable): the statement, reset and unbound
 */
sqlite3_stmt *
baladi_store_prepare_cached (BaladiStore *self,
                             const char  *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return NULL;

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/**
 * baladi_store_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/baladi-desk/cache.db
 */
char *
baladi_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "baladi-desk", "cache.db", NULL);
}

static gboolean
prepare_files (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                   "Cannot create the folder of the cache, %s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  /* Create the file 0600 before SQLite does: its -wal and -shm files take
   * the mode of the database. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                   "Cannot create the cache %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  return TRUE;
}

/* Set when a connection of this process waits for the cache's write
 * lock: a long transaction (a full sync's) ends early for it, so that a
 * clerk's write waits for a page of the sync at most, not for a batch. */
static gint writer_waiting;

#define BUSY_TIMEOUT_USEC (5 * G_USEC_PER_SEC)

/* What sqlite3_busy_timeout() does, telling the lock's holder. */
static int
wait_for_lock (void *data,
               int   n_calls)
{
  BaladiStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (n_calls == 0)
    self->busy_since = now;
  if (now - self->busy_since >= BUSY_TIMEOUT_USEC)
    return 0;

  g_atomic_int_set (&writer_waiting, TRUE);
  g_usleep (n_calls < 20 ? 1000 : 10000);
  return 1;
}

/**
 * baladi_store_take_writer_waiting:
 *
 * Returns: whether a connection of this process has waited for a
 *   cache's write lock since the last call
 */
gboolean
baladi_store_take_writer_waiting (void)
{
  return g_atomic_int_exchange (&writer_waiting, FALSE);
}

/**
 * baladi_store_open:
 * @path: (nullable): the cache file; %NULL for baladi_store_default_path()
 *
 * Opens the cache, creating it or bringing its schema up to date.
 *
 * Returns: (transfer full) (nullable): the store
 */
BaladiStore *
baladi_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(BaladiStore) self = g_object_new (BALADI_TYPE_STORE, NULL);
  g_autoptr(GError) kpi_error = NULL;
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = baladi_store_default_path ();

  if (!prepare_files (path, error))
    return NULL;

  /* A full sync's batches grow the WAL to hundreds of MB; once written
   * back, the file is cut to 64 MB rather than kept at its largest. */
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                              "PRAGMA journal_size_limit = 67108864;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                   "Cannot open the cache %s: %s", path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }

  self->path = g_strdup (path);
  sqlite3_busy_handler (self->db, wait_for_lock, self);
  if (!baladi_fts_register (self->db, error) ||
      !baladi_store_migrate (self->db, baladi_store_latest_version (), error))
    return NULL;

  /* Not being able to count them again now only makes the dashboard
   * slower (it reads the requests) until the next time. */
  if (!baladi_store_check_kpi_calendar (self->db, &kpi_error))
    g_warning ("%s", kpi_error->message);

  return g_steal_pointer (&self);
}

int
baladi_store_get_version (BaladiStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_return_val_if_fail (BALADI_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/**
 * baladi_store_get_db:
 *
 * Returns: (transfer none): the SQLite connection, for the store's own
 *   modules and tests
 */
sqlite3 *
baladi_store_get_db (BaladiStore *self)
{
  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  return self->db;
}

/**
 * baladi_store_get_path:
 *
 * Returns: the file of the cache
 */
const char *
baladi_store_get_path (BaladiStore *self)
{
  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  return self->path;
}

/**
 * baladi_store_lock_reader:
 *
 * Lends the store's read-only connection to the calling thread, typically
 * a GTask worker running a long query, until baladi_store_unlock_reader().
 * In WAL mode it reads the last committed state while the main
 * connection writes.
 *
 * Returns: (transfer none) (nullable): the connection, or %NULL with
 *   @error set (the lock is then not held)
 */
/**
 * baladi_store_open_reader:
 *
 * Opens a new read-only connection to the cache, with the search
 * tokenizer, for one thread; close it with sqlite3_close().
 *
 * Returns: (transfer full) (nullable): the connection
 */
sqlite3 *
baladi_store_open_reader (BaladiStore  *self,
                          GError      **error)
{
  sqlite3 *db = NULL;

  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      !baladi_fts_register (db, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                     "Cannot open the cache for reading: %s", db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);

  return db;
}

sqlite3 *
baladi_store_lock_reader (BaladiStore  *self,
                          GError      **error)
{
  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  g_mutex_lock (&self->reader_lock);
  if (self->reader == NULL)
    {
      self->reader = baladi_store_open_reader (self, error);
      if (self->reader == NULL)
        {
          g_mutex_unlock (&self->reader_lock);
          return NULL;
        }
    }

  return self->reader;
}

void
baladi_store_unlock_reader (BaladiStore *self)
{
  g_return_if_fail (BALADI_IS_STORE (self));

  g_mutex_unlock (&self->reader_lock);
}
