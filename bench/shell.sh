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
# Each command runs RUNS times (default 5); the median wall time counts.
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

# median NAME COMMAND...: runs the command $runs times (stdout into a pipe),
# prints the median wall time and the largest peak resident memory.
median() {
  local name=$1; shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o /tmp/shellbench.$$ -f '%e %M' bash -c '"$@" | cat > /dev/null' _ "$@"
    read -r wall kib < /tmp/shellbench.$$
    times+=("$wall")
    (( kib > peak )) && peak=$kib
  done
  local m
  m=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  printf '%-16s %7.3f s  %6d MiB\n' "$name" "$m" $((peak / 1024))
  eval "${name//-/_}=$m"
}

echo "count ip.src == 10.0.0.1 && tcp.dport == 443 over 1,000,000 packets:"
printf '  pktsh prints %s (expected 25193)\n' \
  "$("$pktsh" -r "$capture" -c 'count ip.src == 10.0.0.1 && tcp.dport == 443')"
median pktsh-count "$pktsh" -r "$capture" -c 'count ip.src == 10.0.0.1 && tcp.dport == 443'
median tcpdump tcpdump -r "$capture" -w /dev/null 'src host 10.0.0.1 and tcp dst port 443'
awk -v a="$pktsh_count" -v b="$tcpdump" 'BEGIN { printf "  pktsh / tcpdump = %.2f (bar: at most 1.50)\n", a / b }'

echo "print ip.src, tcp.dstport over 200,000 packets, to a pipe:"
median pktsh-print "$pktsh" -r "$small" -c 'print ip.src, tcp.dstport'
median tshark tshark -r "$small" -T fields -e ip.src -e tcp.dstport
awk -v a="$pktsh_print" -v b="$tshark" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 20)\n", b / a }'
rm -f /tmp/shellbench.$$
