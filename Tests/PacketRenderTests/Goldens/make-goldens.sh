#!/bin/bash
# Makes the render goldens with tshark 4.0 (run from anywhere):
#   hexdump-*.txt   tshark -x of the first packets of a capture
#   summary-*.txt   tshark's default one-line output: of many-protocols.pcap,
#                   and of each capture in summary-captures.txt (whole; a path
#                   starting with Tests/ is from the repository's root)
# Both with the dissection goldens' environment (only the protocols pktsh
# dissects, UTC, no name resolution, no reassembly).
set -euo pipefail
goldens=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# tshark-env.sh sets its own `here`, hence `goldens`.
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
corpus="$goldens/../../../../shared/corpus"
options=(-n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE)
tshark -r "$corpus/real/many-protocols.pcap" "${options[@]}" -x -c 40 > "$goldens/hexdump-many-protocols.txt"
tshark -r "$corpus/real/many-protocols.pcap" "${options[@]}" -c 300 > "$goldens/summary-many-protocols.txt"
grep -o '^[^#[:space:]]*' "$goldens/summary-captures.txt" | while read -r capture; do
  [ -n "$capture" ] || continue
  # A path starting with Tests/ is the repository's, not the corpus's.
  path="$corpus/$capture"; [[ $capture == Tests/* ]] && path="$goldens/../../../$capture"
  tshark -r "$path" "${options[@]}" > "$goldens/summary-$(basename "${capture%.*}").txt" 2>/dev/null || true
done
