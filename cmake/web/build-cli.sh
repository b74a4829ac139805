#!/usr/bin/env bash
# Configures this repository with emscripten's toolchain against the prefix
# that build-deps.sh filled, and builds the command line for node:
# build-web/cli/unknot.js + unknot.wasm + unknot.data (the bundled content).
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

[ -f "$prefix/lib/libyaml-cpp.a" ] || { echo "build-cli: $prefix is not built: run cmake/web/build-deps.sh" >&2; exit 2; }
espeak_args=$(espeak_options) || exit $?
mapfile -t espeak <<<"$espeak_args"
web_build cli "$here/cmake/web/cli" unknot_web_cli "${espeak[@]}"
for f in unknot.js unknot.wasm unknot.data; do
  printf 'build-cli: %-12s %9d bytes, %9d gzipped\n' "$f" "$(stat -c %s "$web/cli/$f")" "$(gzip -9c "$web/cli/$f" | wc -c)"
done
