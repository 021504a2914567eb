#!/bin/bash
# Usage: bench/tls.sh [RUNS]
# Issue 13's speed bar on TLS-heavy traffic: the server names of every
# ClientHello, release build, against tshark in the same run:
#   `pktsh -r F -c 'print tls.handshake.extensions_server_name'`
#   `tshark -r F -T fields -e tls.handshake.extensions_server_name`
# (bar: at least 20x faster). Both with their defaults, TCP reassembly on:
# the copies repeat the same streams, so both leave most repeated segments
# undissected as retransmissions. F is /tmp/bench-tls.pcap: ../shared/corpus/real/tls2.pcap
# (7,451 packets, 7,332 of them TLS, 323 ClientHellos with a server name)
# repeated 27 times, 201,177 packets, built with mergecap when absent (never
# commit it). Both outputs must be equal first. SCRATCH overrides the build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
capture=/tmp/bench-tls.pcap
source=$root/../shared/corpus/real/tls2.pcap
scratch=${SCRATCH:-$root/.build}
cd "$root"
swift build -c release --scratch-path "$scratch" --product pktsh >/dev/null
pktsh="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/pktsh"
if [ ! -f "$capture" ]; then
  copies=()
  for ((i = 0; i < 27; i++)); do copies+=("$source"); done
  flock /tmp/bench.lock mergecap -a -F pcap -w "$capture" "${copies[@]}"
fi
cat "$capture" > /dev/null

source "$root/bench/timing.sh"

ours=$("$pktsh" -r "$capture" -c 'print tls.handshake.extensions_server_name' | md5sum)
theirs=$(tshark -r "$capture" -T fields -e tls.handshake.extensions_server_name 2>/dev/null | md5sum)
echo "print tls.handshake.extensions_server_name over $(capinfos -c -M "$capture" | awk '/packets/ { print $NF }') packets:"
if [ "$ours" = "$theirs" ]; then echo "  outputs equal"; else echo "  warning: the outputs differ"; fi
A=("$pktsh" -r "$capture" -c 'print tls.handshake.extensions_server_name')
B=(tshark -r "$capture" -T fields -e tls.handshake.extensions_server_name)
pair pktsh tshark 2>&1
awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "  tshark / pktsh = %.1f (bar: at least 20)\n", b / a }'
rm -f /tmp/shellbench.$$
