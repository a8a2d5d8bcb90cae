/* test-request-list.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The queue's list model and the history model over a real cache file:
 * filters, order and search run in SQLite and give what the test expects
 * from the data it made; a local edit is announced as exactly the rows it
 * changed; assign, transfer and merge change the row, add history and
 * queue their outbox entry together. */

#include "config.h"

#include "baladi-event.h"
#include "baladi-request-history.h"
#include "baladi-request-list.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"

#define N_REQUESTS 300

static BaladiStore *store;
static char *root;
static gint64 base_time;

/* What the test made, to know the answers without asking the store. */
typedef struct {
  char   id[40];
  int    status;
  int    municipality;
  int    channel;
  gint64 due;
  gboolean assigned;
} Made;

static Made made[N_REQUESTS];

static const char *words[] = { "إنارة", "حفرة", "نظافة", "أشجار", "رصيف" };

static void
fill_store (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (baladi_store_begin (store, &error));
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (base_time - 86400 * 10 + i * 600);
      /* Due times spread around now: a third are already past. */
      gint64 due = base_time - 86400 * 3 + (gint64) ((i * 7919) % N_REQUESTS) * 3600;
      g_autoptr(GDateTime) due_time = g_date_time_new_from_unix_utc (due);
      g_autofree char *reference = g_strdup_printf ("CAP-2026-%06u", i + 1);
      g_autofree char *subject = g_strdup_printf ("%s في المجمع %u", words[i % G_N_ELEMENTS (words)], 300 + i);
      g_autofree char *phone = g_strdup_printf ("+973 36%02u %04u", i % 100, 1000 + i);
      g_autoptr(BaladiRequest) request = NULL;
      int status = i % 7 == 0 ? BALADI_REQUEST_STATUS_CLOSED
                   : i % 11 == 0 ? BALADI_REQUEST_STATUS_WAITING_CITIZEN
                   : i % 3 == 0 ? BALADI_REQUEST_STATUS_ASSIGNED
                   : BALADI_REQUEST_STATUS_NEW;

      g_snprintf (made[i].id, sizeof made[i].id, "00000000-0000-4000-8000-%012u", i);
      made[i].status = status;
      made[i].municipality = i % 4;
      made[i].channel = i % 7;
      made[i].due = due;
      made[i].assigned = status == BALADI_REQUEST_STATUS_ASSIGNED;

      request = g_object_new (BALADI_TYPE_REQUEST,
                              "id", made[i].id, "reference", reference,
                              "category", i % 2 ? "street-lighting" : "road-damage",
                              "subject", subject, "description", "بلاغ من مواطن عن الحي",
                              "citizen-name", i == 42 ? "فاطمة الموسوي" : "حسن علي", "citizen-phone", phone,
                              "status", status, "municipality", made[i].municipality, "channel", made[i].channel,
                              "assignee", made[i].assigned ? "clerk.capital" : NULL,
                              "created", created, "updated", created, "due", due_time, "version", "1",
                              /* Closed as the server closes: with the time. */
                              "closed", status == BALADI_REQUEST_STATUS_CLOSED ? created : NULL,
                              NULL);
      g_assert_true (baladi_store_apply_remote (store, request, &error));
      g_assert_true (baladi_store_index_request (store, made[i].id, &error));
    }
  g_assert_true (baladi_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
wait_loaded (BaladiRequestList *list)
{
  while (baladi_request_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  guint position, removed, added;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static BaladiRequest *
item (BaladiRequestList *list,
      guint              position)
{
  BaladiRequest *request = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_object_unref (request);  /* the model keeps its page */
  return request;
}

static void
test_filters_and_order (void)
{
  g_autoptr(BaladiRequestList) list = baladi_request_list_new (store);
  g_autoptr(BaladiRequestQuery) query = baladi_request_query_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint expected;

  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_REQUESTS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == BALADI_TYPE_REQUEST);

  /* By due time, earliest first, every row readable. */
  for (guint i = 1; i < N_REQUESTS; i++)
    g_assert_cmpint (g_date_time_to_unix (baladi_request_get_due (item (list, i - 1))), <=,
                     g_date_time_to_unix (baladi_request_get_due (item (list, i))));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), N_REQUESTS));

  /* Overdue in Muharraq: open, running, past due. */
  query->overdue = TRUE;
  query->municipality = BALADI_MUNICIPALITY_MUHARRAQ;
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  expected = 0;
  for (guint i = 0; i < N_REQUESTS; i++)
    if (made[i].municipality == BALADI_MUNICIPALITY_MUHARRAQ && made[i].due < now &&
        made[i].status != BALADI_REQUEST_STATUS_CLOSED && made[i].status != BALADI_REQUEST_STATUS_WAITING_CITIZEN)
      expected++;
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  for (guint i = 0; i < expected; i++)
    g_assert_cmpint (baladi_request_get_municipality (item (list, i)), ==, BALADI_MUNICIPALITY_MUHARRAQ);

  /* Unassigned new requests from the hotline, by reference, last first. */
  baladi_request_query_free (query);
  query = baladi_request_query_new ();
  query->statuses = 1u << BALADI_REQUEST_STATUS_NEW;
  query->unassigned = TRUE;
  query->channel = BALADI_CHANNEL_HOTLINE;
  query->sort = BALADI_REQUEST_SORT_REFERENCE;
  query->descending = TRUE;
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  expected = 0;
  for (guint i = 0; i < N_REQUESTS; i++)
    if (made[i].status == BALADI_REQUEST_STATUS_NEW && made[i].channel == BALADI_CHANNEL_HOTLINE)
      expected++;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  for (guint i = 1; i < expected; i++)
    g_assert_cmpstr (baladi_request_get_reference (item (list, i - 1)), >, baladi_request_get_reference (item (list, i)));
}

static void
test_search (void)
{
  g_autoptr(BaladiRequestList) list = baladi_request_list_new (store);
  g_autoptr(BaladiRequestQuery) query = baladi_request_query_new ();

  /* Spelling variants of إنارة: bare alef, taa marbuta as haa, with the
   * article and a prefixed و. */
  for (guint v = 0; v < 3; v++)
    {
      const char *variants[] = { "انارة", "الإناره", "والانارة" };

      g_free (query->search);
      query->search = g_strdup (variants[v]);
      baladi_request_list_set_query (list, query);
      wait_loaded (list);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_REQUESTS / G_N_ELEMENTS (words));
    }

  /* A citizen's name with another hamza spelling, and a phone number
   * typed without spaces. */
  g_free (query->search);
  query->search = g_strdup ("فاطمه");
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (baladi_request_get_id (item (list, 0)), ==, made[42].id);

  g_free (query->search);
  query->search = g_strdup ("36421042");
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (baladi_request_get_id (item (list, 0)), ==, made[42].id);

  /* FTS syntax typed by a clerk is only text: stray quotes and operators
   * are no error, and OR is a word to find, not "either". */
  g_free (query->search);
  query->search = g_strdup ("\"حفرة\" * ^ ( -");
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_REQUESTS / G_N_ELEMENTS (words));
  g_free (query->search);
  query->search = g_strdup ("حفرة OR نظافة");
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* The changes told, and how many rows the signals have said there are. */
typedef struct {
  GArray *changes;
  guint   n_told;
} Told;

/* A list is always what its signals have said: as many rows as told,
 * each readable. */
static void
check_consistent (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Told       *told)
{
  Change change = { position, removed, added };
  guint n = g_list_model_get_n_items (model);

  told->n_told = told->n_told - removed + added;
  g_assert_cmpuint (n, ==, told->n_told);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BaladiRequest) request = g_list_model_get_item (model, i);

      g_assert_nonnull (baladi_request_get_reference (request));
    }
  g_array_append_val (told->changes, change);
}

/* A change that replaces many rows comes as a removal, then an addition
 * (GTK 4.8's list views read every added row of a mixed change: 31 s to
 * clear a search over a million requests), the list consistent at each. */
static void
test_large_change_in_two (void)
{
  g_autoptr(BaladiRequestList) list = baladi_request_list_new (store);
  g_autoptr(BaladiRequestQuery) query = baladi_request_query_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (Change));
  Told told = { changes, N_REQUESTS };

  query->sort = BALADI_REQUEST_SORT_REFERENCE;
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_REQUESTS);

  g_signal_connect (list, "items-changed", G_CALLBACK (check_consistent), &told);
  query->descending = TRUE;
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, >, 256);
  g_assert_cmpuint (g_array_index (changes, Change, 1).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 1).added, ==, g_array_index (changes, Change, 0).removed);
  g_assert_cmpstr (baladi_request_get_reference (item (list, 0)), ==, "CAP-2026-000300");

  /* A small change stays one signal, so that rows shown keep their widgets. */
  g_signal_handlers_disconnect_by_func (list, check_consistent, &told);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_change), small);
  query->statuses = 1u << BALADI_REQUEST_STATUS_CLOSED;
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  g_assert_cmpuint (small->len, ==, 1);
  g_assert_cmpuint (g_array_index (small, Change, 0).added, <=, 256);
}

static void
test_precise_changes (void)
{
  g_autoptr(BaladiRequestList) list = baladi_request_list_new (store);
  g_autoptr(BaladiRequestQuery) query = baladi_request_query_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  BaladiRequest *request;
  Change *change;
  g_autofree char *id = NULL;
  guint n;
  int position;

  query->statuses = 1u << BALADI_REQUEST_STATUS_NEW;
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 20);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_change), changes);

  /* A note changes one row in place: one change of one row. */
  request = item (list, 10);
  id = g_strdup (baladi_request_get_id (request));
  g_assert_cmpint (baladi_request_list_find (list, id), ==, 10);
  g_assert_true (baladi_store_add_event (store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, "اتصلت بالمواطن", "clerk.capital", &error));
  g_assert_no_error (error);
  wait_loaded (list);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 10);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  /* The row now says an edit waits to be sent. */
  g_object_get (item (list, 10), "local-state", &position, NULL);
  g_assert_cmpint (position, ==, BALADI_LOCAL_STATE_PENDING);

  /* Assigning takes it out of "new": one row removed where it was. */
  g_array_set_size (changes, 0);
  g_assert_true (baladi_store_assign (store, id, "clerk.capital", "clerk.capital", &error));
  g_assert_no_error (error);
  wait_loaded (list);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 10);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
  g_assert_cmpint (baladi_request_list_find (list, id), ==, -1);

  /* An edit of a request this view does not show changes nothing here. */
  g_array_set_size (changes, 0);
  for (guint i = 0; i < N_REQUESTS; i++)
    if (made[i].status == BALADI_REQUEST_STATUS_CLOSED)
      {
        g_assert_true (baladi_store_add_event (store, made[i].id, BALADI_EVENT_KIND_INTERNAL_NOTE, "للأرشيف", "clerk.capital", &error));
        break;
      }
  wait_loaded (list);
  g_assert_cmpuint (changes->len, ==, 0);
}

static char *
query_text (const char *sql,
            const char *id)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
test_local_writes_and_history (void)
{
  const char *id = made[1].id;        /* new, unassigned */
  const char *original = made[2].id;
  g_autoptr(BaladiRequestHistory) history = baladi_request_history_new (store, id);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiRequest) request = NULL;
  g_autoptr(BaladiEvent) event = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *count = NULL;
  gboolean sending;
  guint before = g_list_model_get_n_items (G_LIST_MODEL (history));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (history)) == BALADI_TYPE_EVENT);
  g_signal_connect (history, "items-changed", G_CALLBACK (record_change), changes);

  /* Assign: the row, two events (assignment and status), one entry. */
  g_assert_true (baladi_store_assign (store, id, "clerk.capital", "supervisor.capital", &error));
  g_assert_no_error (error);
  request = baladi_store_load_request (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (baladi_request_get_status (request), ==, BALADI_REQUEST_STATUS_ASSIGNED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, before + 2);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, before);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 2);
  event = g_list_model_get_item (G_LIST_MODEL (history), before);
  g_assert_cmpint (baladi_event_get_kind (event), ==, BALADI_EVENT_KIND_ASSIGNMENT);
  g_object_get (event, "sending", &sending, NULL);
  g_assert_true (sending);
  payload = query_text ("SELECT payload FROM outbox WHERE request_id = ?1 AND action = 'assign'", id);
  g_assert_cmpstr (payload, ==, "{\"assignee\": \"clerk.capital\"}");

  /* Transfer needs a reason, and an open request; it drops the assignee
   * and starts again from new. */
  g_assert_false (baladi_store_transfer (store, id, BALADI_MUNICIPALITY_NORTHERN, "  ", "clerk.capital", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (baladi_store_transfer (store, id, BALADI_MUNICIPALITY_NORTHERN,
                                        "الموقع يتبع \"الشمالية\"", "clerk.capital", &error));
  g_assert_no_error (error);
  g_clear_object (&request);
  request = baladi_store_load_request (store, id, &error);
  g_assert_cmpint (baladi_request_get_municipality (request), ==, BALADI_MUNICIPALITY_NORTHERN);
  g_assert_cmpint (baladi_request_get_status (request), ==, BALADI_REQUEST_STATUS_NEW);
  g_clear_pointer (&payload, g_free);
  payload = query_text ("SELECT payload FROM outbox WHERE request_id = ?1 AND action = 'transfer'", id);
  g_assert_cmpstr (payload, ==, "{\"municipality\": \"northern\", \"reason\": \"الموقع يتبع \\\"الشمالية\\\"\"}");

  /* Merge closes the duplicate; a second merge of it is refused and
   * queues nothing more. */
  g_assert_true (baladi_store_merge (store, id, original, NULL, "clerk.capital", &error));
  g_assert_no_error (error);
  g_assert_false (baladi_store_merge (store, id, made[4].id, NULL, "clerk.capital", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (baladi_store_merge (store, original, original, NULL, "clerk.capital", &error));
  g_clear_error (&error);
  g_clear_object (&request);
  request = baladi_store_load_request (store, id, &error);
  g_assert_cmpint (baladi_request_get_status (request), ==, BALADI_REQUEST_STATUS_CLOSED);
  count = query_text ("SELECT count(*) FROM outbox WHERE request_id = ?1", id);
  g_assert_cmpstr (count, ==, "3");
  g_clear_pointer (&count, g_free);
  count = query_text ("SELECT count(*) FROM events WHERE request_id = ?1 AND kind = 'merge' AND local = 1", original);
  g_assert_cmpstr (count, ==, "1");

  /* A closed request cannot be assigned or moved. */
  g_assert_false (baladi_store_assign (store, id, "clerk.capital", "clerk.capital", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID);
}

static void
counted (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GArray **counts = user_data;
  g_autoptr(GError) error = NULL;

  *counts = baladi_store_count_requests_finish (BALADI_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_counts (void)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_request_query_free);
  g_autoptr(GArray) counts = NULL;
  BaladiRequestQuery *query;
  guint waiting = 0;

  g_ptr_array_add (queries, baladi_request_query_new ());
  query = baladi_request_query_new ();
  query->statuses = 1u << BALADI_REQUEST_STATUS_WAITING_CITIZEN;
  g_ptr_array_add (queries, query);
  for (guint i = 0; i < N_REQUESTS; i++)
    waiting += made[i].status == BALADI_REQUEST_STATUS_WAITING_CITIZEN;

  baladi_store_count_requests_async (store, queries, NULL, counted, &counts);
  while (counts == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counts->len, ==, 2);
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, N_REQUESTS);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, waiting);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  root = g_dir_make_tmp ("baladi-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (root, "cache.db", NULL);
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  base_time = g_get_real_time () / G_USEC_PER_SEC;
  fill_store ();

  g_test_add_func ("/request-list/filters-and-order", test_filters_and_order);
  g_test_add_func ("/request-list/search", test_search);
  g_test_add_func ("/request-list/precise-changes", test_precise_changes);
  g_test_add_func ("/request-list/large-change-in-two", test_large_change_in_two);
  g_test_add_func ("/request-list/local-writes-and-history", test_local_writes_and_history);
  g_test_add_func ("/request-list/counts", test_counts);
  status = g_test_run ();

  g_clear_object (&store);
  return status;
}
