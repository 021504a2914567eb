# lesson-ethernet-arp.pks: Ethernet frames, VLAN tags, and ARP, which finds
# the Ethernet address behind an IPv4 address.
#
# Run it from the repository root:  pktsh -f examples/lesson-ethernet-arp.pks
# Capture: examples/lesson-ethernet-arp.pcap, an ARP request and its reply,
# then a ping carried inside two 802.1Q VLAN tags (sources in examples/README.md).

# Every Ethernet II frame starts with the same 14 bytes: the destination and
# source addresses (6 bytes each) and the EtherType, which names what follows
# (0x0800 IPv4, 0x0806 ARP, 0x8100 a VLAN tag, 0x86dd IPv6). Two bits of each
# address are special: IG, the lowest bit of the first byte, is 1 for group
# addresses (broadcast, multicast); LG, next to it, is 1 for addresses set
# by an administrator rather than burnt in by the maker.
layout eth

# ARP (RFC 826) has a fixed 8-byte head: which hardware and protocol
# (Ethernet, IPv4), how long their addresses are (6 and 4), and whether this
# is a request (1) or a reply (2). The four addresses follow.
layout arp

load examples/lesson-ethernet-arp.pcap
list

# Packet 1 asks "who has 10.118.213.212?". The addresses follow the fixed
# head at byte 8 of ARP, so a 4-byte IPv4 address straddles two rows. The
# target MAC address is all zeros: it is the question.
layout arp 1

# This request goes to one station, not to ff:ff:ff:ff:ff:ff: the sender
# already had the answer and is checking it is still true. Both address bits
# are 0: a single station, with its maker's address.
layout eth 1

# ARP needs 28 bytes, Ethernet 14: 42. The frame is 60 bytes because Ethernet
# never sends less than 64 (60 and a 4-byte checksum the capture left out);
# the sender padded it with zeros. The tree shows every field with its byte
# range; the padding is marked below.
show 1
hexdump 1 eth.padding

# The reply turns the roles round and fills in the answer: the sender MAC
# address is the one asked for.
layout arp 2
hexdump 2 arp.src.hw_mac
print frame.number, arp.opcode, arp.src.hw_mac, arp.src.proto_ipv4, arp.dst.proto_ipv4 where arp

# An 802.1Q tag is 4 bytes put where the EtherType was: priority (PCP), the
# drop-eligible bit, a 12-bit VLAN ID, then the EtherType of what it carries.
layout vlan

# Packet 3 carries two tags (VLAN 118 outside, 10 inside), then IPv4.
layout vlan 3
hexdump 3 vlan
# Frames by VLAN ID: a frame with two tags counts under each.
count by vlan.id where vlan
