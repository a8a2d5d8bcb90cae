#!/usr/bin/env bash
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, when POTFILES.in names a file that does not exist, or when
# it is not sorted. Usage: check-potfiles.sh SOURCE_ROOT
set -euo pipefail
cd "${1:?usage: check-potfiles.sh SOURCE_ROOT}"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d')
status=0

# Files that hold strings for translators: C with gettext markers, UI files
# with translatable properties, and the desktop, metainfo and schema files.
wanted=$( {
  grep -rlE '\b(N?C?_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' --include='*.c' src || true
  grep -rl 'translatable="yes"' --include='*.ui' src || true
  find data -name '*.desktop.in.in' -o -name '*.metainfo.xml.in.in' -o -name '*.gschema.xml'
} | sort -u)

for f in $wanted; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "po/POTFILES.in: missing $f (it has translatable strings)"
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in: lists $f, which does not exist"
    status=1
  fi
done

if [ "$listed" != "$(LC_ALL=C sort <<<"$listed")" ]; then
  echo "po/POTFILES.in: not sorted (LC_ALL=C sort)"
  status=1
fi

n=$(wc -l <<<"$listed")
if [ "$status" -eq 0 ]; then
  echo "po/POTFILES.in lists all $n files with translatable strings"
fi
exit "$status"
