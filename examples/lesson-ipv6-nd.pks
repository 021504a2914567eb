# lesson-ipv6-nd.pks: the IPv6 header, and Neighbor Discovery (RFC 4861),
# the ICMPv6 messages with which IPv6 hosts find routers and each other.
#
# Run it from the repository root:  pktsh -f examples/lesson-ipv6-nd.pks
# Capture: examples/lesson-ipv6-nd.pcap, a host checking that its new
# address is free and asking for routers, a router's advertisement, and
# another address check (sources in examples/README.md).

# The IPv6 header (RFC 8200): 40 bytes, always. No checksum, no
# fragmentation fields, no options: those moved into extension headers,
# which Next Header chains like ip.proto chains IPv4 to its payload. The
# addresses are 128 bits, four rows each.
layout ipv6

# ICMPv6 (RFC 4443): type, code and checksum, then a body per type.
layout icmpv6

load examples/lesson-ipv6-nd.pcap
list

# Packet 1, Duplicate Address Detection: before using fe80::a00:27ff:fe46:e884
# a host asks whether anyone has it. It has no address yet, so it sends from
# :: (all zeros). Hop Limit 255 proves the packet never crossed a router;
# a host ignores ND messages with any other value.
layout ipv6 1

# It sends to the target's solicited-node multicast group: ff02::1:ff and the
# last 24 bits of the target address (46:e884). Only hosts whose addresses
# end the same way listen there.
hexdump 1 ipv6.dst
layout icmpv6 1
hexdump 1 icmpv6.nd.ns.target_address

# Packet 2, Router Solicitation (type 133): now with its link-local address,
# the host asks all routers (ff02::2) to announce themselves. The option
# (type 1) carries its Ethernet address.
layout icmpv6 2

# Packet 3, Router Advertisement (type 134), to all nodes (ff02::1): the hop
# limit hosts should use, the M and O flags (use DHCPv6 for addresses, for
# other settings), how long this router may be the default (seconds), then
# options, each a type, a length in units of 8 bytes, and a body: a prefix
# to build addresses from (type 3, with its L and A flags), DNS servers
# (type 25), the link MTU (type 5), the router's Ethernet address (type 1),
# and three whose bodies pktsh leaves undissected: a DNS search list (31),
# an advertisement interval (7), home agent information (8).
layout icmpv6 3
print frame.number, icmpv6.opt.type, icmpv6.opt.length where icmpv6.type == 134
print icmpv6.opt.prefix, icmpv6.opt.prefix.length, icmpv6.opt.rdnss, icmpv6.opt.mtu where icmpv6.type == 134

# All four: type, source, destination, and the address each solicitation asks about.
print frame.number, icmpv6.type, ipv6.src, ipv6.dst, icmpv6.nd.ns.target_address
count by icmpv6.type
