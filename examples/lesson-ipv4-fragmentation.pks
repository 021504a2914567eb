# lesson-ipv4-fragmentation.pks: the IPv4 header, and how a datagram too big
# for the link travels as fragments.
#
# Run it from the repository root:  pktsh -f examples/lesson-ipv4-fragmentation.pks
# Capture: examples/lesson-ipv4-fragmentation.pcap, one UDP datagram of
# 8,320 bytes (an NFS write) cut into six fragments to fit Ethernet's
# 1,500-byte packets (sources in examples/README.md).

# The IPv4 header (RFC 791): 20 bytes, then options if Header Length says
# so. Identification, the three flag bits and Fragment Offset are the
# fragmentation fields: RB is reserved, DF forbids fragmenting, MF says more
# fragments follow.
layout ip

load examples/lesson-ipv4-fragmentation.pcap
list

# The first fragment: MF is 1 and the offset 0. It carries the start of the
# datagram, so its UDP header too (Total Length 1500: 20 of header, 1480 of
# data). Like tshark, pktsh holds each fragment until the datagram is whole,
# so the list shows the first five as fragments and UDP only at the last.
layout ip 1

# The second fragment: same Identification (0x1e97), MF still 1. Its data
# starts at byte 1480 of the datagram; the header counts in units of 8 bytes
# (185 = 1480 / 8), so every fragment but the last carries a multiple of 8
# bytes. The summary line shows bytes (off=1480), the field the count as
# sent. On the wire the two bytes after Identification hold the flags and
# the offset together: 0x20b9 is MF (0x2000) plus 185 (0xb9). A filter can
# test those bytes directly: frame[20:2] is bytes 20 and 21 of the frame,
# after 14 of Ethernet and 6 of IPv4.
layout ip 2
count frame[20:2] == 20:b9
count ip.flags.mf == 1 && ip.frag_offset == 185

# The last fragment: MF is 0. Only now does a receiver know the whole
# length: offset 925 x 8 = 7400, plus this fragment's 920 bytes of data
# (940 - 20 of header) makes 8320.
layout ip 6

# All six: what the receiver puts back together, keyed by source,
# destination, protocol and Identification.
print frame.number, ip.id, ip.flags.mf, ip.frag_offset, ip.len
count by ip.id, ip.flags.mf
# Put back together at the last fragment: the fragments' frames in offset
# order, their count, the datagram's length; UDP (and its 8,312 bytes of
# payload) is dissected once, over the whole datagram. The other fragments
# are data.
print ip.fragment, ip.fragment.count, ip.reassembled.length where ip.fragment.count
layout udp 6
count udp
print frame.number, data.len where data
