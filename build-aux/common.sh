# Shared by build-aux/run-demo and build-aux/run-tests: installs the Debian
# packages the project needs (only those missing), then configures and builds
# the project in build/. Safe to run again: nothing is reinstalled and the
# build is incremental.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir="$top/build"
prefix="$builddir/install"
setup_options=(-Dwerror=true)

# Everything to build, run and test Baladi Desk on Debian 12.
packages=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libsqlite3-dev libxml2-dev libicu-dev
  # run
  adwaita-icon-theme hicolor-icon-theme librsvg2-common fonts-noto-core fonts-dejavu-core
  libglib2.0-bin tzdata
  # test
  xvfb xauth dbus-daemon desktop-file-utils appstream-util python3 openssl glib-networking
  poppler-utils
)

ensure_packages () {
  local missing=()
  local p
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "Installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

configure_and_build () {
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$top" --prefix="$prefix" "${setup_options[@]}"
  fi
  meson compile -C "$builddir"
}
