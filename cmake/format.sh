#!/usr/bin/env bash
# clang-format over every C++ file of engine/, platform/, tests/ and bench/
# with the repository's .clang-format.
#
#   bash cmake/format.sh          rewrites the files in place
#   bash cmake/format.sh --check  changes nothing; fails naming each file that
#                                 is not formatted (CI runs this)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v clang-format >/dev/null || { echo "format: clang-format is not installed (Debian: apt-get install clang-format)" >&2; exit 2; }
mapfile -t files < <(git ls-files 'engine/*.cpp' 'engine/*.hpp' 'platform/*.cpp' 'platform/*.hpp' \
                                  'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then echo "format: $f is not formatted" >&2; bad=1; fi
  done
  [ "$bad" -eq 0 ] && echo "format: ${#files[@]} files formatted"
  exit "$bad"
fi
clang-format -i "${files[@]}"
echo "format: ${#files[@]} files formatted"
