#!/bin/bash
# Usage: bench/dissect.sh
# Throughput of dissection down to the transport layer on a 1,000,000-packet
# capture (/tmp/bench.pcap, ~660 MB, built by ../shared/bench/make-bench.py
# when absent; never commit it): pktsh-bench (release), pktsh's own
# `print tcp.dstport`, tcpdump -n, and tshark -T fields -e tcp.dstport.
# Wall time and peak resident memory come from /usr/bin/time for all four
# (%e, %M); SCRATCH overrides the build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
capture=/tmp/bench.pcap
scratch=${SCRATCH:-$root/.build}
cd "$root"
swift build -c release --scratch-path "$scratch" --product pktsh-bench >/dev/null
swift build -c release --scratch-path "$scratch" --product pktsh >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
[ -f "$capture" ] || python3 "$root/../shared/bench/make-bench.py" "$capture"

measure() {  # NAME COMMAND...: prints NAME, wall seconds, peak MiB
  local name=$1; shift
  /usr/bin/time -o /tmp/bench.time.$$ -f '%e %M' "$@" > /dev/null 2>/tmp/bench.err.$$ ||
    { cat /tmp/bench.err.$$ >&2; exit 1; }
  read -r wall kib < /tmp/bench.time.$$
  printf '%-12s %8.2f s %8d MiB\n' "$name" "$wall" $((kib / 1024))
  eval "${name//-/_}_wall=$wall; ${name//-/_}_kib=$kib"
}

echo "== pktsh-bench"
"$bin/pktsh-bench" "$capture"
echo "== wall time and peak memory (/usr/bin/time)"
measure pktsh-bench "$bin/pktsh-bench" "$capture"
measure pktsh "$bin/pktsh" -r "$capture" -c "print tcp.dstport"
measure tcpdump tcpdump -n -r "$capture"
measure tshark tshark -n -r "$capture" -T fields -e tcp.dstport
rm -f /tmp/bench.time.$$ /tmp/bench.err.$$
echo "== ratios (other / pktsh-bench: above 1 means pktsh-bench is faster or smaller)"
for other in pktsh tcpdump tshark; do
  w=${other}_wall; k=${other}_kib
  awk -v n="$other" -v w="${!w}" -v bw="$pktsh_bench_wall" -v k="${!k}" -v bk="$pktsh_bench_kib" \
    'BEGIN { printf "%-12s time %6.2fx   memory %6.2fx\n", n, w / bw, k / bk }'
done
