#!/usr/bin/env bash
# Unknot quick start: installs what is missing (Debian 12 packages only), builds,
# then runs the app or the whole test suite.
#
#   bash cmake/quickstart.sh run [unknot args...]   build and start Unknot
#   bash cmake/quickstart.sh test                   build and run every test
#   bash cmake/quickstart.sh web-build              build the web (WebAssembly) build: build-web/site
#   bash cmake/quickstart.sh web [--host 0.0.0.0] [--port N]
#                                                   build it, then serve the app on http://127.0.0.1:8080/
#
# Environment: UNKNOT_BUILD_DIR (default: build), UNKNOT_PRESET (default: default).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-}"
shift || true

# Every dependency is a Debian package (espeak-ng speaks the guidance,
# libopusenc writes `unknot render`'s .opus files). Tests also need a virtual X server
# (Xvfb), xdotool for the end-to-end test that uses real input events,
# ImageMagick for its pixel checks,
# Python's jsonschema to check the content schema (content/schema/), and the
# freedesktop validators for the installed desktop file and AppStream
# metainfo (docs/install.md), and a D-Bus daemon with dbus-monitor, which
# check the daily reminder's call on a real bus (tests/platform).
packages=(build-essential cmake pkg-config git
          libyaml-cpp-dev catch2 libcli11-dev libsqlite3-dev nlohmann-json3-dev
          libsdl2-dev libimgui-dev libstb-dev libfreetype-dev fonts-dejavu-core
          libespeak-ng-dev espeak-ng-data libopusenc-dev
          xvfb xauth xdotool x11-utils imagemagick
          python3 python3-yaml python3-jsonschema
          desktop-file-utils appstream dbus-daemon dbus-bin)

# The web build (docs/web.md) needs emscripten, tcl for SQLite's amalgamation,
# dpkg-dev for dpkg-source, the header-only libraries and node; g++ and
# libstb-dev for the icon tool, fonts-dejavu-core for the packed fonts,
# espeak-ng-data for the voice's data ("Save as audio" speaks in a page too).
web_packages=(cmake emscripten tcl dpkg-dev nlohmann-json3-dev libcli11-dev nodejs gzip
              g++ libstb-dev fonts-dejavu-core python3 espeak-ng-data)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "quickstart: installing ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "quickstart: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
    sudo="sudo"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  local dir="${UNKNOT_BUILD_DIR:-build}" preset="${UNKNOT_PRESET:-default}"
  cmake --preset "$preset" -B "$dir" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

case "$mode" in
  web-build|web)
    packages=("${web_packages[@]}")
    install_missing
    t0=$(date +%s)
    bash cmake/web/fetch-sources.sh
    bash cmake/web/build-deps.sh
    bash cmake/web/build-cli.sh
    bash cmake/web/build-app.sh
    echo "quickstart: the web build took $(( $(date +%s) - t0 )) s; the site is in build-web/site/"
    if [ "$mode" = web ]; then
      exec python3 cmake/web/serve.py "$@"
    fi
    ;;
  run)
    install_missing
    build
    exec "${UNKNOT_BUILD_DIR:-build}/bin/unknot" "$@"
    ;;
  test)
    install_missing
    build
    # Two at a time: the UI tests run real windows under Xvfb and the machine
    # CI gives us has two cores.
    ctest --test-dir "${UNKNOT_BUILD_DIR:-build}" --output-on-failure -j2 --timeout 600
    ;;
  *)
    echo "usage: bash cmake/quickstart.sh run [unknot args...] | test | web-build | web" >&2
    exit 2
    ;;
esac
