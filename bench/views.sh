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
# after one warm-up run each; the median wall time of each counts.
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

# wall COMMAND...: milliseconds one run takes, stdout into a pipe, stderr discarded.
wall() {
  local start end
  start=$(date +%s%N)
  "$@" 2>/dev/null | cat > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# median MS...: the median, in seconds.
median() {
  printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] / 1000 }'
}

# pair NAME_A NAME_B: runs A[@] and B[@] alternately; prints both medians
# and leaves them (in seconds) in $median_a and $median_b.
pair() {
  local i
  local -a times_a=() times_b=()
  wall "${A[@]}" > /dev/null
  wall "${B[@]}" > /dev/null
  for ((i = 0; i < runs; i++)); do
    times_a+=("$(wall "${A[@]}")")
    times_b+=("$(wall "${B[@]}")")
  done
  median_a=$(median "${times_a[@]}")
  median_b=$(median "${times_b[@]}")
  printf '  %-22s median %6.3f s\n  %-22s median %6.3f s\n' "$1" "$median_a" "$2" "$median_b"
}

echo "list over 200,000 packets:"
A=("$pktsh" -r "$large" -c list)
B=(tshark -r "$large")
pair "pktsh list" "tshark"
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 8)\n", b / a }'
B=(tcpdump -nn -r "$large")
pair "pktsh list" "tcpdump -nn"
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  pktsh / tcpdump = %.2f (bar: at most 1.50)\n", a / b }'

echo "show over 20,000 packets:"
A=("$pktsh" -r "$small" -c show)
B=(tshark -V -r "$small")
pair "pktsh show" "tshark -V"
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 8)\n", b / a }'

echo "hexdump over 20,000 packets:"
A=("$pktsh" -r "$small" -c hexdump)
B=(tshark -x -r "$small")
pair "pktsh hexdump" "tshark -x"
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 8)\n", b / a }'
