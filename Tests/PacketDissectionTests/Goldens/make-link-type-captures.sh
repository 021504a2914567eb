#!/bin/bash
# Writes link-types/*.pcap: real raw-IP captures (link type 101) from the
# shared corpus with the link type rewritten to DLT_RAW's own numbers, 12
# (most systems) and 14 (OpenBSD), which libpcap and Wireshark read as raw
# IP. Checks that tshark dissects each rewritten file as it dissects the
# original, then makes their field goldens (make-field-goldens.sh), which
# FieldGoldenTests holds pktsh to.
# Usage: make-link-type-captures.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
corpus=../shared/corpus
mkdir -p "$here/link-types"
made=()
for pair in 12:tcpdump/bgp-addpath.pcap 14:tcpdump/babel_rtt.pcap 12:tcpdump/LINKTYPE_RAW_ipv6.pcap \
  14:wild/zeek__testing_btest_Traces_tcp_payload-synack.pcap; do
  type=${pair%%:*}; source=${pair#*:}
  target=Tests/PacketDissectionTests/Goldens/link-types/dlt$type-$(basename "$source")
  python3 - "$root/$corpus/$source" "$root/$target" "$type" <<'PY'
import struct, sys
source, target, linktype = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = bytearray(open(source, "rb").read())
order = {b"\xd4\xc3\xb2\xa1": "<", b"\x4d\x3c\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">", b"\xa1\xb2\x3c\x4d": ">"}[bytes(data[:4])]
assert struct.unpack(order + "I", data[20:24])[0] == 101, "not a LINKTYPE_RAW capture"
data[20:24] = struct.pack(order + "I", linktype)
open(target, "wb").write(data)
PY
  original=$(cd "$root" && tshark -r "$corpus/$source" -T fields -e frame.protocols -e frame.len 2>/dev/null)
  rewritten=$(cd "$root" && tshark -r "$target" -T fields -e frame.protocols -e frame.len 2>/dev/null)
  [ "$original" = "$rewritten" ] || { echo "tshark reads $target unlike $source" >&2; exit 1; }
  echo "$target: link type $type, tshark dissects it as $source"
  made+=("$target")
done
"$here/make-field-goldens.sh" "${made[@]}"
