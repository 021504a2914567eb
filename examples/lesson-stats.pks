# lesson-stats.pks: who talks the most, and when: aggregates over packets
# with `stats`, as tshark's endpoint, conversation and I/O tables count them.
#
# Run it from the repository root:  pktsh -f examples/lesson-stats.pks
# Capture: examples/lesson-stats.pcap, the first 12 seconds of a laptop
# opening web pages over IPv6 and TLS (sources in examples/README.md).
# In a pipe each row is tab-separated with no header, as here; on a
# terminal the same rows come as a table with a header, and a rate with a bar.

load examples/lesson-stats.pcap
stats count, sum(frame.len)

# 1. Top talkers by bytes: one row per sender, the biggest first. The
# laptop sends the most packets, but small ones (requests and ACKs); the
# servers answer with fewer, fuller ones.
stats sum(frame.len), count, avg(frame.len) by ipv6.src top 5

# 2. Conversations: sender and receiver. `ipv6.addr` puts each packet in the
# group of both its addresses, as tshark's endpoint table counts them.
stats sum(frame.len), count by ipv6.src, ipv6.dst top 6
stats count, sum(frame.len) by ipv6.addr top 3

# 3. Per server: how many connections (distinct client ports) and how big
# the answers are, for TLS only.
stats distinct(tcp.dstport), count, min(frame.len), max(frame.len) by ipv6.src where tcp.srcport == 443 top 4

# 4. A rate over time: packets and bytes in each second since the first
# packet (a second without packets shows as zeros). The pages were opened at
# 4 s and 9 s. On a terminal a bar is drawn beside each second. Then the
# TLS bytes the servers sent, each half second, with the biggest segment.
stats count, sum(frame.len) every 1s
stats sum(tcp.len), max(tcp.len) every 500ms where tcp.srcport == 443
