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
# Each command runs RUNS times (default 5) under hyperfine (apt-get install
# hyperfine); the median wall time counts.
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

# median NAME COMMAND...: runs the command $runs times under hyperfine
# (stdout into a pipe, stderr discarded), prints the median wall time and
# the peak resident memory of one more run.
median() {
  local name=$1; shift
  hyperfine --style none --warmup 1 --runs "$runs" --export-json /tmp/shellbench.$$.json \
    "$(printf '%q ' "$@") 2>/dev/null | cat > /dev/null" > /dev/null
  local m kib
  m=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' /tmp/shellbench.$$.json)
  /usr/bin/time -o /tmp/shellbench.$$ -f '%M' bash -c '"$@" 2>/dev/null | cat > /dev/null' _ "$@"
  kib=$(cat /tmp/shellbench.$$)
  printf '%-16s %7.3f s  %6d MiB\n' "$name" "$m" $((kib / 1024))
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
rm -f /tmp/shellbench.$$ /tmp/shellbench.$$.json
