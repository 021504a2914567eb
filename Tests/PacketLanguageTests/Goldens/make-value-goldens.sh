#!/bin/bash
# Regenerates values/CAPTURE.tsv: what `print` must give for each
# expression of value-expressions.tsv on each capture named below, one line
# per packet. tshark 4.0 cannot print an expression (`-e` takes a field),
# so it prints the fields (the same environment as the field goldens) and
# compute-values.py applies the arithmetic, functions and tests to them
# as Wireshark defines them. With a capture as argument, writes that
# capture's values to standard output instead (to check a capture the
# goldens were not made from). Needs tshark and python3.
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$goldens/../../.." && pwd)
source "$root/Tests/PacketDissectionTests/Goldens/tshark-env.sh"
fields=(frame.len tcp.len ip.ttl ip.len ip.src ip.addr tcp.srcport tcp.dstport tcp.payload udp.length http.host)
extract() {
  local args=()
  for f in "${fields[@]}"; do args+=(-e "$f"); done
  tshark -r "$1" "${TSHARK_OPTIONS[@]}" -E header=y "${args[@]}" 2>/dev/null \
    | python3 "$goldens/compute-values.py" "$goldens/value-expressions.tsv"
}
if [[ $# -gt 0 ]]; then
  extract "$1"
else
  for name in http-packets.pcap many-protocols.pcap tls2.pcap; do
    extract "$root/../shared/corpus/real/$name" > "$goldens/values/$name.tsv"
  done
fi
rm -rf "$XDG_CONFIG_HOME"
