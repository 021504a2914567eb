#!/bin/bash
# Usage: compare.sh CAPTURE FIELD...
# Prints "same", or the first disagreements between pktsh and tshark as
# "frame N FIELD: tshark=... pktsh=...". Needs a built pktsh (swift build);
# PKTSH overrides its path, LINES_SHOWN how many disagreements to show.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/tshark-env.sh"
pktsh=${PKTSH:-$here/../../../.build/debug/pktsh}
capture=$1; shift
args=(); list=""
for f in "$@"; do args+=(-e "$f"); list="$list${list:+, }$f"; done
tshark -r "$capture" "${TSHARK_OPTIONS[@]}" "${args[@]}" 2>/dev/null > /tmp/compare.tshark.$$
"$pktsh" -r "$capture" -c "print $list" > /tmp/compare.pktsh.$$
python3 - /tmp/compare.tshark.$$ /tmp/compare.pktsh.$$ "${LINES_SHOWN:-20}" "$@" <<'PY'
import sys
expected, actual, shown, fields = open(sys.argv[1]).read().split("\n"), open(sys.argv[2]).read().split("\n"), int(sys.argv[3]), sys.argv[4:]
if len(expected) != len(actual): print(f"packet count: tshark={len(expected)-1} pktsh={len(actual)-1}")
bad = 0
for n, (e, a) in enumerate(zip(expected, actual), 1):
    if e == a: continue
    ec, ac = e.split("\t"), a.split("\t")
    for i, f in enumerate(fields):
        ev = ec[i] if i < len(ec) else "<none>"; av = ac[i] if i < len(ac) else "<none>"
        if ev != av:
            bad += 1
            if bad <= shown: print(f"frame {n} {f}: tshark={ev[:120]!r} pktsh={av[:120]!r}")
print("same" if bad == 0 else f"{bad} disagreements")
PY
rm -f /tmp/compare.tshark.$$ /tmp/compare.pktsh.$$ ; rm -rf "$XDG_CONFIG_HOME"
