/* baladi-request-list.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The queue as a GListModel that stays fast with a million cached
 * requests. A query (filter, search and order) runs in SQLite in a worker
 * thread on the store's read-only connection and yields only the ordered
 * rowids, 8 bytes a request; rows become BaladiRequest objects when the
 * view asks for them, a page at a time, and only a few pages are kept.
 *
 * When the store says requests changed, the query runs again and the model
 * compares the old and new rowid lists: rows that moved, came or went are
 * one items-changed over the span between the unchanged head and tail;
 * rows that changed in place are one items-changed each. */

#include "config.h"

#include "baladi-dashboard.h"
#include "baladi-fts.h"
#include "baladi-request-list.h"
#include "baladi-store-writes.h"

#define PAGE_SIZE 64
#define MAX_PAGES 48

/* Query {{{ */

G_DEFINE_BOXED_TYPE (BaladiRequestQuery, baladi_request_query,
                     baladi_request_query_copy, baladi_request_query_free)

/**
 * baladi_request_query_new:
 *
 * Returns: (transfer full): a query for every cached request, by due time
 */
BaladiRequestQuery *
baladi_request_query_new (void)
{
  BaladiRequestQuery *query = g_new0 (BaladiRequestQuery, 1);

  query->type = -1;
  query->municipality = -1;
  query->sector = -1;
  query->channel = -1;
  query->sort = BALADI_REQUEST_SORT_DUE;

  return query;
}

BaladiRequestQuery *
baladi_request_query_copy (const BaladiRequestQuery *query)
{
  BaladiRequestQuery *copy = g_memdup2 (query, sizeof *query);

  copy->category = g_strdup (query->category);
  copy->assignee = g_strdup (query->assignee);
  copy->search = g_strdup (query->search);
  copy->service_code = g_strdup (query->service_code);

  return copy;
}

void
baladi_request_query_free (BaladiRequestQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->category);
  g_free (query->assignee);
  g_free (query->search);
  g_free (query->service_code);
  g_free (query);
}

gboolean
baladi_request_query_equal (const BaladiRequestQuery *a,
                            const BaladiRequestQuery *b)
{
  return a->statuses == b->statuses && a->open_only == b->open_only && a->type == b->type &&
         a->municipality == b->municipality && a->sector == b->sector && a->channel == b->channel &&
         g_strcmp0 (a->category, b->category) == 0 && g_strcmp0 (a->assignee, b->assignee) == 0 &&
         a->unassigned == b->unassigned && a->received_from == b->received_from &&
         a->received_to == b->received_to && a->due_before == b->due_before && a->overdue == b->overdue &&
         a->local_state == b->local_state && g_strcmp0 (a->search, b->search) == 0 &&
         a->sort == b->sort && a->descending == b->descending &&
         g_strcmp0 (a->service_code, b->service_code) == 0;
}

/* An enum column ordered as the enum is, not by its wire spelling. */
static void
append_enum_order (GString    *sql,
                   const char *column,
                   GType       enum_type)
{
  GEnumClass *klass = g_type_class_ref (enum_type);

  g_string_append_printf (sql, "CASE %s", column);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (sql, " WHEN '%s' THEN %d", klass->values[i].value_nick, klass->values[i].value);
  g_string_append (sql, " END");
  g_type_class_unref (klass);
}

static void
add_enum_filter (GString    *sql,
                 GPtrArray  *params,
                 const char *column,
                 GType       enum_type,
                 int         value)
{
  const char *wire = value >= 0 ? baladi_enum_to_wire (enum_type, value) : NULL;

  if (wire == NULL)
    return;

  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (wire)));
  g_string_append_printf (sql, " AND %s = ?%u", column, params->len);
}

static void
add_text_filter (GString    *sql,
                 GPtrArray  *params,
                 const char *column,
                 const char *value)
{
  if (value == NULL)
    return;

  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (value)));
  g_string_append_printf (sql, " AND %s = ?%u", column, params->len);
}

static void
add_time_filter (GString    *sql,
                 GPtrArray  *params,
                 const char *condition,
                 gint64      value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (value)));
  g_string_append_printf (sql, " AND %s ?%u", condition, params->len);
}

/**
 * baladi_request_query_to_sql:
 * @select: what to select from `requests r`, e.g. "r.rowid" or "count(*)"
 * @ordered: whether to add the query's ORDER BY
 * @now: the instant "overdue" is judged at (unix time)
 * @params: (element-type GVariant): receives the values to bind, in order
 *
 * Builds the SQL of @query. Nothing the clerk typed is ever part of the
 * SQL text: values are bound, and the search goes through
 * baladi_fts_build_query(), which quotes every word.
 *
 * Returns: (transfer full): the SQL
 */
char *
baladi_request_query_to_sql (const BaladiRequestQuery *query,
                             const char               *select,
                             gboolean                  ordered,
                             gint64                    now,
                             GPtrArray                *params)
{
  GString *sql = g_string_new (NULL);
  g_autofree char *match = query->search != NULL ? baladi_fts_build_query (query->search) : NULL;
  /* The clock runs until the first reply to the citizen, by the one
   * on-time rule the dashboards count with, and stops while the request
   * waits. The same text as the dashboard's partial index, which SQLite
   * then uses. */
  const char *running = BALADI_DASHBOARD_UNANSWERED_SQL " AND r.status NOT IN ('waiting_citizen', 'waiting_agency')";

  g_string_append_printf (sql, "SELECT %s FROM requests r WHERE 1", select);

  if (query->statuses != 0)
    {
      GEnumClass *klass = g_type_class_ref (BALADI_TYPE_REQUEST_STATUS);
      gboolean first = TRUE;

      g_string_append (sql, " AND r.status IN (");
      for (guint i = 0; i < klass->n_values; i++)
        if (query->statuses & (1u << klass->values[i].value))
          {
            g_string_append_printf (sql, "%s'%s'", first ? "" : ", ", klass->values[i].value_nick);
            first = FALSE;
          }
      g_string_append (sql, ")");
      g_type_class_unref (klass);
    }

  if (query->open_only)
    g_string_append (sql, " AND r.status NOT IN ('answered', 'closed')");
  add_enum_filter (sql, params, "r.type", BALADI_TYPE_REQUEST_TYPE, query->type);
  add_enum_filter (sql, params, "r.municipality", BALADI_TYPE_MUNICIPALITY, query->municipality);
  add_enum_filter (sql, params, "r.sector", BALADI_TYPE_SECTOR, query->sector);
  add_enum_filter (sql, params, "r.channel", BALADI_TYPE_CHANNEL, query->channel);
  add_text_filter (sql, params, "r.category", query->category);
  add_text_filter (sql, params, "r.assignee", query->assignee);
  add_text_filter (sql, params, "r.service_code", query->service_code);
  if (query->unassigned)
    g_string_append (sql, " AND r.assignee IS NULL");
  if (query->received_from != 0)
    add_time_filter (sql, params, "r.created_at >=", query->received_from);
  if (query->received_to != 0)
    add_time_filter (sql, params, "r.created_at <", query->received_to);
  if (query->due_before != 0)
    {
      g_string_append_printf (sql, " AND %s", running);
      add_time_filter (sql, params, "r.due_at <", query->due_before);
    }
  if (query->overdue)
    {
      g_string_append_printf (sql, " AND %s", running);
      add_time_filter (sql, params, "r.due_at <", now);
    }
  if (query->local_state != BALADI_LOCAL_STATE_SYNCED)
    g_string_append (sql, " AND (r.pending_fields <> '' OR r.id IN (SELECT request_id FROM outbox))");
  if (match != NULL)
    {
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (match)));
      g_string_append_printf (sql, " AND r.rowid IN (SELECT rowid FROM requests_search WHERE requests_search MATCH ?%u)",
                              params->len);
    }

  if (ordered)
    {
      const char *direction = query->descending ? " DESC" : "";

      g_string_append (sql, " ORDER BY ");
      switch (query->sort)
        {
        case BALADI_REQUEST_SORT_DUE: g_string_append (sql, "r.due_at"); break;
        case BALADI_REQUEST_SORT_RECEIVED: g_string_append (sql, "r.created_at"); break;
        case BALADI_REQUEST_SORT_UPDATED: g_string_append (sql, "r.updated_at"); break;
        case BALADI_REQUEST_SORT_REFERENCE: g_string_append (sql, "r.reference"); break;
        case BALADI_REQUEST_SORT_SUBJECT: g_string_append (sql, "r.subject"); break;
        case BALADI_REQUEST_SORT_CATEGORY: g_string_append (sql, "r.category"); break;
        case BALADI_REQUEST_SORT_ASSIGNEE: g_string_append (sql, "r.assignee"); break;
        case BALADI_REQUEST_SORT_TYPE: append_enum_order (sql, "r.type", BALADI_TYPE_REQUEST_TYPE); break;
        case BALADI_REQUEST_SORT_MUNICIPALITY: append_enum_order (sql, "r.municipality", BALADI_TYPE_MUNICIPALITY); break;
        case BALADI_REQUEST_SORT_CHANNEL: append_enum_order (sql, "r.channel", BALADI_TYPE_CHANNEL); break;
        case BALADI_REQUEST_SORT_STATUS: append_enum_order (sql, "r.status", BALADI_TYPE_REQUEST_STATUS); break;
        default: g_assert_not_reached ();
        }
      /* A stable order: ties by rowid, the same way. */
      g_string_append_printf (sql, "%s, r.rowid%s", direction, direction);
    }

  return g_string_free (sql, FALSE);
}

/**
 * baladi_request_query_bind:
 * @params: (element-type GVariant): from baladi_request_query_to_sql()
 */
gboolean
baladi_request_query_bind (sqlite3_stmt *stmt,
                           GPtrArray    *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);
      int rc;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        rc = sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else
        rc = sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
      if (rc != SQLITE_OK)
        return FALSE;
    }

  return TRUE;
}

/* }}} */

/* Running queries in a worker thread {{{ */

typedef struct {
  BaladiStore *store;
  GPtrArray   *sqls;    /* of char * */
  GPtrArray   *params;  /* of GPtrArray of GVariant, one for each SQL */
  gboolean     counts;  /* one count from each; otherwise the rowids of the one */
  guint        generation;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->sqls, g_ptr_array_unref);
  g_clear_pointer (&job->params, g_ptr_array_unref);
  g_free (job);
}

static Job *
job_new (BaladiStore *store,
         gboolean     counts)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (store);
  job->sqls = g_ptr_array_new_with_free_func (g_free);
  job->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  job->counts = counts;

  return job;
}

static void
job_add (Job                      *job,
         const BaladiRequestQuery *query,
         gint64                    now)
{
  GPtrArray *params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (job->counts)
    g_ptr_array_add (job->sqls, baladi_request_query_to_sql (query, "count(*)", FALSE, now, params));
  else
    g_ptr_array_add (job->sqls, baladi_request_query_to_sql (query, "r.rowid", TRUE, now, params));
  g_ptr_array_add (job->params, params);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, job->counts ? sizeof (guint) : sizeof (gint64));
  /* The counts of the views take long on a big cache: they get their own
   * connection, so that they never hold up the list the clerk waits for. */
  sqlite3 *db = job->counts ? baladi_store_open_reader (job->store, &error) : baladi_store_lock_reader (job->store, &error);
  gboolean ok = db != NULL;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; ok && i < job->sqls->len; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, g_ptr_array_index (job->sqls, i), -1, &stmt, NULL) != SQLITE_OK ||
          !baladi_request_query_bind (stmt, g_ptr_array_index (job->params, i)))
        {
          ok = FALSE;
        }
      else
        {
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              if (job->counts)
                {
                  guint count = sqlite3_column_int (stmt, 0);

                  g_array_append_val (results, count);
                }
              else
                {
                  gint64 rowid = sqlite3_column_int64 (stmt, 0);

                  g_array_append_val (results, rowid);
                }
            }
          ok = rc == SQLITE_DONE;
        }
      if (!ok)
        g_set_error (&error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }
  if (job->counts)
    sqlite3_close (db);
  else
    baladi_store_unlock_reader (job->store);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_array_unref);
}

/**
 * baladi_store_count_requests_async:
 * @queries: (element-type BaladiRequestQuery): one count for each
 *
 * Counts the requests of each query (the numbers beside saved views) in a
 * worker thread.
 */
void
baladi_store_count_requests_async (BaladiStore         *store,
                                   GPtrArray           *queries,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  Job *job = job_new (store, TRUE);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < queries->len; i++)
    job_add (job, g_ptr_array_index (queries, i), now);

  g_task_set_source_tag (task, baladi_store_count_requests_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

/**
 * baladi_store_count_requests_finish:
 *
 * Returns: (transfer full) (element-type guint): the counts, in the order
 *   of the queries
 */
GArray *
baladi_store_count_requests_finish (BaladiStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */

/* The model {{{ */

struct _BaladiRequestList
{
  GObject             parent_instance;

  BaladiStore        *store;
  gulong              changed_handler;
  BaladiRequestQuery *query;

  GArray             *rowids;      /* the rows, in order */
  GHashTable         *pages;       /* page number → GPtrArray of BaladiRequest */
  GQueue              page_order;  /* page numbers, most recently used first */

  guint               generation;  /* of the last query started */
  gboolean            loading;
  GHashTable         *changed;     /* rowids changed since the last query started */
  gboolean            all_changed;
  GCancellable       *cancellable;
};

static void baladi_request_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BaladiRequestList, baladi_request_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, baladi_request_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
baladi_request_list_get_item_type (GListModel *model)
{
  return BALADI_TYPE_REQUEST;
}

static guint
baladi_request_list_get_n_items (GListModel *model)
{
  return BALADI_REQUEST_LIST (model)->rowids->len;
}

static void
drop_pages (BaladiRequestList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

static GPtrArray *
load_page (BaladiRequestList *self,
           guint              page)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM requests r WHERE r.rowid = ?1", baladi_store_request_columns ());
  sqlite3 *db = baladi_store_get_db (self->store);
  sqlite3_stmt *stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint end = MIN ((page + 1) * PAGE_SIZE, self->rowids->len);
  gboolean in_transaction;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot read the cached requests: %s", sqlite3_errmsg (db));
      return rows;
    }

  /* One read transaction for the page, not one a row: each is two calls
   * into the kernel for the WAL's read lock. */
  in_transaction = sqlite3_get_autocommit (db) && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  for (guint i = page * PAGE_SIZE; i < end; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (self->rowids, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (rows, baladi_store_request_from_row (stmt));
      else
        /* Gone since the query ran; a new query is on its way and will
         * remove the row. Until then it shows as an empty request. */
        g_ptr_array_add (rows, g_object_new (BALADI_TYPE_REQUEST, NULL));
    }
  sqlite3_finalize (stmt);
  if (in_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  return rows;
}

static gpointer
baladi_request_list_get_item (GListModel *model,
                              guint       position)
{
  BaladiRequestList *self = BALADI_REQUEST_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->rowids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
      if (g_queue_get_length (&self->page_order) > MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
    }
  else if (g_queue_peek_head (&self->page_order) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
    }

  if (position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
baladi_request_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = baladi_request_list_get_item_type;
  iface->get_n_items = baladi_request_list_get_n_items;
  iface->get_item = baladi_request_list_get_item;
}

static void
set_loading (BaladiRequestList *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* GTK 4.8's list views look each added item up among the removed ones,
 * to keep their rows: for a change that both removes and adds, they ask
 * for every added item, and would read every row of a big result. A large
 * change is told as a removal, then an addition, the list holding in
 * between what the removal leaves: a list must always be what its
 * signals have said. */
#define MAX_ADDED_IN_ONE_CHANGE 256

static void
splice (BaladiRequestList *self,
        GArray            *rowids,
        guint              position,
        guint              removed,
        guint              added)
{
  if (removed > 0 && added > MAX_ADDED_IN_ONE_CHANGE)
    {
      g_autoptr(GArray) left = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->rowids->len - removed);

      g_array_append_vals (left, self->rowids->data, position);
      g_array_append_vals (left, &g_array_index (self->rowids, gint64, position + removed),
                           self->rowids->len - position - removed);
      g_array_unref (self->rowids);
      self->rowids = g_steal_pointer (&left);
      drop_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
      removed = 0;
    }

  g_array_unref (self->rowids);
  self->rowids = g_array_ref (rowids);
  drop_pages (self);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Says what changed between the old rowids and the new, as little as
 * possible: the changed span between the unchanged head and tail, then
 * each row that changed in place. */
static void
apply_rowids (BaladiRequestList *self,
              GArray            *rowids,
              GHashTable        *changed,
              gboolean           all_changed)
{
  g_autoptr(GArray) old = g_array_ref (self->rowids);
  guint old_n = old->len;
  guint new_n = rowids->len;
  guint head = 0;
  guint tail = 0;
  const gint64 *a = (const gint64 *) (gpointer) old->data;
  const gint64 *b = (const gint64 *) (gpointer) rowids->data;

  if (all_changed)
    {
      splice (self, rowids, 0, old_n, new_n);
      return;
    }

  while (head < old_n && head < new_n && a[head] == b[head])
    head++;
  while (tail < old_n - head && tail < new_n - head && a[old_n - 1 - tail] == b[new_n - 1 - tail])
    tail++;

  splice (self, rowids, head, old_n - head - tail, new_n - head - tail);

  if (changed == NULL || g_hash_table_size (changed) == 0)
    return;

  for (guint i = 0; i < new_n; i++)
    if ((i < head || i >= new_n - tail) && g_hash_table_contains (changed, &b[i]))
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
}

static void
query_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BaladiRequestList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GHashTable) changed = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean all_changed;

  /* Every change starts a query: only the last one started shows, and it
   * accounts for every change since the last one shown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job->generation != self->generation)
    return;

  set_loading (self, FALSE);
  if (rowids == NULL)
    {
      g_warning ("Cannot list the cached requests: %s", error->message);
      return;
    }

  changed = g_steal_pointer (&self->changed);
  self->changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  all_changed = self->all_changed;
  self->all_changed = FALSE;
  apply_rowids (self, rowids, changed, all_changed);
}

static void
start_query (BaladiRequestList *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = job_new (self->store, FALSE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job->generation = ++self->generation;
  job_add (job, self->query, g_get_real_time () / G_USEC_PER_SEC);
  task = g_task_new (self->store, self->cancellable, query_done, g_object_ref (self));
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, run_job);
}

static void
on_requests_changed (BaladiStore       *store,
                     const char * const *ids,
                     BaladiRequestList *self)
{
  if (ids == NULL)
    {
      self->all_changed = TRUE;
    }
  else
    {
      sqlite3_stmt *stmt = baladi_store_prepare_cached (store, "SELECT rowid FROM requests WHERE id = ?1");

      for (guint i = 0; stmt != NULL && ids[i] != NULL; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 *rowid = g_new (gint64, 1);

              *rowid = sqlite3_column_int64 (stmt, 0);
              g_hash_table_add (self->changed, rowid);
            }
        }
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }

  start_query (self);
}

static void
baladi_request_list_dispose (GObject *object)
{
  BaladiRequestList *self = (BaladiRequestList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (baladi_request_list_parent_class)->dispose (object);
}

static void
baladi_request_list_finalize (GObject *object)
{
  BaladiRequestList *self = (BaladiRequestList *)object;

  g_clear_pointer (&self->query, baladi_request_query_free);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->page_order);
  g_clear_pointer (&self->changed, g_hash_table_unref);

  G_OBJECT_CLASS (baladi_request_list_parent_class)->finalize (object);
}

static void
baladi_request_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BaladiRequestList *self = BALADI_REQUEST_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_request_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BaladiRequestList *self = BALADI_REQUEST_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_request_list_constructed (GObject *object)
{
  BaladiRequestList *self = BALADI_REQUEST_LIST (object);

  G_OBJECT_CLASS (baladi_request_list_parent_class)->constructed (object);

  g_return_if_fail (BALADI_IS_STORE (self->store));
  self->changed_handler = g_signal_connect (self->store, "requests-changed",
                                            G_CALLBACK (on_requests_changed), self);
  start_query (self);
}

static void
baladi_request_list_class_init (BaladiRequestListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = baladi_request_list_constructed;
  object_class->dispose = baladi_request_list_dispose;
  object_class->finalize = baladi_request_list_finalize;
  object_class->get_property = baladi_request_list_get_property;
  object_class->set_property = baladi_request_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BALADI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BaladiRequestList:loading:
   *
   * Whether a query is running; the rows shown are those of the previous one.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baladi_request_list_init (BaladiRequestList *self)
{
  self->query = baladi_request_query_new ();
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * baladi_request_list_new:
 *
 * Returns: (transfer full): every cached request, by due time; the rows
 *   arrive when the first query answers
 */
BaladiRequestList *
baladi_request_list_new (BaladiStore *store)
{
  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);

  return g_object_new (BALADI_TYPE_REQUEST_LIST, "store", store, NULL);
}

const BaladiRequestQuery *
baladi_request_list_get_query (BaladiRequestList *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST_LIST (self), NULL);

  return self->query;
}

/**
 * baladi_request_list_set_query:
 *
 * Shows the requests of @query once it has run. A new filter shows a new
 * list, so every row is said to change.
 */
void
baladi_request_list_set_query (BaladiRequestList        *self,
                               const BaladiRequestQuery *query)
{
  g_return_if_fail (BALADI_IS_REQUEST_LIST (self));
  g_return_if_fail (query != NULL);

  if (baladi_request_query_equal (self->query, query))
    return;

  baladi_request_query_free (self->query);
  self->query = baladi_request_query_copy (query);
  start_query (self);
}

/**
 * baladi_request_list_refresh:
 *
 * Runs the query again, e.g. when time moved requests into "overdue".
 */
void
baladi_request_list_refresh (BaladiRequestList *self)
{
  g_return_if_fail (BALADI_IS_REQUEST_LIST (self));

  start_query (self);
}

gboolean
baladi_request_list_get_loading (BaladiRequestList *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST_LIST (self), FALSE);

  return self->loading;
}

/**
 * baladi_request_list_find:
 *
 * Returns: the position of the request @request_id, or -1
 */
int
baladi_request_list_find (BaladiRequestList *self,
                          const char        *request_id)
{
  sqlite3_stmt *stmt;
  gint64 rowid = -1;

  g_return_val_if_fail (BALADI_IS_REQUEST_LIST (self), -1);

  stmt = baladi_store_prepare_cached (self->store, "SELECT rowid FROM requests WHERE id = ?1");
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, request_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; rowid >= 0 && i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return i;

  return -1;
}

/* }}} */
