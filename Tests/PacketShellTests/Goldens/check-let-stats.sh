#!/bin/bash
# check-let-stats.sh PKTSH CAPTURE…: for each capture, the numbers
# `let v = stats …` keeps (sum and avg of frame.len, sum and max of tcp.len
# where tcp), as echo prints them, against the same aggregates of tshark's
# fields (run as the goldens are made: tshark-env.sh). Prints each capture
# that differs, then how many agree.
set -uo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
pktsh=$1
shift
agree=0
total=0
for capture in "$@"; do
  ours=$("$pktsh" -r "$capture" -c 'let s = stats sum(frame.len); let a = stats avg(frame.len)
    let t = stats sum(tcp.len) where tcp; let m = stats max(tcp.len) where tcp; echo s, a, t, m' 2>/dev/null) || continue
  theirs=$(tshark -r "$capture" "${TSHARK_OPTIONS[@]}" -e frame.len -e tcp.len 2>/dev/null |
    python3 -c '
import sys
frames = total = tcp = 0
largest = None
for line in sys.stdin:
    cells = line.rstrip("\n").split("\t")
    frames += 1
    total += int(cells[0])
    for v in (cells[1].split(",") if len(cells) > 1 and cells[1] else []):
        tcp += int(v)
        largest = int(v) if largest is None else max(largest, int(v))
q, r = divmod(total * 1000, frames) if frames else (0, 0)
if frames and 2 * r >= frames:
    q += 1
mean = "%d.%03d" % (q // 1000, q % 1000) if frames else ""
print("%d\t%s\t%d\t%s" % (total, mean, tcp, "" if largest is None else largest))')
  total=$((total + 1))
  if [ "$ours" == "$theirs" ]; then agree=$((agree + 1)); else echo "differs: $capture: pktsh [$ours] tshark [$theirs]"; fi
done
echo "$agree/$total captures agree"
