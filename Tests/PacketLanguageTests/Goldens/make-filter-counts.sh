#!/bin/bash
# Regenerates filter-counts.tsv: how many packets of each capture in
# ../shared/corpus/real match each filter of filters.tsv, according to
# tshark -Y (reassembly off, the same environment as the field goldens).
# Run from anywhere; needs tshark. Output: capture<TAB>filter<TAB>count.
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$goldens/../../.." && pwd)
source "$root/Tests/PacketDissectionTests/Goldens/tshark-env.sh"
out="$goldens/filter-counts.tsv"
: > "$out.tmp"
for capture in "$root"/../shared/corpus/real/*.pcap; do
  name=$(basename "$capture")
  while IFS=$'\t' read -r filter tshark_filter; do
    [[ -z "$filter" || "$filter" == \#* ]] && continue
    n=$(tshark -r "$capture" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
      -o tcp.desegment_tcp_streams:FALSE -Y "${tshark_filter:-$filter}" -T fields -e frame.number | wc -l)
    printf '%s\t%s\t%s\n' "$name" "$filter" "$n" >> "$out.tmp"
  done < "$goldens/filters.tsv"
done
mv "$out.tmp" "$out"
rm -rf "$XDG_CONFIG_HOME"
