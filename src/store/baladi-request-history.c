/* baladi-request-history.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The timeline of one request as a GListModel of BaladiEvent, oldest
 * first, read from the cache; it follows the store's requests-changed
 * signal. A history is short (tens of events), so it is read whole, and
 * only the events that differ from what the view has are announced. */

#include "config.h"

#include "baladi-event.h"
#include "baladi-request-history.h"

struct _BaladiRequestHistory
{
  GObject      parent_instance;

  BaladiStore *store;
  char        *request_id;
  gulong       changed_handler;
  GPtrArray   *events;
};

static void baladi_request_history_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BaladiRequestHistory, baladi_request_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, baladi_request_history_model_init))

static GType
baladi_request_history_get_item_type (GListModel *model)
{
  return BALADI_TYPE_EVENT;
}

static guint
baladi_request_history_get_n_items (GListModel *model)
{
  return BALADI_REQUEST_HISTORY (model)->events->len;
}

static gpointer
baladi_request_history_get_item (GListModel *model,
                                 guint       position)
{
  BaladiRequestHistory *self = BALADI_REQUEST_HISTORY (model);

  if (position >= self->events->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->events, position));
}

static void
baladi_request_history_model_init (GListModelInterface *iface)
{
  iface->get_item_type = baladi_request_history_get_item_type;
  iface->get_n_items = baladi_request_history_get_n_items;
  iface->get_item = baladi_request_history_get_item;
}

static BaladiEvent *
event_from_row (sqlite3_stmt *stmt)
{
  const char *names[] = { "id", "request-id", "kind", "author", "created", "body",
                          "old-value", "new-value", "reason", "sending" };
  GValue values[G_N_ELEMENTS (names)] = { G_VALUE_INIT, };
  BaladiEvent *event;
  int kind = BALADI_EVENT_KIND_CREATED;

  baladi_enum_from_wire (BALADI_TYPE_EVENT_KIND, (const char *) sqlite3_column_text (stmt, 2), &kind);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      switch (i)
        {
        case 2:
          g_value_init (&values[i], BALADI_TYPE_EVENT_KIND);
          g_value_set_enum (&values[i], kind);
          break;
        case 4:
          g_value_init (&values[i], G_TYPE_DATE_TIME);
          g_value_take_boxed (&values[i], g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, i)));
          break;
        case 9:
          g_value_init (&values[i], G_TYPE_BOOLEAN);
          g_value_set_boolean (&values[i], sqlite3_column_int (stmt, i) != 0);
          break;
        default:
          g_value_init (&values[i], G_TYPE_STRING);
          g_value_set_string (&values[i], (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }

  event = BALADI_EVENT (g_object_new_with_properties (BALADI_TYPE_EVENT, G_N_ELEMENTS (names), names, values));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_value_unset (&values[i]);

  return event;
}

static gboolean
same_event (BaladiEvent *a,
            BaladiEvent *b)
{
  gboolean a_sending, b_sending;

  g_object_get (a, "sending", &a_sending, NULL);
  g_object_get (b, "sending", &b_sending, NULL);

  return g_strcmp0 (baladi_event_get_id (a), baladi_event_get_id (b)) == 0 &&
         g_strcmp0 (baladi_event_get_body (a), baladi_event_get_body (b)) == 0 &&
         a_sending == b_sending;
}

static void
reload (BaladiRequestHistory *self)
{
  sqlite3 *db = baladi_store_get_db (self->store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) old = self->events;
  guint head = 0;
  guint tail = 0;

  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  /* Local events sort after the server's of the same second: they were
   * made after the last pull. */
  if (sqlite3_prepare_v2 (db, "SELECT id, request_id, kind, author, created_at, body, old_value, new_value, reason, local "
                              "FROM events WHERE request_id = ?1 ORDER BY created_at, local, rowid", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot read the history of a request: %s", sqlite3_errmsg (db));
      self->events = g_steal_pointer (&old);
      return;
    }
  sqlite3_bind_text (stmt, 1, self->request_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (self->events, event_from_row (stmt));
  sqlite3_finalize (stmt);

  if (old == NULL)
    return;

  while (head < old->len && head < self->events->len &&
         same_event (g_ptr_array_index (old, head), g_ptr_array_index (self->events, head)))
    head++;
  while (tail < old->len - head && tail < self->events->len - head &&
         same_event (g_ptr_array_index (old, old->len - 1 - tail),
                     g_ptr_array_index (self->events, self->events->len - 1 - tail)))
    tail++;

  if (old->len - head - tail > 0 || self->events->len - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail, self->events->len - head - tail);
}

static void
on_requests_changed (BaladiStore          *store,
                     const char * const   *ids,
                     BaladiRequestHistory *self)
{
  if (ids == NULL || g_strv_contains (ids, self->request_id))
    reload (self);
}

static void
baladi_request_history_dispose (GObject *object)
{
  BaladiRequestHistory *self = (BaladiRequestHistory *)object;

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (baladi_request_history_parent_class)->dispose (object);
}

static void
baladi_request_history_finalize (GObject *object)
{
  BaladiRequestHistory *self = (BaladiRequestHistory *)object;

  g_free (self->request_id);

  G_OBJECT_CLASS (baladi_request_history_parent_class)->finalize (object);
}

static void
baladi_request_history_class_init (BaladiRequestHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = baladi_request_history_dispose;
  object_class->finalize = baladi_request_history_finalize;
}

static void
baladi_request_history_init (BaladiRequestHistory *self)
{
}

/**
 * baladi_request_history_new:
 *
 * Returns: (transfer full): the history of the cached request @request_id
 */
BaladiRequestHistory *
baladi_request_history_new (BaladiStore *store,
                            const char  *request_id)
{
  BaladiRequestHistory *self;

  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  self = g_object_new (BALADI_TYPE_REQUEST_HISTORY, NULL);
  self->store = g_object_ref (store);
  self->request_id = g_strdup (request_id);
  self->changed_handler = g_signal_connect (store, "requests-changed", G_CALLBACK (on_requests_changed), self);
  reload (self);

  return self;
}

const char *
baladi_request_history_get_request_id (BaladiRequestHistory *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST_HISTORY (self), NULL);

  return self->request_id;
}
