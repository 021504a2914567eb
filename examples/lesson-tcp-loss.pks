# lesson-tcp-loss.pks: what a lost segment does to a TCP transfer, as
# Wireshark's sequence analysis shows it: the gap, duplicate ACKs with SACK
# blocks, the fast retransmission that fills it, and the window.
#
# Run it from the repository root:  pktsh -f examples/lesson-tcp-loss.pks
# Capture: examples/lesson-tcp-loss.pcap, one HTTP download of 16,697 bytes
# from 212.58.246.107 to 10.0.0.1 (sources in examples/README.md).

load examples/lesson-tcp-loss.pcap

# The whole connection. The bracketed notes at the start of some lines are
# the sequence analysis's findings, as Wireshark's Info column shows them.
list

# 1. The window. Each side says how many bytes it will accept beyond what
# it acknowledges. The SYNs offer a window scale (WS=4: a multiplier of 4;
# the server's is 128): later windows are multiplied by it, so the 16,660
# the client writes in frame 3 means 66,640 bytes.
print frame.number, ip.src, tcp.window_size_value, tcp.window_size_scalefactor, tcp.window_size where tcp.flags.syn == 1 || frame.number == 3

# 2. The sender may have that many bytes in flight (sent, not yet
# acknowledged). Watch them grow as the server sends faster than the ACKs
# come back.
print frame.number, tcp.seq, tcp.len, tcp.analysis.bytes_in_flight where ip.src == 212.58.246.107 && tcp.len > 0

# 3. The loss. Two segments did not arrive in order: bytes 6801-8160 and
# 9521-10880. Frames 13 and 15 each start past the data seen so far.
list where tcp.analysis.lost_segment
print frame.number, tcp.seq, tcp.nxtseq where ip.src == 212.58.246.107 && frame.number in {12..13}

# 4. The receiver keeps acknowledging 6801, the first byte it misses: each
# repeat is a duplicate ACK. Its SACK blocks (left and right edges) say
# which bytes beyond the gap did arrive, so the sender resends only the gap.
print frame.number, tcp.ack, tcp.analysis.duplicate_ack_num, tcp.analysis.duplicate_ack_frame, tcp.options.sack_le, tcp.options.sack_re where tcp.analysis.duplicate_ack

# 5. After three duplicate ACKs the sender does not wait for its timer: a
# fast retransmission of the first missing segment (frame 25). The second
# arrives next, after bytes that follow it: out of order (frame 27).
list where tcp.analysis.retransmission || tcp.analysis.out_of_order
print frame.number, tcp.seq, tcp.len, tcp.analysis.fast_retransmission, tcp.analysis.out_of_order where tcp.analysis.flags

# 6. With the gap filled, one ACK covers everything up to 17033: the
# transfer goes on. How long each ACK took to come back (its round-trip
# time) is in tcp.analysis.ack_rtt.
print frame.number, tcp.ack, tcp.analysis.ack_rtt where ip.src == 10.0.0.1 && tcp.analysis.ack_rtt

# In numbers: how often each finding occurs.
count tcp.analysis.lost_segment
count tcp.analysis.duplicate_ack
count tcp.analysis.retransmission
