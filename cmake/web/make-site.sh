#!/usr/bin/env bash
# Lays out the site from the app build (build-web/app) and platform/web:
# build-web/site/ with index.html, manifest.webmanifest, sw.js (its version
# and file list filled in), icons/ (drawn by unknot-icon, platform/tools) and
# unknot.js, .wasm, .data. Prints each file's size, raw and gzipped.
#
# Environment: UNKNOT_WEB_DIR (default: <repo>/build-web).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
app="$web/app"
site="$web/site"
page="$here/platform/web"

for f in unknot.js unknot.wasm unknot.data voice/espeak-ng-data.tar; do
  [ -f "$app/$f" ] || { echo "make-site: $app/$f is missing: run cmake/web/build-app.sh" >&2; exit 2; }
done
rm -rf "$site.new"
mkdir -p "$site.new/icons"
cp "$app/unknot.js" "$app/unknot.wasm" "$app/unknot.data" "$site.new/"
# The voice's data: fetched only when a session is first saved as audio.
mkdir -p "$site.new/voice"
cp "$app/voice/espeak-ng-data.tar" "$site.new/voice/"
cp "$page/index.html" "$page/manifest.webmanifest" "$site.new/"

# The icons: unknot-icon (platform/tools), the same drawing as the desktop
# window's and the installed hicolor icons, built with the host compiler (it
# needs only stb) and rebuilt by CMake when its sources change. iOS shows the
# apple-touch-icon on an opaque tile, so it gets the maskable (full-bleed) form.
cmake -S "$here/platform/tools" -B "$web/icon-tool" >/dev/null
cmake --build "$web/icon-tool" >/dev/null
tool="$web/icon-tool/unknot-icon"
"$tool" --size 192 --out "$site.new/icons/icon-192.png"
"$tool" --size 512 --out "$site.new/icons/icon-512.png"
"$tool" --size 512 --maskable --out "$site.new/icons/icon-maskable-512.png"
"$tool" --size 180 --maskable --out "$site.new/icons/apple-touch-icon.png"

# The service worker: every file of the site but the voice (kept once
# fetched, see sw.js), and a version that changes whenever any file does.
all=$(cd "$site.new" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
files=$(printf '%s\n' $all | grep -v '^voice/')
version=$(cd "$site.new" && sha256sum $all "$page/sw.js" | sha256sum | cut -c1-16)
list=$(printf '"./"'; for f in $files; do printf ', "%s"' "$f"; done)
sed -e "s|__UNKNOT_VERSION__|$version|" -e "s|__UNKNOT_FILES__|[$list]|" "$page/sw.js" >"$site.new/sw.js"

rm -rf "$site"
mv "$site.new" "$site"
total=0
for f in $all sw.js; do
  raw=$(stat -c %s "$site/$f") gz=$(gzip -9c "$site/$f" | wc -c)
  case "$f" in voice/*) ;; *) total=$((total + gz)) ;; esac
  printf 'make-site: %-28s %9d bytes, %9d gzipped\n' "$f" "$raw" "$gz"
done
echo "make-site: $site (version $version), $total bytes gzipped in all but the voice (fetched when asked)"
