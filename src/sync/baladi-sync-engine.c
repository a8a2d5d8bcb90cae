/* baladi-sync-engine.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sync engine the desk uses from its main thread. A sync (push the
 * outbox, then pull the changes) runs in a worker thread with its own
 * BaladiStore connection on the same file, since SQLite connections are
 * not shared across threads; the cache is in WAL mode, so the interface
 * keeps reading while a page is written. One sync runs at a time: asking
 * for one while one runs queues exactly one more.
 *
 * The worker never touches the engine. It posts each committed step (a
 * push, a page of changes) to the main context through a weak reference,
 * so that list models can emit precise items-changed while a long sync is
 * still running, and so that nothing reaches an engine that was disposed:
 * disposing cancels the worker and drops whatever it still posts.
 *
 * Syncs start from request_sync() (debounced), sync_async(), the periodic
 * timer, a retry timer after a failure (exponential backoff with full
 * jitter from 2 s to 10 min, or when the server or the outbox says), and
 * the network coming back. Timers do not fire while the network monitor
 * says there is no network: its return starts a sync at once.
 *
 * The API token lives in the keyring (baladi-credentials.c) and in memory;
 * it is never logged. A 401 forgets it and asks for the password through
 * the password-needed signal. */

#define G_LOG_DOMAIN "baladi-sync-engine"

#include "config.h"

#include <libsecret/secret.h>

#include "baladi-credentials.h"
#include "baladi-store-outbox.h"
#include "baladi-sync-client.h"
#include "baladi-sync-engine-private.h"
#include "baladi-sync-json.h"

#define DEFAULT_DEBOUNCE_MS 500
#define DEFAULT_INTERVAL    300
#define BACKOFF_BASE        2
#define BACKOFF_CAP         600

G_DEFINE_ENUM_TYPE (BaladiSyncState, baladi_sync_state,
  G_DEFINE_ENUM_VALUE (BALADI_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (BALADI_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (BALADI_SYNC_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (BALADI_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (BALADI_SYNC_STATE_SIGNED_OUT, "signed-out"),
  G_DEFINE_ENUM_VALUE (BALADI_SYNC_STATE_ERROR, "error"))

/* What a worker holds of its engine: a weak reference, shared by every
 * step it posts. */
typedef struct {
  GWeakRef engine;
} Link;

static void
link_clear (gpointer data)
{
  g_weak_ref_clear (&((Link *) data)->engine);
}

static Link *
link_ref (Link *link)
{
  return g_atomic_rc_box_acquire (link);
}

static void
link_unref (Link *link)
{
  g_atomic_rc_box_release_full (link, link_clear);
}

struct _BaladiSyncEngine
{
  GObject          parent_instance;

  char            *server_uri;
  char            *store_path;
  GNetworkMonitor *monitor;
  gboolean         network_available;
  GMainContext    *context;
  Link            *link;

  char            *username;
  char            *token;
  /* No token anywhere: a login must come first. */
  gboolean         signed_out;

  BaladiSyncState  state;
  guint            pending;
  guint            attention;
  GDateTime       *last_sync;
  guint            interval;
  guint            debounce;
  guint64          progress_rows;
  guint            progress_pages;
  guint64          progress_bytes;

  GCancellable    *cancellable;
  gboolean         running;
  /* A sync was asked for while one ran: run once more after it. */
  gboolean         again;
  /* The next run makes every waiting edit due at once. */
  gboolean         retry_now;
  GPtrArray       *waiters;       /* GTask: done when the current run ends */
  GPtrArray       *next_waiters;  /* GTask: done when the next run ends */
  guint            debounce_id;
  guint            timer_id;
  guint            failures;
  gboolean         constructed;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (BaladiSyncEngine, baladi_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URI,
  PROP_STORE_PATH,
  PROP_NETWORK_MONITOR,
  PROP_DEBOUNCE,
  PROP_STATE,
  PROP_PENDING,
  PROP_ATTENTION,
  PROP_LAST_SYNC,
  PROP_USERNAME,
  PROP_INTERVAL,
  PROP_PROGRESS_ROWS,
  PROP_PROGRESS_PAGES,
  PROP_PROGRESS_BYTES,
  N_PROPS
};

enum {
  REQUESTS_CHANGED,
  SERVICES_CHANGED,
  PASSWORD_NEEDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static int n_workers;

static void start_run (BaladiSyncEngine *self);

/* ---- The worker ---------------------------------------------------------- */

typedef struct {
  Link         *link;
  GMainContext *context;
  char         *server_uri;
  char         *store_path;
  char         *username;
  char         *token;
  gboolean      token_from_keyring;
  gboolean      retry_now;
  /* What the engine learns at the end. */
  gboolean      counted;
  guint         n_pending;
  guint         n_attention;
  gint64        next_attempt_at;
  gint64        retry_after;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  link_unref (job->link);
  g_main_context_unref (job->context);
  g_free (job->server_uri);
  g_free (job->store_path);
  g_free (job->username);
  secret_password_free (job->token);
  g_free (job);
  g_atomic_int_add (&n_workers, -1);
}

/* One committed step, told to the engine on the main thread. */
typedef struct {
  Link     *link;
  gboolean  progress;
  guint64   rows;
  guint     pages;
  guint64   bytes;
  gboolean  requests;
  GStrv     request_ids;  /* NULL with requests: anything may have changed */
  gboolean  services;
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  link_unref (step->link);
  g_strfreev (step->request_ids);
  g_free (step);
}

static gboolean
step_cb (gpointer data)
{
  Step *step = data;
  g_autoptr(BaladiSyncEngine) self = g_weak_ref_get (&step->link->engine);

  if (self == NULL || self->disposed)
    return G_SOURCE_REMOVE;

  if (step->progress)
    {
      g_object_freeze_notify (G_OBJECT (self));
      self->progress_rows = step->rows;
      self->progress_pages = step->pages;
      self->progress_bytes = step->bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_ROWS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_PAGES]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_BYTES]);
      g_object_thaw_notify (G_OBJECT (self));
    }
  if (step->requests)
    g_signal_emit (self, signals[REQUESTS_CHANGED], 0, step->request_ids);
  if (step->services)
    g_signal_emit (self, signals[SERVICES_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
post_step (SyncJob *job,
           Step    *step)
{
  step->link = link_ref (job->link);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, step_cb, step, step_free);
}

static void
pull_page_cb (const BaladiPullStats *stats,
              GPtrArray             *request_ids,
              guint                  n_services,
              gpointer               user_data)
{
  SyncJob *job = user_data;
  Step *step = g_new0 (Step, 1);

  step->progress = TRUE;
  step->rows = (guint64) stats->n_requests + stats->n_services + stats->n_removed;
  step->pages = stats->n_pages;
  step->bytes = stats->n_bytes;
  if (request_ids->len > 0)
    {
      step->requests = TRUE;
      step->request_ids = g_new0 (char *, request_ids->len + 1);
      for (guint i = 0; i < request_ids->len; i++)
        step->request_ids[i] = g_strdup (g_ptr_array_index (request_ids, i));
    }
  step->services = n_services > 0;
  post_step (job, step);
}

static gboolean
push_and_pull (SyncJob           *job,
               BaladiSyncClient  *client,
               BaladiStore       *store,
               GCancellable      *cancellable,
               GError           **error)
{
  g_auto(GStrv) waiting = NULL;
  BaladiPushStats pushed;
  BaladiPullStats pulled;
  gboolean ok;

  if (job->retry_now && !baladi_store_outbox_retry_now (store, error))
    return FALSE;

  waiting = baladi_store_outbox_request_ids (store, error);
  if (waiting == NULL)
    return FALSE;

  ok = baladi_sync_client_push (client, store, &pushed, cancellable, error);
  /* A push stores the server's version of each request it sent, or marks
   * its edit for the clerk: those rows changed. */
  if (pushed.n_sent + pushed.n_conflicts + pushed.n_attention > 0 && waiting[0] != NULL)
    {
      Step *step = g_new0 (Step, 1);

      step->requests = TRUE;
      step->request_ids = g_steal_pointer (&waiting);
      post_step (job, step);
    }
  /* And the cached services whose edits were sent or refused. */
  if (pushed.n_services > 0)
    {
      Step *step = g_new0 (Step, 1);

      step->services = TRUE;
      post_step (job, step);
    }
  if (!ok)
    return FALSE;

  if (!baladi_sync_client_pull (client, store, &pulled, cancellable, error))
    return FALSE;

  g_debug ("Pulled %u requests, %u services, %u removed in %u pages%s", pulled.n_requests, pulled.n_services,
           pulled.n_removed, pulled.n_pages, pulled.full ? " (full sync)" : "");
  if (pulled.full)
    {
      /* A full sync also forgets the requests it did not bring. */
      Step *step = g_new0 (Step, 1);

      step->requests = TRUE;
      post_step (job, step);
    }

  return TRUE;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncJob *job = task_data;
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (job->server_uri);
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  store = baladi_store_open (job->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->token == NULL)
    {
      g_clear_pointer (&job->username, g_free);
      if (baladi_credentials_lookup (job->server_uri, &job->username, &job->token, cancellable, &error) &&
          job->token == NULL)
        g_set_error (&error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "Not signed in");
      job->token_from_keyring = job->token != NULL;
    }

  if (job->token != NULL)
    {
      baladi_sync_client_set_token (client, job->token);
      baladi_sync_client_set_pull_page_func (client, pull_page_cb, job);
      ok = push_and_pull (job, client, store, cancellable, &error);
      job->retry_after = baladi_sync_client_get_retry_after (client);
    }

  job->counted = baladi_store_outbox_summary (store, g_get_real_time () / G_USEC_PER_SEC, &job->n_pending,
                                              &job->n_attention, &job->next_attempt_at, NULL);

  if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED) && job->token != NULL)
    {
      g_autofree char *kept = NULL;

      /* The server no longer takes this token: forget it, unless a login
       * meanwhile replaced it with a new one. */
      if (baladi_credentials_lookup (job->server_uri, NULL, &kept, NULL, NULL) && g_strcmp0 (kept, job->token) == 0)
        baladi_credentials_clear (job->server_uri, NULL, NULL);
      if (kept != NULL)
        secret_password_free (g_steal_pointer (&kept));
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- The main thread ----------------------------------------------------- */

static void
set_state (BaladiSyncEngine *self,
           BaladiSyncState   state)
{
  if (self->state == state)
    return;

  g_debug ("State %d → %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_counts (BaladiSyncEngine *self,
            guint             pending,
            guint             attention)
{
  if (self->pending != pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->attention != attention)
    {
      self->attention = attention;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
    }
}

static void
set_username (BaladiSyncEngine *self,
              const char       *username)
{
  if (g_strcmp0 (self->username, username) == 0)
    return;

  g_free (self->username);
  self->username = g_strdup (username);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

static void
fail_tasks (GPtrArray  *tasks,
            GQuark      domain,
            int         code,
            const char *message)
{
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_new_error (g_ptr_array_index (tasks, i), domain, code, "%s", message);
  g_ptr_array_set_size (tasks, 0);
}

static gboolean
timer_cb (gpointer user_data)
{
  BaladiSyncEngine *self = user_data;

  self->timer_id = 0;
  /* Without a network, wait for it to come back (network_changed_cb). */
  if (!self->network_available)
    return G_SOURCE_REMOVE;

  if (self->running)
    self->again = TRUE;
  else
    start_run (self);

  return G_SOURCE_REMOVE;
}

static gboolean
debounce_cb (gpointer user_data)
{
  BaladiSyncEngine *self = user_data;

  self->debounce_id = 0;
  if (!self->running)
    start_run (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (BaladiSyncEngine *self,
          guint             seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (seconds > 0)
    self->timer_id = g_timeout_add_seconds (seconds, timer_cb, self);
}

/* Exponential backoff with full jitter: a random wait up to 2 s, 4 s, 8 s…
 * capped at 10 min, so that desks that lost the server together do not
 * come back together. At least a second, to never spin. */
/* Seconds to wait for an edit's next attempt, due at @next_attempt_at
 * (whole seconds of real time). GLib's timers in seconds may fire up to a
 * quarter of a second early, and a run that came before the edit was due
 * would sync without it and wait again: one second more. */
static guint
until_attempt (gint64 next_attempt_at,
               gint64 now)
{
  return (guint) (next_attempt_at - now) + 1;
}

static guint
backoff_seconds (guint failures)
{
  guint ceiling = BACKOFF_CAP;

  if (failures <= 9)
    ceiling = MIN (BACKOFF_CAP, BACKOFF_BASE << (failures - 1));

  return MAX (1, g_random_int_range (0, ceiling + 1));
}

static gboolean
is_offline_error (const GError *error)
{
  return (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED) ||
         error->domain == G_RESOLVER_ERROR;
}

static void
sync_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Link *link = user_data;
  g_autoptr(BaladiSyncEngine) self = g_weak_ref_get (&link->engine);
  SyncJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint delay = 0;
  gboolean ok;

  link_unref (link);
  if (self == NULL || self->disposed)
    return;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  self->running = FALSE;
  g_clear_object (&self->cancellable);

  if (job->token_from_keyring && self->token == NULL && !self->signed_out)
    {
      self->token = g_strdup (job->token);
      set_username (self, job->username);
    }
  if (job->counted)
    set_counts (self, job->n_pending, job->n_attention);

  if (ok)
    {
      self->failures = 0;
      g_clear_pointer (&self->last_sync, g_date_time_unref);
      self->last_sync = g_date_time_new_now_utc ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
      set_state (self, BALADI_SYNC_STATE_SYNCED);
      delay = self->interval;
      /* Edits still waiting for their backoff or Retry-After. */
      if (job->next_attempt_at > now && (delay == 0 || job->next_attempt_at - now < delay))
        delay = until_attempt (job->next_attempt_at, now);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, self->signed_out ? BALADI_SYNC_STATE_SIGNED_OUT : BALADI_SYNC_STATE_IDLE);
    }
  else if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED))
    {
      /* Only forget the token this run used: a login may have come since. */
      if (self->token == NULL || g_strcmp0 (self->token, job->token) == 0)
        {
          g_clear_pointer (&self->token, secret_password_free);
          self->signed_out = TRUE;
          set_state (self, BALADI_SYNC_STATE_SIGNED_OUT);
          g_signal_emit (self, signals[PASSWORD_NEEDED], 0, self->username);
        }
      else
        {
          self->again = TRUE;
        }
    }
  else
    {
      self->failures++;
      g_debug ("Sync failed (%u in a row): %s", self->failures, error->message);
      set_state (self, is_offline_error (error) ? BALADI_SYNC_STATE_OFFLINE : BALADI_SYNC_STATE_ERROR);
      if (job->next_attempt_at > now)
        delay = MIN (until_attempt (job->next_attempt_at, now), BACKOFF_CAP);
      else if (job->retry_after >= 0)
        delay = (guint) MIN (job->retry_after, BACKOFF_CAP);
      else
        delay = backoff_seconds (self->failures);
      delay = MAX (delay, 1);
    }

  /* Logged out while the run went on. */
  if (self->signed_out)
    {
      set_state (self, BALADI_SYNC_STATE_SIGNED_OUT);
      delay = 0;
    }
  schedule (self, delay);

  /* The callbacks last: they may ask for another sync. */
  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->next_waiters->len > 0)
    start_run (self);
  else if (self->again && !self->signed_out)
    baladi_sync_engine_request_sync (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
start_run (BaladiSyncEngine *self)
{
  g_autoptr(GTask) task = NULL;
  SyncJob *job;

  g_assert (!self->running);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);

  g_ptr_array_extend_and_steal (self->waiters, g_steal_pointer (&self->next_waiters));
  self->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->signed_out)
    {
      set_state (self, BALADI_SYNC_STATE_SIGNED_OUT);
      fail_tasks (self->waiters, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "Not signed in");
      return;
    }

  self->running = TRUE;
  self->again = FALSE;

  job = g_new0 (SyncJob, 1);
  job->link = link_ref (self->link);
  job->context = g_main_context_ref (self->context);
  job->server_uri = g_strdup (self->server_uri);
  job->store_path = g_strdup (self->store_path);
  job->username = g_strdup (self->username);
  job->token = g_strdup (self->token);
  job->retry_now = self->retry_now;
  job->retry_after = -1;
  self->retry_now = FALSE;
  g_atomic_int_inc (&n_workers);

  if (self->progress_pages != 0 || self->progress_rows != 0 || self->progress_bytes != 0)
    {
      self->progress_rows = self->progress_bytes = 0;
      self->progress_pages = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_ROWS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_PAGES]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_BYTES]);
    }
  set_state (self, BALADI_SYNC_STATE_SYNCING);

  /* No source object: the task must not keep a disposed engine alive. */
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, sync_done_cb, link_ref (self->link));
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);
  g_task_run_in_thread (task, sync_thread);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  BaladiSyncEngine *self = user_data;
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (!available)
    return;

  /* Back from no network, or from a failure that was probably the
   * network's: try at once, and everything that waited too. */
  if (!was_available || self->state == BALADI_SYNC_STATE_OFFLINE || self->state == BALADI_SYNC_STATE_ERROR)
    {
      g_debug ("The network is back");
      self->failures = 0;
      self->retry_now = TRUE;
      baladi_sync_engine_request_sync (self);
    }
}

/* ---- GObject ------------------------------------------------------------- */

static void
baladi_sync_engine_constructed (GObject *object)
{
  BaladiSyncEngine *self = (BaladiSyncEngine *)object;

  G_OBJECT_CLASS (baladi_sync_engine_parent_class)->constructed (object);

  if (self->store_path == NULL)
    self->store_path = baladi_store_default_path ();
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self, 0);

  self->constructed = TRUE;
  if (self->interval > 0)
    schedule (self, self->interval);
}

static void
baladi_sync_engine_dispose (GObject *object)
{
  BaladiSyncEngine *self = (BaladiSyncEngine *)object;

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  if (self->waiters != NULL)
    fail_tasks (self->waiters, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The sync engine was closed");
  if (self->next_waiters != NULL)
    fail_tasks (self->next_waiters, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The sync engine was closed");

  G_OBJECT_CLASS (baladi_sync_engine_parent_class)->dispose (object);
}

static void
baladi_sync_engine_finalize (GObject *object)
{
  BaladiSyncEngine *self = (BaladiSyncEngine *)object;

  g_free (self->server_uri);
  g_free (self->store_path);
  g_free (self->username);
  g_clear_pointer (&self->token, secret_password_free);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_pointer (&self->next_waiters, g_ptr_array_unref);
  g_main_context_unref (self->context);
  link_unref (self->link);

  G_OBJECT_CLASS (baladi_sync_engine_parent_class)->finalize (object);
}

static void
baladi_sync_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BaladiSyncEngine *self = BALADI_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SERVER_URI:
      g_value_set_string (value, self->server_uri);
      break;
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_DEBOUNCE:
      g_value_set_uint (value, self->debounce);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_ATTENTION:
      g_value_set_uint (value, self->attention);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_PROGRESS_ROWS:
      g_value_set_uint64 (value, self->progress_rows);
      break;
    case PROP_PROGRESS_PAGES:
      g_value_set_uint (value, self->progress_pages);
      break;
    case PROP_PROGRESS_BYTES:
      g_value_set_uint64 (value, self->progress_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_sync_engine_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BaladiSyncEngine *self = BALADI_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SERVER_URI:
      self->server_uri = g_value_dup_string (value);
      break;
    case PROP_STORE_PATH:
      self->store_path = g_value_dup_string (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_DEBOUNCE:
      if (self->debounce != g_value_get_uint (value))
        {
          self->debounce = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_INTERVAL:
      baladi_sync_engine_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_sync_engine_class_init (BaladiSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = baladi_sync_engine_constructed;
  object_class->dispose = baladi_sync_engine_dispose;
  object_class->finalize = baladi_sync_engine_finalize;
  object_class->get_property = baladi_sync_engine_get_property;
  object_class->set_property = baladi_sync_engine_set_property;

  properties[PROP_SERVER_URI] =
    g_param_spec_string ("server-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: baladi_store_default_path(). */
  properties[PROP_STORE_PATH] =
    g_param_spec_string ("store-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: g_network_monitor_get_default(); tests give their own. */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Milliseconds request_sync() waits for more requests to join. */
  properties[PROP_DEBOUNCE] =
    g_param_spec_uint ("debounce", NULL, NULL, 0, 60000, DEFAULT_DEBOUNCE_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BALADI_TYPE_SYNC_STATE, BALADI_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Local edits waiting to reach the server. */
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Local edits the server refused or that conflict: the clerk decides. */
  properties[PROP_ATTENTION] =
    g_param_spec_uint ("attention", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Seconds between two syncs when nothing else starts one; 0: never.
   * The desk binds it to the sync-interval setting. */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 7 * 24 * 60 * 60, DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The progress of the running sync's pull: rows (requests, services and
   * removals) stored, pages, and bytes received. */
  properties[PROP_PROGRESS_ROWS] =
    g_param_spec_uint64 ("progress-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_PAGES] =
    g_param_spec_uint ("progress-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_BYTES] =
    g_param_spec_uint64 ("progress-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BaladiSyncEngine::requests-changed:
   * @ids: (nullable): the ids of the cached requests a committed step
   *   changed or removed; %NULL when any of them may have changed
   */
  signals[REQUESTS_CHANGED] =
    g_signal_new ("requests-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
  /**
   * BaladiSyncEngine::services-changed:
   *
   * A committed page brought services of the catalogue.
   */
  signals[SERVICES_CHANGED] =
    g_signal_new ("services-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * BaladiSyncEngine::password-needed:
   * @username: (nullable): whose token expired, or %NULL when nobody has
   *   logged in yet
   *
   * Ask for the password and call baladi_sync_engine_log_in_async(); the
   * engine stays signed out until then.
   */
  signals[PASSWORD_NEEDED] =
    g_signal_new ("password-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
baladi_sync_engine_init (BaladiSyncEngine *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->link = g_atomic_rc_box_new0 (Link);
  g_weak_ref_init (&self->link->engine, self);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->debounce = DEFAULT_DEBOUNCE_MS;
  self->interval = DEFAULT_INTERVAL;
}

/* ---- Public API ---------------------------------------------------------- */

/**
 * baladi_sync_engine_new:
 * @server_uri: the central API, e.g. https://baladi.example.bh/
 * @store_path: (nullable): the cache file; %NULL for the default one
 *
 * The engine starts from the token kept in the keyring for @server_uri,
 * if any. Use it from the thread whose main context runs.
 */
BaladiSyncEngine *
baladi_sync_engine_new (const char *server_uri,
                        const char *store_path)
{
  g_return_val_if_fail (server_uri != NULL, NULL);

  return g_object_new (BALADI_TYPE_SYNC_ENGINE, "server-uri", server_uri, "store-path", store_path, NULL);
}

BaladiSyncState
baladi_sync_engine_get_state (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), BALADI_SYNC_STATE_IDLE);

  return self->state;
}

guint
baladi_sync_engine_get_pending (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), 0);

  return self->pending;
}

guint
baladi_sync_engine_get_attention (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), 0);

  return self->attention;
}

/**
 * baladi_sync_engine_get_last_sync:
 *
 * Returns: (transfer none) (nullable): when the last sync went through
 */
GDateTime *
baladi_sync_engine_get_last_sync (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), NULL);

  return self->last_sync;
}

/**
 * baladi_sync_engine_get_username:
 *
 * Returns: (nullable): who is signed in, once known
 */
const char *
baladi_sync_engine_get_username (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), NULL);

  return self->username;
}

const char *
baladi_sync_engine_get_server_uri (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), NULL);

  return self->server_uri;
}

/**
 * baladi_sync_engine_dup_token:
 *
 * For calls made beside the engine (a supervisor's reply templates).
 *
 * Returns: (transfer full) (nullable): the token the engine holds, or
 *   %NULL when it has only the keyring's so far
 */
char *
baladi_sync_engine_dup_token (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), NULL);

  return g_strdup (self->token);
}

guint
baladi_sync_engine_get_interval (BaladiSyncEngine *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_ENGINE (self), 0);

  return self->interval;
}

/**
 * baladi_sync_engine_set_interval:
 * @seconds: between two syncs; 0 for no periodic sync
 */
void
baladi_sync_engine_set_interval (BaladiSyncEngine *self,
                                 guint             seconds)
{
  g_return_if_fail (BALADI_IS_SYNC_ENGINE (self));

  if (self->interval == seconds)
    return;

  self->interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);

  /* A new period starts now, unless a retry is waiting. */
  if (self->constructed && !self->running && self->failures == 0 && !self->signed_out && !self->disposed)
    schedule (self, seconds);
}

/**
 * baladi_sync_engine_get_progress:
 * @rows: (out) (optional): rows stored by the running (or last) pull
 * @pages: (out) (optional): pages stored
 * @bytes: (out) (optional): bytes received
 */
void
baladi_sync_engine_get_progress (BaladiSyncEngine *self,
                                 guint64          *rows,
                                 guint            *pages,
                                 guint64          *bytes)
{
  g_return_if_fail (BALADI_IS_SYNC_ENGINE (self));

  if (rows != NULL)
    *rows = self->progress_rows;
  if (pages != NULL)
    *pages = self->progress_pages;
  if (bytes != NULL)
    *bytes = self->progress_bytes;
}

/**
 * baladi_sync_engine_request_sync:
 *
 * Asks for a sync soon, e.g. after a local edit. Requests made within the
 * debounce delay make one sync; a request made while a sync runs makes
 * exactly one more after it.
 */
void
baladi_sync_engine_request_sync (BaladiSyncEngine *self)
{
  g_return_if_fail (BALADI_IS_SYNC_ENGINE (self));

  if (self->disposed || self->signed_out)
    return;

  if (self->running)
    self->again = TRUE;
  else if (self->debounce_id == 0)
    self->debounce_id = g_timeout_add (self->debounce, debounce_cb, self);
}

/**
 * baladi_sync_engine_sync_async:
 *
 * Syncs now (push, then pull), or right after the sync that is running.
 * Edits waiting for a retry are sent at once: someone asked.
 */
void
baladi_sync_engine_sync_async (BaladiSyncEngine    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BALADI_IS_SYNC_ENGINE (self));
  g_return_if_fail (!self->disposed);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, baladi_sync_engine_sync_async);

  if (self->signed_out)
    {
      g_task_return_new_error (task, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "Not signed in");
      return;
    }

  self->retry_now = TRUE;
  g_ptr_array_add (self->next_waiters, g_steal_pointer (&task));
  if (self->running)
    self->again = TRUE;
  else
    start_run (self);
}

gboolean
baladi_sync_engine_sync_finish (BaladiSyncEngine  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == baladi_sync_engine_sync_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  char *server_uri;
  char *username;
  char *password;
} LogInJob;

static void
log_in_job_free (LogInJob *job)
{
  g_free (job->server_uri);
  g_free (job->username);
  secret_password_free (job->password);
  g_free (job);
}

static void
log_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LogInJob *job = task_data;
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (job->server_uri);
  GError *error = NULL;

  if (!baladi_sync_client_login (client, job->username, job->password, cancellable, &error) ||
      !baladi_credentials_store (job->server_uri, job->username, baladi_sync_client_get_token (client),
                                 cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (baladi_sync_client_get_token (client)), (GDestroyNotify) secret_password_free);
}

/* Runs @thread_func in a worker for @task, whose source is the engine.
 * The worker's own task has no source object: the worker thread may drop
 * the last reference to it, and must never drop the engine's. */
static void
run_in_worker (GTask                  *task,
               gpointer                task_data,
               GDestroyNotify          task_data_free,
               GTaskThreadFunc         thread_func,
               GAsyncReadyCallback     done_cb)
{
  g_autoptr(GTask) worker = g_task_new (NULL, g_task_get_cancellable (task), done_cb, task);

  g_task_set_source_tag (worker, thread_func);
  g_task_set_task_data (worker, task_data, task_data_free);
  g_task_run_in_thread (worker, thread_func);
}

static void
log_in_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BaladiSyncEngine *self = g_task_get_source_object (task);
  LogInJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  char *token = g_task_propagate_pointer (G_TASK (result), &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!self->disposed)
    {
      g_clear_pointer (&self->token, secret_password_free);
      self->token = token;
      self->signed_out = FALSE;
      self->failures = 0;
      set_username (self, job->username);
      set_state (self, BALADI_SYNC_STATE_IDLE);
      /* Edits made while signed out go at once. */
      self->retry_now = TRUE;
      if (self->running)
        self->again = TRUE;
      else
        start_run (self);
    }
  else
    {
      secret_password_free (token);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * baladi_sync_engine_log_in_async:
 *
 * Logs in, keeps the token in the keyring (never the password), and
 * syncs.
 */
void
baladi_sync_engine_log_in_async (BaladiSyncEngine    *self,
                                 const char          *username,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  LogInJob *job;

  g_return_if_fail (BALADI_IS_SYNC_ENGINE (self));
  g_return_if_fail (username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, baladi_sync_engine_log_in_async);

  job = g_new0 (LogInJob, 1);
  job->server_uri = g_strdup (self->server_uri);
  job->username = g_strdup (username);
  job->password = g_strdup (password);
  run_in_worker (task, job, (GDestroyNotify) log_in_job_free, log_in_thread, log_in_done_cb);
}

gboolean
baladi_sync_engine_log_in_finish (BaladiSyncEngine  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == baladi_sync_engine_log_in_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
log_out_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (!baladi_credentials_clear (task_data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
log_out_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * baladi_sync_engine_log_out_async:
 *
 * Stops the running sync and wipes the token, in memory and in the
 * keyring. Edits not yet sent stay in the cache for the next login.
 */
void
baladi_sync_engine_log_out_async (BaladiSyncEngine    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BALADI_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, baladi_sync_engine_log_out_async);

  self->signed_out = TRUE;
  g_clear_pointer (&self->token, secret_password_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  fail_tasks (self->next_waiters, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "Not signed in");
  set_state (self, BALADI_SYNC_STATE_SIGNED_OUT);

  run_in_worker (task, g_strdup (self->server_uri), g_free, log_out_thread, log_out_done_cb);
}

gboolean
baladi_sync_engine_log_out_finish (BaladiSyncEngine  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == baladi_sync_engine_log_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- For tests ------------------------------------------------------------ */

/**
 * baladi_sync_engine_count_workers:
 *
 * Returns: how many sync workers of any engine have not finished yet,
 *   their result included
 */
guint
baladi_sync_engine_count_workers (void)
{
  return (guint) g_atomic_int_get (&n_workers);
}

/**
 * baladi_sync_engine_is_run_scheduled:
 *
 * Returns: whether a sync runs, or one was asked for and waits for the
 *   debounce delay or for the running one to end (timers not included)
 */
gboolean
baladi_sync_engine_is_run_scheduled (BaladiSyncEngine *self)
{
  return self->running || self->again || self->debounce_id != 0 || self->next_waiters->len > 0;
}
