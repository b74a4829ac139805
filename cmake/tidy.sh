#!/usr/bin/env bash
# clang-tidy over engine/ and platform/ with the repository's .clang-tidy
# (function size at most 80 lines, bug-prone patterns, performance), using the
# compile commands of a configured build folder (default: build/, as the quick
# start makes it). Any finding fails: .clang-tidy makes every check an error.
#
#   bash cmake/tidy.sh [BUILD_DIR]
#
# Needs the Debian package clang-tidy. Runs on every core (xargs -P).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
if ! command -v clang-tidy >/dev/null; then
  echo "tidy: clang-tidy is not installed (Debian: apt-get install clang-tidy)" >&2
  exit 2
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "tidy: $build/compile_commands.json is missing: configure first (bash cmake/quickstart.sh test)" >&2
  exit 2
fi
# The files the build compiles, so a file left out of CMake is not checked by
# accident either way (the list is what compile_commands.json names). The web
# runner (platform/web) is compiled only by emcc, so the native build has no
# compile command for it; the web build compiles it with the same warnings.
mapfile -t files < <(git ls-files 'engine/*.cpp' 'platform/*.cpp' ':!:platform/web/*')
echo "tidy: ${#files[@]} files"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 1 clang-tidy -p "$build" --quiet >"$log" 2>/dev/null || status=$?
if [ "$status" -ne 0 ] || grep -q 'error:\|warning:' "$log"; then
  grep -A3 'error:\|warning:' "$log" | grep -v '^--$' >&2 || true
  echo "tidy: $(grep -c 'error:\|warning:' "$log") findings" >&2
  exit 1
fi
echo "tidy: clean"
