#!/bin/bash
# Usage: bench/analysis.sh [RUNS]
# TCP sequence analysis on the 1,000,000-packet benchmark capture
# (/tmp/bench.pcap, from ../shared/bench/make-bench.py; built when absent,
# never commit it), release build, against tshark with the same
# preferences (its default analysis, reassembly off), side by side:
#   `pktsh -r F -c 'count tcp.analysis.retransmission'`
#   `tshark -r F -o tcp.desegment_tcp_streams:FALSE -Y tcp.analysis.retransmission`
# (bar: at least 15x faster; pktsh's peak memory under 128 MB). hyperfine
# alternates nothing, so a shared machine's mood shows in both; each
# command's peak memory and CPU time come from one run of /usr/bin/time.
# Both must agree on the count first. SCRATCH overrides the build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
capture=/tmp/bench.pcap
scratch=${SCRATCH:-$root/.build}
cd "$root"
swift build -c release --scratch-path "$scratch" --product pktsh >/dev/null
pktsh="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/pktsh"
[ -f "$capture" ] || flock /tmp/bench.lock python3 "$root/../shared/bench/make-bench.py" "$capture" >/dev/null
cat "$capture" > /dev/null

ours=$("$pktsh" -r "$capture" -c 'count tcp.analysis.retransmission')
theirs=$(tshark -r "$capture" -n -o tcp.desegment_tcp_streams:FALSE -Y tcp.analysis.retransmission 2>/dev/null | wc -l)
echo "count tcp.analysis.retransmission: pktsh $ours, tshark $theirs"
[ "$ours" = "$theirs" ] || echo "warning: the counts differ"

for tool in pktsh tshark; do
  if [ $tool = pktsh ]; then cmd=("$pktsh" -r "$capture" -c 'count tcp.analysis.retransmission')
  else cmd=(tshark -r "$capture" -n -o tcp.desegment_tcp_streams:FALSE -Y tcp.analysis.retransmission); fi
  /usr/bin/time -f "$tool: peak %M KiB, CPU %U s user + %S s system" "${cmd[@]}" > /dev/null 2> >(tail -1 >&2)
  wait
done
hyperfine -N -w 1 -r "$runs" \
  -n pktsh "$pktsh -r $capture -c 'count tcp.analysis.retransmission'" \
  -n tshark "tshark -r $capture -n -o tcp.desegment_tcp_streams:FALSE -Y tcp.analysis.retransmission"
