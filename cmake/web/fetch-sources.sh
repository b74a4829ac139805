#!/usr/bin/env bash
# Fetches the Debian SOURCE packages the web build compiles with emcc
# (libsdl2, imgui, yaml-cpp, sqlite3, espeak-ng) and extracts them under
# build-web/sources/. Installs nothing: it checks that the Debian packages the
# web build needs are there and stops with the list if not (the quickstart's
# `web-build` verb installs them).
#
# apt is given a private source list and a private state folder, so the
# machine's apt setup (/etc/apt, /var/lib/apt/lists) is never touched. The
# list is the system's own debian.sources with `Types: deb` changed to
# `Types: deb-src`: no host is written anywhere by us.
#
# Re-runs reuse what is there: a package already extracted is skipped, and the
# private index is only refreshed when it is missing.
#
# Environment: UNKNOT_WEB_DIR (default: <repo>/build-web).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
src="$web/sources"
apt_dir="$web/apt"

# The packages the web build needs, checked (not installed) here.
needed=(emscripten tcl dpkg-dev nlohmann-json3-dev libcli11-dev espeak-ng-data)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
  echo "fetch-sources: missing Debian packages: ${missing[*]}" >&2
  echo "fetch-sources: install them with apt-get, or run: bash cmake/quickstart.sh web-build" >&2
  exit 2
fi

# Source package name -> folder glob it extracts to.
packages=(libsdl2 imgui yaml-cpp sqlite3 espeak-ng)
folder_of() {
  case "$1" in
    libsdl2) echo "libsdl2-*" ;;
    imgui) echo "imgui-*" ;;
    yaml-cpp) echo "yaml-cpp-*" ;;
    sqlite3) echo "sqlite3-*" ;;
    espeak-ng) echo "espeak-ng-1.52*" ;;
  esac
}
# espeak-ng (the voice of the web's "Save as audio") comes from trixie, pinned:
# bookworm's espeak-ng 1.51 source cannot be fetched (its orig tarball,
# espeak-ng_1.51+dfsg.orig.tar.gz, answers 404 on deb.debian.org), and
# trixie's 1.52 is the next Debian source of it. Its library reads bookworm's
# 1.51 voice data (the espeak-ng-data package) unchanged, and speaks as
# bookworm's own library does: most lines sample for sample, a few a few
# milliseconds apart (docs/web.md).
espeak_version=1.52.0+dfsg-5
espeak_suite=trixie
extracted() { compgen -G "$src/$(folder_of "$1")/" >/dev/null; }

todo=()
for p in "${packages[@]}"; do extracted "$p" || todo+=("$p"); done
if [ ${#todo[@]} -eq 0 ]; then
  echo "fetch-sources: all sources already in $src"
  exit 0
fi

mkdir -p "$src" "$apt_dir/lists/partial" 
system_sources=/etc/apt/sources.list.d/debian.sources
[ -f "$system_sources" ] || { echo "fetch-sources: $system_sources not found" >&2; exit 2; }
sed 's/^Types: deb$/Types: deb-src/' "$system_sources" > "$apt_dir/deb-src.sources"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/deb-src.sources"
          -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
          -o "APT::Sandbox::User=root")

if ! compgen -G "$apt_dir/lists/*Sources*" >/dev/null; then
  echo "fetch-sources: updating the private deb-src index in $apt_dir"
  apt-get "${apt_opts[@]}" update -qq
fi

# The second private list: trixie's sources, for espeak-ng alone (pinned).
# Its own lists folder, so the bookworm index above stays as it is.
# (The system list's first stanza, the main archive, with its suite changed.)
awk 'BEGIN { RS = ""; ORS = "\n" } NR == 1' "$system_sources" \
  | sed -e 's/^Types: deb$/Types: deb-src/' -e "s/^Suites: .*/Suites: $espeak_suite/" > "$apt_dir/espeak-src.sources"
mkdir -p "$apt_dir/lists-espeak/partial"
espeak_opts=(-o "Dir::Etc::SourceList=$apt_dir/espeak-src.sources"
             -o "Dir::Etc::SourceParts=/dev/null"
             -o "Dir::State::Lists=$apt_dir/lists-espeak"
             -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
             -o "APT::Sandbox::User=root")

cd "$src"
for p in "${todo[@]}"; do
  echo "fetch-sources: $p"
  if [ "$p" = espeak-ng ]; then
    compgen -G "$apt_dir/lists-espeak/*Sources*" >/dev/null || apt-get "${espeak_opts[@]}" update -qq
    apt-get "${espeak_opts[@]}" source --download-only -qq "espeak-ng=$espeak_version"
    dpkg-source --no-check -x "$src/espeak-ng_${espeak_version#*:}.dsc" >/dev/null
    extracted "$p" || { echo "fetch-sources: $p did not extract under $src" >&2; exit 1; }
    continue
  fi
  apt-get "${apt_opts[@]}" source --download-only -qq "$p"
  dsc=$(ls -t "$src"/"${p}"_*.dsc | head -n1)
  dpkg-source --no-check -x "$dsc" >/dev/null
  extracted "$p" || { echo "fetch-sources: $p did not extract under $src" >&2; exit 1; }
done
echo "fetch-sources: sources ready in $src"
