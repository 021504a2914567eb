# lesson-http-follow.pks: one HTTP connection, from its packets to what the
# browser and the server said to each other.
#
# Run it from the repository root:  pktsh -f examples/lesson-http-follow.pks
# Capture: examples/lesson-http-follow.pcap, one connection from a browser
# at 10.0.0.1 to a web server, with two requests and their answers (sources
# in examples/README.md).

load examples/lesson-http-follow.pcap

# The packets: the handshake, a request, its answer, a second request, its
# answer, keep-alives, the close.
list

# One TCP conversation, with its frames and bytes in each direction (A is
# the side that sent the first packet).
conversations tcp

# Each request is 2,320 bytes or more, mostly cookies: more than one
# segment holds (the server's MSS is 1360), so the browser sends it in two.
# TCP puts them back together for HTTP, as Wireshark does.
print frame.number, tcp.len, tcp.seq, tcp.nxtseq where ip.src == 10.0.0.1 && tcp.len > 1
print frame.number, http.request.method, http.request.uri, http.host where http.request

# The answers: a status line, headers, then a body whose length the
# Content-Length header gives.
print frame.number, http.response.code, http.content_type, http.content_length where http.response

# What was said, in order, as Wireshark's Follow TCP Stream shows it: the
# browser's bytes, then the server's indented by a tab, each chunk headed
# by its length in bytes. The first answer's body is XML, readable; the
# second is gzip-compressed (Content-Encoding), so its bytes are not text.
follow tcp.stream == 0
