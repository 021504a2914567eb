#!/bin/bash
# Compares `pktsh show` with `tshark -V`, line by line, for the captures given:
#   Tests/PacketRenderTests/Goldens/tree-agreement.sh PKTSH CAPTURE...
# Runs tshark as the goldens were made (tshark-env.sh: only the protocols
# pktsh dissects, UTC, no name resolution, no reassembly) on the first 50
# packets of each capture, drops pktsh's byte ranges, and prints the share
# of pktsh's tree lines that tshark's tree of the same packet also has
# (as a multiset, indentation included) and the lines that differ most often.
set -euo pipefail
goldens=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pktsh=$1; shift
# tshark-env.sh sets its own `here`, hence `goldens`.
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for capture in "$@"; do
  name=$(basename "$capture")
  tshark -r "$capture" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
    -o tcp.desegment_tcp_streams:FALSE -V -c 50 > "$work/$name.tshark" 2>/dev/null || true
  "$pktsh" -r "$capture" -c 'show 1-50' > "$work/$name.pktsh" 2>/dev/null || true
  echo "$work/$name.tshark $work/$name.pktsh"
done > "$work/pairs"
python3 "$goldens/tree_agreement.py" < "$work/pairs"
