#!/bin/bash
# Makes tree-*.txt: for the first 300 packets of each capture below, the
# lines of `tshark -V` that pktsh's `show` is meant to reproduce (those
# matching tree-named-lines.txt), indentation kept, each packet headed by
# `### N`. TreeGoldenTests holds show to them. Run from anywhere; tshark
# runs as for the other goldens (tshark-env.sh).
set -euo pipefail
goldens=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# tshark-env.sh sets its own `here`, hence `goldens`.
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
corpus="$goldens/../../../../shared/corpus"
options=(-n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE)
make() {
  local capture=$1 out=$2
  tshark -r "$corpus/$capture" "${options[@]}" -V -c 300 2>/dev/null |
    python3 "$goldens/tree_named_lines.py" "$goldens/tree-named-lines.txt" > "$goldens/$out"
}
make real/many-protocols.pcap tree-many-protocols.txt
make wild/suricata-verify__tests_datasets-04-http-dns_input.pcap tree-http-dns.txt
# With tshark's default preferences (TCP reassembly on): the items of PDUs
# put back together from segments (TreeGoldenTests dissects these so too).
options=(-n)
make wild/suricata-verify__tests_dns_dns-incomplete_input.pcap tree-reassembled-dns.txt
make wild/zeek__testing_btest_Traces_netbios_netbios-split-session-msg.pcap tree-reassembled-nbss.txt
make wild/zeek__testing_btest_Traces_ipv6-fragmented-dns.pcap tree-reassembled-ipv6.txt
