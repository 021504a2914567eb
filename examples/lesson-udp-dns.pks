# lesson-udp-dns.pks: UDP, the smallest transport header, and DNS, which
# rides on it.
#
# Run it from the repository root:  pktsh -f examples/lesson-udp-dns.pks
# Capture: examples/lesson-udp-dns.pcap, two DNS lookups and their answers
# (sources in examples/README.md).

# UDP (RFC 768) adds only ports, a length and a checksum to IP: 8 bytes.
# No connection, no sequence numbers: each datagram stands alone.
layout udp

# The DNS header (RFC 1035 section 4.1.1): an ID that pairs a question with
# its answer, the flags (QR: query 0 or response 1; the opcode; AA, TC, RD,
# RA, Z, AD, CD; the reply code), and how many records each section holds.
# RFC 1035 draws it 16 bits a row; here it is 32, like the other headers.
layout dns

load examples/lesson-udp-dns.pcap
list

# The query: to port 53 from a port the client picked. UDP's Length counts
# its own 8 bytes too.
layout udp 1

# Its DNS message: one question. The name is written as labels, each after
# its length (3 www 6 google 3 com 0): 16 bytes, then the type (1: A, an
# IPv4 address) and the class (1: Internet).
layout dns 1
hexdump 1 dns.qry.name

# The answer repeats the question, then six A records. Each starts with a
# 2-byte name: 0xc00c, a pointer to byte 12 of the message, where the name
# was first written (compression, RFC 1035 section 4.1.4).
layout dns 2
hexdump 2 dns.resp.name

# The fields across packets: who asked what, and what came back.
print frame.number, dns.id, dns.flags.response, dns.qry.name, dns.a
# The second lookup's answer goes through an alias (CNAME) first.
print frame.number, dns.resp.name, dns.resp.type, dns.resp.ttl, dns.cname, dns.a where frame.number == 4
count by udp.srcport, udp.dstport
