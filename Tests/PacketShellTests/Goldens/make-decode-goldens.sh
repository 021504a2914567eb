#!/bin/bash
# Regenerates decode-as/: for each case below, tshark 4.0's fields (with
# a header line naming them) when the capture is read with `-d RULE`,
# Wireshark's Decode As, in the environment of the field goldens (UTC,
# protocols pktsh does not dissect disabled, no reassembly). The file is
# named CAPTURE~TABLE~KEY~PROTO.tsv; DecodeAsTests runs `decode TABLE ==
# KEY as PROTO` then `print` of the header's fields, and compares.
# tshark hands an HTTP body with a content type to its media dissector,
# which cannot be disabled and which pktsh does not have: `:media` is cut
# from its protocol chains.
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$goldens/../../.." && pwd)
source "$root/Tests/PacketDissectionTests/Goldens/tshark-env.sh"
wild=$root/../shared/corpus/wild
out=$goldens/decode-as
rm -f "$out"/*.tsv
http="-e frame.number -e frame.protocols -e http.request.method -e http.request.uri -e http.response.code -e http.content_type"
quic="-e frame.number -e frame.protocols -e quic.long.packet_type -e quic.version -e quic.dcid -e tls.handshake.extensions_server_name"
while read -r capture table key proto fields; do
  # shellcheck disable=SC2086
  tshark -r "$wild/$capture" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE \
    -d "$table==$key,$proto" -T fields -E header=y ${!fields} | sed 's/:media\t/\t/' > "$out/$capture~$table~$key~$proto.tsv"
done <<'CASES'
zeek__testing_btest_Traces_postgresql_http-on-port-5432.pcap tcp.port 5432 http http
zeek__testing_btest_Traces_quic_chromium-dpd-custom-port-4433.pcap udp.port 4433 quic quic
CASES
