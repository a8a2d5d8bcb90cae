#!/usr/bin/env bash
# Extracts the strings of the current sources the way `meson compile
# baladi-desk-pot` does, merges them into every po/LANG.po named in
# po/LINGUAS, and fails if any string is untranslated or fuzzy there, or if a
# po file fails `msgfmt --check`. Usage: check-translations.sh SOURCE_ROOT
set -euo pipefail
cd "${1:?usage: check-translations.sh SOURCE_ROOT}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The keywords and flags of meson's i18n 'glib' preset.
xgettext --package-name=baladi-desk --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format \
  --files-from=<(grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d') \
  --output="$work/baladi-desk.pot"

n_strings=$(msgattrib --no-obsolete "$work/baladi-desk.pot" | grep -c '^msgid ' || true)
status=0

for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po: missing (listed in po/LINGUAS)"
    status=1
    continue
  fi
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$po: fails msgfmt --check"
    status=1
    continue
  fi

  msgmerge --quiet --previous --output-file="$work/$lang.po" "$po" "$work/baladi-desk.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$work/$lang.po" 2>&1)
  echo "$po: $stats (of $((n_strings - 1)) strings in the sources)"

  untranslated=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid ' | tail -n +2 || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep '^msgid ' | tail -n +2 || true)
  if [ -n "$untranslated" ]; then
    echo "$po: untranslated strings:"; echo "$untranslated" | sed 's/^/    /'
    status=1
  fi
  if [ -n "$fuzzy" ]; then
    echo "$po: fuzzy strings (check and remove the fuzzy flag):"; echo "$fuzzy" | sed 's/^/    /'
    status=1
  fi
done

exit "$status"
