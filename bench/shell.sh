#!/bin/bash
# Usage: bench/shell.sh [RUNS]
# The shell's speed bars, measured against the peers in the same run, on
# the 1,000,000-packet capture from ../shared/bench/make-bench.py
# (/tmp/bench.pcap, built when absent; never commit it). Release build, file
# read once first so that every command finds it in the page cache.
#   1. count: `pktsh -r F -c 'count ip.src == 10.0.0.1 && tcp.dport == 443'`
#      against `tcpdump -r F -w /dev/null 'src host 10.0.0.1 and tcp dst port 443'`
#      (bar: at most 1.5x tcpdump's time; must print 25193; peak memory under 64 MB).
#   2. print: `print ip.src, tcp.dstport` over the first 200,000 packets, to a
#      pipe, against `tshark -T fields -e ip.src -e tcp.dstport` on the same
#      file (bar: at least 20x faster).
#   3. stats: `stats count, sum(frame.len) by ip.src, ip.dst` over the 1,000,000
#      packets against `tshark -q -z conv,ip` (bar: at least 20x faster) and
#      against pktsh's own `count by ip.src, ip.dst` (bar: at most 1.5x its time).
#   4. conversations: `conversations tcp` over the 1,000,000 packets against
#      `tshark -q -z conv,tcp` (bar: at least 15x faster; see the README's table).
#   5. print with arithmetic: `print tcp.len * 8` against `print tcp.len` over
#      200,000 packets (bar: at most 1.2x the bare field's time).
# The two commands of a pair run alternately, RUNS times each (default 5)
# after one warm-up run each, so that both see the same moments of a
# machine whose speed wanders; the median wall time of each counts, and the
# fastest run is shown beside it.
# SCRATCH overrides the build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
capture=/tmp/bench.pcap
small=/tmp/bench-200k.pcap
scratch=${SCRATCH:-$root/.build}
cd "$root"
swift build -c release --scratch-path "$scratch" --product pktsh >/dev/null
pktsh="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/pktsh"
[ -f "$capture" ] || python3 "$root/../shared/bench/make-bench.py" "$capture" >/dev/null
[ -f "$small" ] || python3 "$root/../shared/bench/make-bench.py" "$small" 200000 >/dev/null
cat "$capture" "$small" > /dev/null

source "$root/bench/timing.sh"

echo "count ip.src == 10.0.0.1 && tcp.dport == 443 over 1,000,000 packets:"
printf '  pktsh prints %s (expected 25193)\n' \
  "$("$pktsh" -r "$capture" -c 'count ip.src == 10.0.0.1 && tcp.dport == 443')"
A=("$pktsh" -r "$capture" -c 'count ip.src == 10.0.0.1 && tcp.dport == 443')
B=(tcpdump -r "$capture" -w /dev/null 'src host 10.0.0.1 and tcp dst port 443')
pair pktsh tcpdump 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  pktsh / tcpdump = %.2f (bar: at most 1.50)\n", a / b }'

echo "print ip.src, tcp.dstport over 200,000 packets, to a pipe:"
A=("$pktsh" -r "$small" -c 'print ip.src, tcp.dstport')
B=(tshark -r "$small" -T fields -e ip.src -e tcp.dstport)
pair pktsh tshark 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 20)\n", b / a }'
echo "stats count, sum(frame.len) by ip.src, ip.dst over 1,000,000 packets:"
A=("$pktsh" -r "$capture" -c 'stats count, sum(frame.len) by ip.src, ip.dst')
B=(tshark -n -q -r "$capture" -z conv,ip)
pair pktsh tshark 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 20)\n", b / a }'
B=("$pktsh" -r "$capture" -c 'count by ip.src, ip.dst')
pair stats "count by" 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  stats / count by = %.2f (bar: at most 1.50)\n", a / b }'

echo "conversations tcp over 1,000,000 packets:"
A=("$pktsh" -r "$capture" -c 'conversations tcp')
B=(tshark -n -q -r "$capture" -z conv,tcp)
pair pktsh tshark 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 15)\n", b / a }'

echo "print tcp.len * 8 against print tcp.len over 200,000 packets, to a pipe:"
A=("$pktsh" -r "$small" -c 'print tcp.len * 8')
B=("$pktsh" -r "$small" -c 'print tcp.len')
pair "tcp.len * 8" "tcp.len" 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  expression / bare field = %.2f (bar: at most 1.20)\n", a / b }'
rm -f /tmp/shellbench.$$
