#!/usr/bin/env bash
# The command line built to WebAssembly (cmake/web, build-web/cli/unknot.js)
# run under node must print exactly what the desktop one prints:
#
# [SECTION] Setup: what is needed, or exit 77 (skipped)
# [SECTION] Golden cases: lint and play, against tests/golden (the native files)
# [SECTION] Bundled content: lint, list, show, play, against the native binary
# [SECTION] Summary
#
# Each command's standard output and exit status are compared byte for byte.
# Exit 0 when all match, 1 when one differs, 77 (skipped) when node or
# emscripten is missing, the wasm build is not there, or (for the bundled
# content part) the native binary is not built.
#
# Usage: tests/web/run_cli.sh   Environment: UNKNOT_WEB_DIR (default
# <repo>/build-web), UNKNOT_NATIVE (default <repo>/build/bin/unknot).
set -uo pipefail

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
native="${UNKNOT_NATIVE:-$here/build/bin/unknot}"
js="$web/cli/unknot.js"
golden="$here/tests/golden"

# UNKNOT_WEB_REQUIRED=1 (CI's web stage): a skip is a failure.
skip() {
  echo "web cli: SKIPPED: $*"
  [ "${UNKNOT_WEB_REQUIRED:-0}" = 1 ] && exit 1
  exit 77
}
command -v node >/dev/null || skip "node is not installed (Debian package nodejs)"
command -v emcc >/dev/null || skip "emscripten is not installed (Debian package emscripten)"
[ -f "$js" ] || skip "$js is not built: run bash cmake/quickstart.sh web-build"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0 failed=0
declare -A matched=()  # command kind -> "ok" or "differs"

# The wasm command line. --no-experimental-fetch: node 20's fetch cannot read
# the .wasm by path ("Failed to parse URL"). Run from the repository so that
# relative paths mean the same for both binaries.
wasm() { (cd "$here" && node --no-experimental-fetch "$js" "$@"); }
nat() { (cd "$here" && "$native" "$@"); }

# verdict KIND NAME EXPECTED_FILE EXPECTED_STATUS ACTUAL_FILE ACTUAL_STATUS
verdict() {
  local kind="$1" name="$2"
  if cmp -s "$3" "$5" && [ "$4" = "$6" ]; then
    passed=$((passed + 1))
    [ "${matched[$kind]:-}" = differs ] || matched[$kind]=ok
  else
    failed=$((failed + 1))
    matched[$kind]=differs
    echo "web cli: DIFFERS: $name (exit $6, expected $4)"
    diff "$3" "$5" | head -n 10
  fi
}

exit_status_of() {  # the hand-written status of a golden case
  awk -v c="$1" '$1 == c { print $2 }' "$golden/exit-status.txt"
}

#-----------------------------------------------------------------------------
# [SECTION] Golden cases
#-----------------------------------------------------------------------------
# As tests/engine/test_golden.cpp runs them: lint's output has the case
# folder's path removed; play runs the case with --content.
case_names() {  # *.yaml files and folders of one golden folder
  local f
  for f in "$1"/*; do
    if [ -d "$f" ]; then basename "$f"; elif [[ "$f" == *.yaml ]]; then basename "$f" .yaml; fi
  done
}
case_path() { if [ -d "$1/$2" ]; then echo "$1/$2"; else echo "$1/$2.yaml"; fi; }

# Every lint case, those timing a spoken prompt too: the wasm command line
# has espeak-ng (compiled by build-deps.sh), reading the host's voice data.
for name in $(case_names "$golden/lint"); do
  dir="$golden/lint"
  wasm lint "$(case_path "$dir" "$name")" >"$scratch/out" 2>/dev/null
  status=$?
  sed "s|$dir/||g" "$scratch/out" >"$scratch/stripped"
  verdict "golden lint" "lint/$name" "$dir/$name.expected" "$(exit_status_of "lint/$name")" "$scratch/stripped" "$status"
done
for name in $(case_names "$golden/play"); do
  dir="$golden/play"
  wasm --content "$(case_path "$dir" "$name")" play "$name" --clock virtual >"$scratch/out" 2>/dev/null
  verdict "golden play" "play/$name" "$dir/$name.expected" "$(exit_status_of "play/$name")" "$scratch/out" "$?"
done

#-----------------------------------------------------------------------------
# [SECTION] Bundled content
#-----------------------------------------------------------------------------
# The wasm build reads the content packed into unknot.data; the native one
# reads build/share/unknot/content. Same files, so the same output.
compare() {  # compare KIND ARGS...: one command, both binaries
  local kind="$1"; shift
  nat "$@" >"$scratch/native" 2>/dev/null; local ns=$?
  wasm "$@" >"$scratch/wasm" 2>/dev/null; local ws=$?
  verdict "$kind" "unknot $*" "$scratch/native" "$ns" "$scratch/wasm" "$ws"
}

native_missing=0
if [ -x "$native" ]; then
  compare lint lint
  compare list list
  compare list list --json
  compare list list --lang fr
  compare list list --area neck --max-minutes 10
  ids=$(nat list --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const r of JSON.parse(s))console.log(r.id)})')
  [ -n "$ids" ] || { echo "web cli: no routine ids from the native list --json"; failed=$((failed + 1)); }
  for id in $ids; do
    compare show show "$id"
    compare show show "$id" --lang fr
    compare play play "$id" --clock virtual
  done
  compare errors show no-such-routine
  compare errors play no-such-routine --clock virtual
else
  native_missing=1
fi

#-----------------------------------------------------------------------------
# [SECTION] Summary
#-----------------------------------------------------------------------------
for kind in "golden lint" "golden play" lint list show play errors; do
  [ -n "${matched[$kind]:-}" ] && echo "web cli: $kind: ${matched[$kind]/ok/matches native}"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || exit 1
[ "$native_missing" -eq 0 ] || skip "the bundled content was not compared: $native is not built"
exit 0
