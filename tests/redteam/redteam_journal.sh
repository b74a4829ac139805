#!/usr/bin/env bash
# Red team, journal, as processes: what only a real process shows (its real
# standard output on a full device, a folder that even root cannot write, no
# hang on pipes). Usage: redteam_journal.sh <unknot> <scratch-dir> <source-dir>
#
# Each section prints "ok:", "FAIL:" or "skip:". Exit 1 when any case failed;
# otherwise 77 (ctest: skipped) when a section could not run here, else 0.
#
# [SECTION] Setup
# [SECTION] 5. Export to a full device (stdout redirected, and --json PATH)
# [SECTION] 2/6. A read-only folder (chattr +i): export and check work, change nothing
# [SECTION] 4/7/10. Pipes never hang
set -u
unknot=$1
scratch=$2
failed=0
skipped=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failed=1; }
skip() { echo "skip: $*"; skipped=1; }

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
rm -rf "$scratch"
mkdir -p "$scratch/j"
journal=$scratch/j/journal.db
cat > "$scratch/in.json" <<'JSON'
{"format": "unknot-journal", "version": 1, "exported_at": null, "sessions": [
 {"uid": "s1", "routine_id": "neck-release", "started_at": "2025-11-21T10:15:00.000Z",
  "ended_at": "2025-11-21T10:20:00.000Z", "practised_seconds": 300, "finished": true, "note": "=1+1"}]}
JSON
"$unknot" import "$scratch/in.json" --journal "$journal" > /dev/null || { echo "FAIL: setup import"; exit 1; }
listing() { (cd "$1" && for f in $(ls -A | sort); do printf '%s ' "$f"; if [ -f "$f" ]; then sha256sum < "$f"; else echo; fi; done); }

#-----------------------------------------------------------------------------
# [SECTION] 5. Export to a full device
#-----------------------------------------------------------------------------
if [ -w /dev/full ]; then
    for fmt in --json --csv; do
        "$unknot" export $fmt - --journal "$journal" > /dev/full 2> "$scratch/err"
        status=$?
        if [ $status -ne 0 ] && grep -q "cannot write standard output" "$scratch/err" && ! grep -q "exported 1 session" "$scratch/err"; then
            ok "export $fmt - > /dev/full fails ($status): $(head -1 "$scratch/err")"
        else
            fail "export $fmt - > /dev/full: status $status, stderr: $(cat "$scratch/err")"
        fi
    done
    "$unknot" export --json /dev/full --journal "$journal" 2> "$scratch/err"
    status=$?
    if [ $status -ne 0 ] && grep -q "cannot write /dev/full" "$scratch/err"; then ok "export --json /dev/full fails ($status)"
    else fail "export --json /dev/full: status $status, stderr: $(cat "$scratch/err")"; fi
    # Standard output that works still works.
    if "$unknot" export --csv - --journal "$journal" 2>/dev/null | grep -q "'=1+1"; then ok "export --csv - to a pipe, formula neutralised"
    else fail "export --csv - to a pipe"; fi
else
    skip "no writable /dev/full"
fi

#-----------------------------------------------------------------------------
# [SECTION] 2/6. A read-only folder
#-----------------------------------------------------------------------------
# chmod does not stop root; the immutable attribute does (ext4, xfs, btrfs).
ro=$scratch/ro
mkdir -p "$ro"
cp "$journal" "$ro/journal.db"
if chattr +i "$ro/journal.db" 2>/dev/null && chattr +i "$ro" 2>/dev/null && ! touch "$ro/probe" 2>/dev/null; then
    trap 'chattr -i "$ro" "$ro/journal.db" 2>/dev/null' EXIT
    before=$(listing "$ro")
    if out=$("$unknot" export --json - --journal "$ro/journal.db" 2> "$scratch/err") && echo "$out" | grep -q '"uid": "s1"'; then
        ok "export from a read-only folder"
    else fail "export from a read-only folder: $(cat "$scratch/err")"; fi
    if "$unknot" journal check --journal "$ro/journal.db" > "$scratch/out" 2>&1 && grep -q "result: ok" "$scratch/out"; then
        ok "journal check in a read-only folder"
    else fail "journal check in a read-only folder: $(cat "$scratch/out")"; fi
    "$unknot" export --csv "$ro/out.csv" --journal "$ro/journal.db" 2> "$scratch/err"
    if [ $? -eq 2 ] && grep -q "cannot write" "$scratch/err"; then ok "export into a read-only folder is an error"
    else fail "export into a read-only folder: $(cat "$scratch/err")"; fi
    after=$(listing "$ro")
    if [ "$before" = "$after" ]; then ok "the read-only folder is unchanged (no -shm, no -wal)"
    else fail "the read-only folder changed: $after"; fi
    chattr -i "$ro" "$ro/journal.db"
    trap - EXIT
else
    chattr -i "$ro" "$ro/journal.db" 2>/dev/null
    skip "cannot make a read-only folder here (chattr +i refused)"
fi

#-----------------------------------------------------------------------------
# [SECTION] 4/7/10. Pipes never hang
#-----------------------------------------------------------------------------
mkfifo "$scratch/fifo"
timeout 20 "$unknot" export --json "$scratch/fifo" --journal "$journal" 2> "$scratch/err"
status=$?
if [ $status -eq 2 ] && grep -q "no reader" "$scratch/err" && [ -p "$scratch/fifo" ]; then ok "export to a FIFO with no reader: error at once"
else fail "export to a FIFO with no reader: status $status $(cat "$scratch/err")"; fi
timeout 20 "$unknot" journal check --journal "$scratch/fifo" > "$scratch/out" 2>&1
status=$?
if [ $status -eq 2 ] && grep -q "named pipe" "$scratch/out"; then ok "journal check on a FIFO: refused by name"
else fail "journal check on a FIFO: status $status $(cat "$scratch/out")"; fi
timeout 20 "$unknot" import "$scratch/fifo" --journal "$journal" 2> "$scratch/err"
status=$?
if [ $status -eq 1 ]; then ok "import from a FIFO with no writer ends"
else fail "import from a FIFO with no writer: status $status $(cat "$scratch/err")"; fi
timeout 60 "$unknot" import - --journal "$journal" < /dev/zero 2> "$scratch/err"
status=$?
if [ $status -eq 1 ] && grep -q "larger than 64 MiB" "$scratch/err"; then ok "import - < /dev/zero ends"
else fail "import - < /dev/zero: status $status $(cat "$scratch/err")"; fi
# The journal still holds its one session.
if "$unknot" export --json - --journal "$journal" 2>/dev/null | grep -q '"uid": "s1"'; then ok "journal intact"
else fail "journal not intact"; fi

rm -rf "$scratch"
[ $failed -ne 0 ] && exit 1
[ $skipped -ne 0 ] && exit 77
exit 0
