# first-look.pks: a first tour of pktsh on 30 packets of HTTP.
#
# Run it from the repository root (the path below is relative to it):
#   swift run -c release pktsh -f examples/first-look.pks
# Its output is examples/first-look.out, made with TZ=UTC. The echo lines
# say what each output below them is.

load examples/http-sample.pcap

# How many packets, and a summary line for the first few, as tshark prints them.
echo "== packets in the capture"
count
echo "== the first six, one summary line each: number, time, source → destination, protocol, length, info"
list 1-6

# Who talks to whom: one line per distinct value, busiest first.
echo "== count by ip.src, ip.dst: source, destination, packets"
count by ip.src, ip.dst
echo "== count by tcp.srcport, tcp.dstport: source port, destination port, packets"
count by tcp.srcport, tcp.dstport

# Fields of the packets a filter (Wireshark's display-filter language) picks.
# This HTTP runs on port 31600, which is not HTTP's port: pktsh finds it by
# its first line, as tshark's heuristic does. Filters can also look inside
# the TCP payload itself.
echo "== requests (GET): frame.number, ip.src, tcp.srcport, tcp.len"
print frame.number, ip.src, tcp.srcport, tcp.len where tcp.payload contains "GET /"
echo "== responses (HTTP/1.1 200): frame.number, tcp.len"
print frame.number, tcp.len where tcp.payload contains "HTTP/1.1 200"

# Name a filter, then narrow the view: later commands see only its packets.
let big = tcp.len > 1000
filter big
echo "== packets in the view (filter big)"
count
echo "== frame.number, frame.time_relative, tcp.seq, tcp.len of those before frame 20"
print frame.number, frame.time_relative, tcp.seq, tcp.len where frame.number < 20
filter

# One packet in full: its dissector tree, each item with its byte range...
echo "== show 3: packet 3's dissector tree"
show 3
# ...and its bytes, the TCP flags in brackets.
echo "== hexdump 3 tcp.flags: its bytes, the TCP flags [in brackets]"
hexdump 3 tcp.flags
