# top-talkers.pks: who sends the most, to whom, over what, in 100 packets
# of mixed traffic (VLAN-tagged pings, ARP, IPv6 SSDP, DNS, TLS, HTTP).
#
# Run it from the repository root (the path below is relative to it):
#   pktsh -f examples/top-talkers.pks
# Its output is examples/top-talkers.out, made with TZ=UTC.

load examples/mixed-sample.pcap
count

# Busiest senders by IPv4 address, then by conversation (source, destination).
count by ip.src where ip
count by ip.src, ip.dst where ip

# What the packets carry: Wireshark's protocol chain of each frame. (tshark
# ends frame 82's with `media`, a dissector pktsh does not have: see the
# README's known differences.)
count by frame.protocols

# Link layer: Ethernet senders, and the VLAN tags (QinQ frames carry two,
# and count under each).
count by eth.src
count by vlan.id where vlan

# Transport: the services in use (the lower port of each TCP and UDP packet).
let server = tcp.srcport < tcp.dstport
count by tcp.srcport where server
count by tcp.dstport where tcp && !server
count by udp.dstport where udp

# Bytes: the biggest frames, and TCP connections being opened.
print frame.number, ip.src, ip.dst, frame.len where frame.len > 1400
print frame.number, ip.src, tcp.srcport, ip.dst, tcp.dstport where tcp.flags.syn == 1 && tcp.flags.ack == 0
