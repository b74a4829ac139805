#!/usr/bin/env bash
# Builds the window app for the browser and lays out the site:
# build-web/app/unknot.{js,wasm,data} (cmake/web/app), then
# build-web/site/ (cmake/web/make-site.sh: the page, manifest, service worker,
# icons). Needs the prefix build-deps.sh fills (SDL2 and Dear ImGui included).
# The configure command is the one written in cmake/web/README.md.
#
# Environment: UNKNOT_WEB_DIR (default: <repo>/build-web), UNKNOT_WEB_JOBS
# (default: 2), UNKNOT_WEB_LAUNCHER (e.g. ccache; default: none).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
prefix="$web/prefix"
jobs="${UNKNOT_WEB_JOBS:-2}"
. "$here/cmake/web/common.sh"

for f in libyaml-cpp.a libSDL2.a libimgui.a libstb.a libespeak-ng.a libucd.a; do
  [ -f "$prefix/lib/$f" ] || { echo "build-app: $prefix/lib/$f is missing: run cmake/web/build-deps.sh" >&2; exit 2; }
done
imgui_src=$(compgen -G "$web/sources/imgui-*" | head -n1)
# The installed espeak-ng-data folder (its place has the machine's triplet).
espeak_data_dir() {
  local f; f=$(dpkg -L espeak-ng-data 2>/dev/null | grep '/espeak-ng-data/phondata$' | head -n1)
  [ -n "$f" ] || { echo "build-app: the Debian package espeak-ng-data is not installed" >&2; exit 2; }
  dirname "$f"
}
web_build app "$here/cmake/web/app" unknot_web \
  -DSDL2_DIR="$prefix/lib/cmake/SDL2" \
  -DUNKNOT_IMGUI_INCLUDE_DIR="$prefix/include/imgui" \
  -DUNKNOT_IMGUI_LIBRARY="$prefix/lib/libimgui.a" \
  -DUNKNOT_IMGUI_BACKEND_DIR="$imgui_src/backends" \
  -DUNKNOT_STB_INCLUDE_DIR="$prefix/include" \
  -DUNKNOT_STB_LIBRARY="$prefix/lib/libstb.a" \
  -DUNKNOT_WITH_VOICE=ON \
  -DUNKNOT_ESPEAK_INCLUDE_DIR="$prefix/include" \
  -DUNKNOT_ESPEAK_LIBRARIES="$prefix/lib/libespeak-ng.a;$prefix/lib/libucd.a" \
  -DUNKNOT_ESPEAK_DATA_DIR="$(espeak_data_dir)"
bash "$here/cmake/web/make-site.sh"
