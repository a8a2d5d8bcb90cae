/* baladi-service-list.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The services of the cache as a GListModel of BaladiService: the whole
 * catalogue or one sector or category of it, in catalogue order, or, with
 * search text, the services found, best first. Filtering and ranking are
 * done in SQL; the model keeps only codes and builds a BaladiService when
 * a row is first shown. A refresh compares the new rows with the shown
 * ones and emits items-changed for what changed only, so that a list view
 * keeps its scroll position and selection when a sync brings one service. */

#include "config.h"

#include <string.h>

#include "baladi-service-list.h"
#include "baladi-store-services.h"

/* More results than anyone reads; the rest are worse matches. */
#define SEARCH_LIMIT 200

typedef struct {
  char             *code;
  gint64            revision;
  BaladiService    *service;  /* built when first asked for */
  BaladiServiceHit *hit;      /* when searching */
} Row;

struct _BaladiServiceList
{
  GObject              parent_instance;

  BaladiStore         *store;
  BaladiServiceSearch *search;
  char                *sector;
  char                *category;
  char                *search_text;
  GStrv                category_order;  /* how the browsed list orders categories */
  BaladiServiceQuery  *query;
  GPtrArray           *rows;  /* Row */
  gint64               revision;  /* of the catalogue the rows show */
  gboolean             stale;     /* the filters changed since */
};

static void baladi_service_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BaladiServiceList, baladi_service_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, baladi_service_list_model_init))

enum {
  PROP_0,
  PROP_SECTOR,
  PROP_CATEGORY,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_free (Row *row)
{
  if (row == NULL)
    return;

  g_free (row->code);
  g_clear_object (&row->service);
  g_clear_pointer (&row->hit, baladi_service_hit_unref);
  g_free (row);
}

static GType
baladi_service_list_get_item_type (GListModel *model)
{
  return BALADI_TYPE_SERVICE;
}

static guint
baladi_service_list_get_n_items (GListModel *model)
{
  return BALADI_SERVICE_LIST (model)->rows->len;
}

static gpointer
baladi_service_list_get_item (GListModel *model,
                              guint       position)
{
  BaladiServiceList *self = BALADI_SERVICE_LIST (model);
  Row *row;

  if (position >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, position);
  if (row->service == NULL)
    {
      g_autoptr(GError) error = NULL;

      row->service = baladi_store_get_service (self->store, row->code, &error);
      /* A row always has an item: at worst a service that is only a code,
       * until the next refresh. */
      if (row->service == NULL)
        {
          if (error != NULL)
            g_warning ("%s", error->message);
          row->service = baladi_service_new (row->code);
        }
    }

  return g_object_ref (row->service);
}

static void
baladi_service_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = baladi_service_list_get_item_type;
  iface->get_n_items = baladi_service_list_get_n_items;
  iface->get_item = baladi_service_list_get_item;
}

static void
baladi_service_list_finalize (GObject *object)
{
  BaladiServiceList *self = (BaladiServiceList *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->search);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->category_order, g_strfreev);
  g_clear_pointer (&self->query, baladi_service_query_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (baladi_service_list_parent_class)->finalize (object);
}

static void
baladi_service_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BaladiServiceList *self = BALADI_SERVICE_LIST (object);

  switch (prop_id)
    {
    case PROP_SECTOR:
      g_value_set_string (value, self->sector);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_service_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BaladiServiceList *self = BALADI_SERVICE_LIST (object);

  switch (prop_id)
    {
    case PROP_SECTOR:
      baladi_service_list_set_sector (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      baladi_service_list_set_category (self, g_value_get_string (value));
      break;
    case PROP_SEARCH_TEXT:
      baladi_service_list_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_service_list_class_init (BaladiServiceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baladi_service_list_finalize;
  object_class->get_property = baladi_service_list_get_property;
  object_class->set_property = baladi_service_list_set_property;

  /**
   * BaladiServiceList:sector:
   *
   * Only the services of this sector (its wire name), or %NULL for all.
   */
  properties[PROP_SECTOR] = g_param_spec_string ("sector", NULL, NULL, NULL, flags);
  /**
   * BaladiServiceList:category:
   *
   * Only the services of this category, or %NULL for all.
   */
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  /**
   * BaladiServiceList:search-text:
   *
   * What the clerk typed: the services it finds, best first. Empty or
   * %NULL lists the services in catalogue order.
   */
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baladi_service_list_init (BaladiServiceList *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->revision = -1;
  self->stale = TRUE;
}

/**
 * baladi_service_list_new:
 *
 * Returns: (transfer full): the whole cached catalogue, already loaded
 */
BaladiServiceList *
baladi_service_list_new (BaladiStore *store)
{
  BaladiServiceList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);

  self = g_object_new (BALADI_TYPE_SERVICE_LIST, NULL);
  self->store = g_object_ref (store);
  self->search = baladi_service_search_new (store);
  if (!baladi_service_list_refresh (self, &error))
    g_warning ("%s", error->message);

  return self;
}

static Row *
row_new (const char *code,
         gint64      revision)
{
  Row *row = g_new0 (Row, 1);

  row->code = g_strdup (code);
  row->revision = revision;
  return row;
}

static gboolean
hits_look_alike (BaladiServiceHit *a,
                 BaladiServiceHit *b)
{
  const char *languages[] = { "ar", "en" };

  if (a == NULL || b == NULL)
    return a == b;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      guint n_a, n_b;
      const BaladiTextSpan *spans_a = baladi_service_hit_get_name_spans (a, languages[i], &n_a);
      const BaladiTextSpan *spans_b = baladi_service_hit_get_name_spans (b, languages[i], &n_b);

      if (n_a != n_b || (n_a > 0 && memcmp (spans_a, spans_b, n_a * sizeof (BaladiTextSpan)) != 0))
        return FALSE;
    }

  return TRUE;
}

/* The positions of @target (indices into the new rows, or -1 for rows
 * that go) that form a longest increasing run: those rows can stay where
 * they are, every other one is removed and inserted again. */
static gboolean *
rows_to_keep (const int *target,
              guint      n)
{
  g_autofree guint *tails = g_new (guint, n + 1);
  g_autofree int *previous = g_new (int, n);
  gboolean *keep = g_new0 (gboolean, n);
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint low = 0, high = length;

      if (target[i] < 0)
        continue;

      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (target[tails[middle]] < target[i])
            low = middle + 1;
          else
            high = middle;
        }
      previous[i] = low > 0 ? (int) tails[low - 1] : -1;
      tails[low] = i;
      if (low == length)
        length++;
    }

  if (length > 0)
    for (int i = tails[length - 1]; i >= 0; i = previous[i])
      keep[i] = TRUE;

  return keep;
}

/* Makes the rows those of @next, a few items-changed at a time. */
static void
apply_rows (BaladiServiceList *self,
            GPtrArray         *next)
{
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *target = g_new (int, self->rows->len + 1);
  g_autofree gboolean *keep = NULL;
  guint pos, j, changed_start = 0, n_changed = 0;

  for (guint i = 0; i < next->len; i++)
    g_hash_table_insert (positions, ((Row *) g_ptr_array_index (next, i))->code, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < self->rows->len; i++)
    target[i] = (int) GPOINTER_TO_UINT (g_hash_table_lookup (positions, ((Row *) g_ptr_array_index (self->rows, i))->code)) - 1;
  keep = rows_to_keep (target, self->rows->len);

  /* Rows that go or move, from the end so that positions stay right. */
  for (guint i = self->rows->len; i > 0;)
    {
      guint end = i;

      if (keep[i - 1])
        {
          i--;
          continue;
        }
      while (i > 0 && !keep[i - 1])
        i--;
      g_ptr_array_remove_range (self->rows, i, end - i);
      g_list_model_items_changed (G_LIST_MODEL (self), i, end - i, 0);
    }

  /* The rows left are in the new order: insert the others between them,
   * and replace those whose service or highlights changed. */
  for (pos = 0, j = 0; j < next->len;)
    {
      Row *wanted = g_ptr_array_index (next, j);
      Row *shown = pos < self->rows->len ? g_ptr_array_index (self->rows, pos) : NULL;
      guint start;

      if (shown != NULL && g_str_equal (shown->code, wanted->code))
        {
          gboolean changed = shown->revision != wanted->revision;

          changed |= !hits_look_alike (shown->hit, wanted->hit);
          if (shown->revision != wanted->revision)
            {
              g_clear_object (&shown->service);
              shown->revision = wanted->revision;
            }
          g_clear_pointer (&shown->hit, baladi_service_hit_unref);
          shown->hit = g_steal_pointer (&wanted->hit);

          if (changed)
            {
              if (n_changed == 0)
                changed_start = pos;
              n_changed++;
            }
          else if (n_changed > 0)
            {
              g_list_model_items_changed (G_LIST_MODEL (self), changed_start, n_changed, n_changed);
              n_changed = 0;
            }
          pos++;
          j++;
          continue;
        }

      if (n_changed > 0)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), changed_start, n_changed, n_changed);
          n_changed = 0;
        }

      for (start = j; j < next->len; j++)
        {
          Row *row = g_ptr_array_index (next, j);

          if (shown != NULL && g_str_equal (shown->code, row->code))
            break;
          g_ptr_array_insert (self->rows, pos + (j - start), g_steal_pointer (&next->pdata[j]));
        }
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, j - start);
      pos += j - start;
    }

  if (n_changed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), changed_start, n_changed, n_changed);
}

static guint
category_place (BaladiServiceList *self,
                const char        *category)
{
  for (guint i = 0; self->category_order != NULL && self->category_order[i] != NULL; i++)
    if (g_strcmp0 (self->category_order[i], category) == 0)
      return i;

  return G_MAXUINT;
}

typedef struct {
  Row   *row;
  guint  place;
  guint  position;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a, *pb = b;

  if (pa->place != pb->place)
    return pa->place < pb->place ? -1 : 1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

static GPtrArray *
browse (BaladiServiceList  *self,
        GError            **error)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = baladi_store_prepare_cached (self->store,
                                      "SELECT s.code, i.revision, s.category FROM services s JOIN service_index i ON i.code = s.code "
                                      "WHERE (?1 IS NULL OR s.sector = ?1) AND (?2 IS NULL OR s.category = ?2) "
                                      "ORDER BY CASE s.sector WHEN 'municipalities' THEN 0 WHEN 'urban-planning' THEN 1 "
                                      "  WHEN 'agriculture-marine' THEN 2 ELSE 3 END, s.sector, s.category, s.code");
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, self->sector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->category, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Placed entry = { row_new ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1)),
                       category_place (self, (const char *) sqlite3_column_text (stmt, 2)), placed->len };

      g_array_append_val (placed, entry);
    }
  sqlite3_reset (stmt);

  /* Within each sector, the categories in the order the page shows them
   * (baladi_service_list_set_category_order()); the services of one
   * category by code. */
  g_array_sort (placed, compare_placed);
  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (rows, g_array_index (placed, Placed, i).row);

  if (rc == SQLITE_DONE)
    return g_steal_pointer (&rows);

fail:
  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
               "Listing the services failed: %s", sqlite3_errmsg (baladi_store_get_db (self->store)));
  return NULL;
}

/**
 * baladi_service_list_refresh:
 *
 * Reads the cache again: call it after a sync. Emits items-changed for
 * the services that came, went, moved or changed; nothing when the
 * catalogue is as it was.
 */
gboolean
baladi_service_list_refresh (BaladiServiceList  *self,
                             GError            **error)
{
  g_autoptr(GPtrArray) next = NULL;
  gint64 revision;

  g_return_val_if_fail (BALADI_IS_SERVICE_LIST (self), FALSE);

  revision = baladi_store_get_catalogue_revision (self->store);
  if (!self->stale && revision == self->revision && revision >= 0)
    return TRUE;

  g_clear_pointer (&self->query, baladi_service_query_unref);
  if (self->search_text != NULL && *self->search_text != '\0')
    {
      g_autoptr(GPtrArray) hits = NULL;

      self->query = baladi_service_search_parse (self->search, self->search_text);
      hits = baladi_service_search_run (self->search, self->query, self->sector, self->category,
                                        SEARCH_LIMIT, error);
      if (hits == NULL)
        return FALSE;

      next = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      for (guint i = 0; i < hits->len; i++)
        {
          BaladiServiceHit *hit = g_ptr_array_index (hits, i);
          Row *row = row_new (baladi_service_hit_get_code (hit), baladi_service_hit_get_revision (hit));

          row->hit = baladi_service_hit_ref (hit);
          g_ptr_array_add (next, row);
        }
    }
  else if ((next = browse (self, error)) == NULL)
    {
      return FALSE;
    }

  apply_rows (self, next);
  self->revision = revision;
  self->stale = FALSE;

  return TRUE;
}

static void
filter_changed (BaladiServiceList *self,
                char             **field,
                const char        *value,
                GParamSpec        *pspec)
{
  g_autoptr(GError) error = NULL;

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  self->stale = TRUE;
  if (!baladi_service_list_refresh (self, &error))
    g_warning ("%s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

const char *
baladi_service_list_get_sector (BaladiServiceList *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_LIST (self), NULL);

  return self->sector;
}

/**
 * baladi_service_list_set_sector:
 * @sector: (nullable): a sector's wire name, or %NULL for all sectors
 */
void
baladi_service_list_set_sector (BaladiServiceList *self,
                                const char        *sector)
{
  g_return_if_fail (BALADI_IS_SERVICE_LIST (self));

  filter_changed (self, &self->sector, sector, properties[PROP_SECTOR]);
}

const char *
baladi_service_list_get_category (BaladiServiceList *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_LIST (self), NULL);

  return self->category;
}

/**
 * baladi_service_list_set_category:
 * @category: (nullable): a category's code, or %NULL for all categories
 */
void
baladi_service_list_set_category (BaladiServiceList *self,
                                  const char        *category)
{
  g_return_if_fail (BALADI_IS_SERVICE_LIST (self));

  filter_changed (self, &self->category, category, properties[PROP_CATEGORY]);
}

const char *
baladi_service_list_get_search_text (BaladiServiceList *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_LIST (self), NULL);

  return self->search_text;
}

/**
 * baladi_service_list_set_search_text:
 * @text: (nullable): what was typed; empty or %NULL to browse
 *
 * Searches at once: the catalogue is small enough to search on every key
 * press.
 */
void
baladi_service_list_set_search_text (BaladiServiceList *self,
                                     const char        *text)
{
  g_return_if_fail (BALADI_IS_SERVICE_LIST (self));

  filter_changed (self, &self->search_text, text, properties[PROP_SEARCH_TEXT]);
}

/**
 * baladi_service_list_get_query:
 *
 * Returns: (transfer none) (nullable): how the search text was
 *   understood, to highlight the words found; %NULL when browsing
 */
BaladiServiceQuery *
baladi_service_list_get_query (BaladiServiceList *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_LIST (self), NULL);

  return self->query;
}

/**
 * baladi_service_list_get_hit:
 *
 * Returns: (transfer none) (nullable): the score and highlights of the
 *   service at @position; %NULL when browsing
 */
BaladiServiceHit *
baladi_service_list_get_hit (BaladiServiceList *self,
                             guint              position)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_LIST (self), NULL);

  if (position >= self->rows->len)
    return NULL;

  return ((Row *) g_ptr_array_index (self->rows, position))->hit;
}

/**
 * baladi_service_list_set_category_order:
 * @categories: (nullable) (array zero-terminated=1): category codes, in the
 *   order to show them
 *
 * Orders the services browsed (not those a search found) by their
 * category, in this order; those of categories not in it come last, by
 * sector, category and code. The list shows it at the next refresh.
 */
void
baladi_service_list_set_category_order (BaladiServiceList  *self,
                                        const char * const *categories)
{
  g_return_if_fail (BALADI_IS_SERVICE_LIST (self));

  if ((self->category_order == NULL && categories == NULL) ||
      (self->category_order != NULL && categories != NULL &&
       g_strv_equal ((const char * const *) self->category_order, categories)))
    return;

  g_strfreev (self->category_order);
  self->category_order = g_strdupv ((char **) categories);
  self->stale = TRUE;
}
