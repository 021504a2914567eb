#!/bin/bash
# Usage: bench/views.sh [RUNS]
# The views' speed bars, measured against the peers in the same run
# (release build; captures from ../shared/bench/make-bench.py, built when
# absent; output into a pipe):
#   1. list: `pktsh -r F -c list` over /tmp/bench-200k.pcap against
#      `tshark -r F` (bar: at least 8x faster) and `tcpdump -nn -r F`
#      (bar: at most 1.5x its time).
#   2. show: `pktsh -r F -c show` over /tmp/bench-20k.pcap against
#      `tshark -V -r F` (bar: at least 8x faster).
#   3. hexdump: `pktsh -r F -c hexdump` over /tmp/bench-20k.pcap against
#      `tshark -x -r F` (bar: at least 8x faster).
# The two commands of a pair run alternately, RUNS times each (default 5)
# after one warm-up run each; the median wall time of each counts, and the
# fastest run, peak memory and CPU time are shown beside it (bench/timing.sh).
# SCRATCH overrides the build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
large=/tmp/bench-200k.pcap
small=/tmp/bench-20k.pcap
scratch=${SCRATCH:-$root/.build}
cd "$root"
swift build -c release --scratch-path "$scratch" --product pktsh >/dev/null
pktsh="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/pktsh"
[ -f "$large" ] || flock /tmp/bench.lock python3 "$root/../shared/bench/make-bench.py" "$large" 200000 >/dev/null
[ -f "$small" ] || flock /tmp/bench.lock python3 "$root/../shared/bench/make-bench.py" "$small" 20000 >/dev/null
cat "$large" "$small" > /dev/null

source "$root/bench/timing.sh"

echo "list over 200,000 packets:"
A=("$pktsh" -r "$large" -c list)
B=(tshark -r "$large")
pair "pktsh list" "tshark" 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 8)\n", b / a }'
B=(tcpdump -nn -r "$large")
pair "pktsh list" "tcpdump -nn" 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  pktsh / tcpdump = %.2f (bar: at most 1.50)\n", a / b }'

echo "show over 20,000 packets:"
A=("$pktsh" -r "$small" -c show)
B=(tshark -V -r "$small")
pair "pktsh show" "tshark -V" 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 8)\n", b / a }'

echo "hexdump over 20,000 packets:"
A=("$pktsh" -r "$small" -c hexdump)
B=(tshark -x -r "$small")
pair "pktsh hexdump" "tshark -x" 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 8)\n", b / a }'
rm -f /tmp/shellbench.$$
