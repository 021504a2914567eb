# lesson-tcp-handshake.pks: the TCP header, the three-way handshake that
# opens a connection, and the exchange of FINs that closes it.
#
# Run it from the repository root:  pktsh -f examples/lesson-tcp-handshake.pks
# Capture: examples/lesson-tcp-handshake.pcap, one whole connection: a DNS
# query over TCP from 192.168.1.11 to port 53 and its answer (sources in
# examples/README.md).

# The TCP header (RFC 9293): ports, the sequence number of the first data
# byte, the acknowledgment (the next byte expected from the other side), the
# header length, the control bits written downwards, the receive window.
# Options, if any, follow the 20 fixed bytes.
layout tcp

load examples/lesson-tcp-handshake.pcap
list

# 1. SYN: the client picks an initial sequence number and offers options.
# Here they are as sent: MSS (the largest segment it accepts), SACK
# permitted, timestamps, a NOP to align, window scale. Header Length is 40:
# 20 fixed bytes and 20 of options.
layout tcp 1
hexdump 1 tcp.options

# The sequence numbers shown are relative to each side's first one, as
# Wireshark shows them; the raw numbers on the wire are in tcp.seq_raw.
print frame.number, tcp.seq, tcp.seq_raw where tcp.flags.syn == 1

# 2. SYN-ACK: the server picks its own number and acknowledges the client's
# SYN, which counts as one byte: Ack = 1. It offers only MSS.
layout tcp 2
hexdump 2 tcp.flags

# 3. ACK: the client acknowledges the server's SYN. Both sides now know the
# other's starting number: the connection is open.
layout tcp 3

# The conversation: a 58-byte query, a 226-byte answer, each acknowledged.
# A segment's next sequence number is its sequence number plus its length
# (plus one for a SYN or a FIN).
print frame.number, tcp.srcport, tcp.flags.str, tcp.seq, tcp.ack, tcp.len, tcp.nxtseq

# Closing: each side sends a FIN when it has nothing more to say, and the
# other acknowledges it. The client closes first (packet 8).
list where tcp.flags.fin == 1
layout tcp 8
count by tcp.flags.syn, tcp.flags.ack, tcp.flags.fin
