#!/bin/bash
# Red team, content through the real executable: each section is one class of
# hostile content (docs/testing.md). Run by ctest as
#   bash redteam_content.sh <unknot-exe> <scratch-dir> <source-dir>
# Exit 0: every case held; 1: one did not (it says which); 77: cannot run here.
set -u
exe=$1 scratch=$2 src=$3
[ -x "$exe" ] || { echo "skip: no executable at $exe"; exit 77; }
command -v mkfifo >/dev/null && command -v timeout >/dev/null || { echo "skip: needs mkfifo and timeout"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
export HOME=$scratch/home XDG_DATA_HOME=$scratch/home/.local/share
mkdir -p "$HOME"
fail() { echo "FAIL: $*"; exit 1; }

head() {  # the head of a valid routine with id $1, up to "steps:"
  printf 'id: %s\ntitle: {en: Test, fr: Test}\nsummary: {en: For tests., fr: Pour les tests.}\nkind: stretch\n' "$1"
  printf 'areas: [neck]\nequipment: []\nintensity: gentle\nflare_safe: true\n'
  printf 'cautions:\n  - {en: Stop on sharp pain., fr: Arrêtez en cas de douleur vive.}\nsteps:\n'
}
step='  - say: {en: Breathe., fr: Respirez.}
    duration: 30s'
newpack() {  # a pack at $1 with one valid routine, "fine"
  mkdir -p "$1/routines"
  printf 'format: 1\nid: %s\ntitle: {en: Red, fr: Rouge}\nversion: 1.0.0\nlanguages: [en, fr]\n' "$(basename "$1")" >"$1/pack.yaml"
  { head fine; echo "$step"; } >"$1/routines/fine.yaml"
}
# Runs unknot with a generous deadline (a hang is the failure being tested for);
# sets $out, $err, $rc.
run() {
  timeout 60 "$exe" "$@" >"$scratch/out" 2>"$scratch/err"
  rc=$?
  out=$(cat "$scratch/out") err=$(cat "$scratch/err")
  [ $rc -ne 124 ] || fail "unknot $* did not finish within 60 s"
  [ $rc -lt 128 ] || fail "unknot $* crashed (status $rc): $err"
}

#-----------------------------------------------------------------------------
# 1. Recursion depth: 3,000 routines, each including the next
#-----------------------------------------------------------------------------
p=$scratch/chain
newpack "$p"
for i in $(seq 0 2999); do
  if [ "$i" -lt 2999 ]; then body="  - include: r$((i + 1))"; else body=$step; fi
  { head "r$i"; echo "$body"; } >"$p/routines/r$i.yaml"
done
run --content "$p" lint
[ $rc -eq 1 ] || fail "lint of the chain: status $rc, expected 1"
grep -q "r2982.yaml:12:14: error: include nesting too deep" <<<"$out" || fail "lint of the chain: no depth error at r2982"
run --content "$p" list
[ $rc -eq 0 ] || fail "list of the chain: status $rc"
run --content "$p" show r2983
[ $rc -eq 0 ] || fail "show of the deepest allowed routine: status $rc"
run --content "$p" play r2983 --clock virtual
[ $rc -eq 0 ] && grep -q "end · 30 s" <<<"$out" || fail "play of the deepest allowed routine: status $rc, $out"
run --content "$p" play r0 --clock virtual
[ $rc -eq 1 ] || fail "play of a routine past the limit: status $rc, expected 1 (not loaded)"
echo "ok: recursion depth"

#-----------------------------------------------------------------------------
# 3. Files that are not regular files: a FIFO never freezes lint or list
#-----------------------------------------------------------------------------
p=$scratch/fifo
newpack "$p"
mkfifo "$p/routines/x.yaml"
run lint "$p"
[ $rc -eq 1 ] || fail "lint with a FIFO: status $rc"
grep -q "routines/x.yaml:1:1: error: cannot read file: not a regular file (it is a named pipe (FIFO)" <<<"$out" || fail "lint with a FIFO: $out"
run --content "$p" list
[ $rc -eq 0 ] && grep -q "^fine " <<<"$out" || fail "list with a FIFO: status $rc, $out"
run lint /dev/zero
grep -q "/dev/zero:1:1: error: cannot read file: not a regular file (it is a character device)" <<<"$out" || fail "lint /dev/zero: $out"
echo "ok: not regular files"

#-----------------------------------------------------------------------------
# 4. A routines/ folder that cannot be listed (needs a user other than root,
#    whom permissions do not stop)
#-----------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
  p=$scratch/locked
  newpack "$p"
  chmod 000 "$p/routines"
  run lint "$p"
  chmod 755 "$p/routines"
  [ $rc -eq 1 ] && grep -q "routines:1:1: error: cannot list folder: permission denied" <<<"$out" ||
    fail "lint of an unlistable routines/: status $rc, $out $err"
  echo "ok: unlistable folder"
else
  echo "note: unlistable folder not tried as root (permissions do not apply); test_content covers it"
fi

#-----------------------------------------------------------------------------
# 5. Wrong numbers on the command line
#-----------------------------------------------------------------------------
run list --max-minutes -1
[ $rc -eq 2 ] && grep -q "from 1 to 1440" <<<"$err" && [ ${#err} -lt 200 ] || fail "--max-minutes -1: status $rc, $err"
run --lang xx list
[ $rc -eq 2 ] && grep -q "the languages are: en, fr" <<<"$err" || fail "--lang xx: status $rc, $err"
run --lang "" list
[ $rc -eq 2 ] || fail "--lang '': status $rc"
echo "ok: wrong numbers"

#-----------------------------------------------------------------------------
# 7. Terminal escapes: file names holding ESC and a newline are escaped
#-----------------------------------------------------------------------------
p=$scratch/escapes
newpack "$p"
: >"$p/routines/$(printf 'a\033[2Jb.yaml')"
: >"$p/routines/$(printf 'c\nd.yaml')"
run lint "$p"
[ $rc -eq 1 ] || fail "lint of escaping names: status $rc"
if grep -q $'\033' "$scratch/out"; then fail "lint printed a raw ESC"; fi
grep -qF 'routines/a\x1b[2Jb.yaml:1:1: error: file is empty' <<<"$out" || fail "ESC in a name not escaped: $out"
grep -qF 'routines/c\nd.yaml:1:1: error: file is empty' <<<"$out" || fail "newline in a name not escaped: $out"
echo "ok: terminal escapes"
exit 0
