#!/bin/bash
# Writes crafted/*.pcap: captures of a protocol the shared corpus has no
# real capture of outside the coverage sample (PFCP), built byte by byte
# to cover its header variants, the ways its element walk ends, and the
# elements whose contents it takes apart (F-SEID, PFD contents); and
# SIP transactions the corpus's few SIP captures lack (resends, answered
# requests, registrations that remove bindings, SIP over TCP and on a
# port found by the heuristic); and IMAP, of which the corpus has no
# capture at all (a session with literals, folders, tags matched, STARTTLS;
# connections whose first segments are TLS or not text); and DNS
# responses whose last record runs past the message or the capture, of
# many types (the one public capture showing it is measured instead). Their
# field goldens come from tshark like every other's (make-field-goldens.sh
# CAPTURE); nothing here states what the fields should be.
# Usage: make-crafted-captures.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/crafted"
python3 - "$here/crafted/pfcp-variants.pcap" <<'PY'
import struct, sys

def ipv4_udp(payload, sport=8805, dport=8805):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                       bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp

def element(kind, content):
    return struct.pack(">HH", kind, len(content)) + content

def message(kind, elements, flags=0x20, seid=None, last=0):
    body = (struct.pack(">Q", seid) if seid is not None else b"") + struct.pack(">I", 7 << 8 | last) + elements
    return struct.pack(">BBH", flags | (1 if seid is not None else 0), kind, len(body)) + body

recovery = element(96, b"\xe3\x4f\x2a\x10")
node_id = element(60, b"\x00\x0a\x00\x00\x01")
create_pdr = element(1, element(56, b"\x00\x01") + element(2, element(20, b"\x00")) + element(95, b"\x00\x00\x00\x01"))
packets = [
    message(1, recovery),                                   # heartbeat, no SEID
    message(5, node_id + recovery),                         # association setup
    message(50, node_id + create_pdr, seid=0x1122334455667788),  # grouped elements two deep
    message(52, create_pdr, flags=0x22, seid=1, last=0x70),  # message priority 7
    message(51, element(19, b"\x01"), flags=0x24, seid=2),  # follow on
    message(99, recovery),                                  # unknown message type
    message(1, element(0x8001, b"\x27\x0f\x01\x02") + recovery),  # vendor element (enterprise 9999)
    message(1, element(1, struct.pack(">HH", 96, 4) + b"\0\0")),  # member longer than its group
    message(1, recovery + b"\x00\x01"),                     # two bytes left after the last element
    message(1, struct.pack(">HH", 96, 40) + b"\0\0\0\0"),  # element longer than the datagram
    struct.pack(">BBH", 0x20, 1, 4) + b"\x00",               # header cut inside the sequence number
    message(50, node_id + element(57, b"\x02" + struct.pack(">Q", 3) + bytes([10, 0, 0, 9])), seid=0),  # F-SEID, IPv4
    message(50, element(57, b"\x03" + struct.pack(">Q", 4) + bytes([10, 0, 0, 9]) + bytes(range(16)))),  # F-SEID, both
    message(50, element(57, b"\xfd" + struct.pack(">Q", 5) + bytes(range(16)))),  # F-SEID, IPv6, spare bits set
    message(50, element(57, b"\x02" + struct.pack(">Q", 6)) + recovery),  # F-SEID without its IPv4 address
    message(3, element(61, b"\x00\x00") + element(61, b"\xa5\x07" + struct.pack(">H", 3) + b"abc")),  # PFD contents
    message(3, element(61, b"\x01")),                          # PFD contents without the spare octet
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for number, payload in enumerate(packets):
        frame = ipv4_udp(payload)
        f.write(struct.pack("<IIII", 1700000000 + number, 0, len(frame), len(frame)) + frame)
PY
echo "wrote $here/crafted/pfcp-variants.pcap"
python3 - "$here/crafted/sip-transactions.pcap" <<'PY'
import struct, sys

def ipv4(proto, payload, src, dst):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0, bytes(src), bytes(dst)) + payload

def udp(payload, src, dst, sport=5060, dport=5060):
    return ipv4(17, struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload, src, dst)

def tcp(payload, src, dst, sport=40000, dport=5060):
    return ipv4(6, struct.pack(">HHIIBBHHH", sport, dport, 1, 1, 0x50, 0x18, 65535, 0, 0) + payload, src, dst)

def message(first, headers, body=b""):
    lines = [first] + headers + ["Content-Length: %d" % len(body)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

A, B = [10, 0, 0, 1], [10, 0, 0, 2]
def dialog(cseq, method, to_tag=""):
    return ["Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK%d;rport" % cseq,
            'From: "Alice" <sip:alice@example.com>;tag=a1',
            "To: <sip:bob@example.com>" + (";tag=" + to_tag if to_tag else ""),
            "Call-ID: call-1@10.0.0.1", "CSeq: %d %s" % (cseq, method),
            "Contact: <sip:alice@10.0.0.1:5060;transport=udp>", "Max-Forwards: 70"]
sdp = b"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
register = ["Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr", "From: <sip:alice@example.com>;tag=r1",
            "To: <sip:alice@example.com>", "Call-ID: reg-1@10.0.0.1"]
frames = [
    (0.0, udp(message("INVITE sip:bob@example.com SIP/2.0", dialog(1, "INVITE") + ["Content-Type: application/sdp"], sdp), A, B)),
    (0.5, udp(message("INVITE sip:bob@example.com SIP/2.0", dialog(1, "INVITE") + ["Content-Type: application/sdp"], sdp), A, B)),
    (0.7, udp(message("SIP/2.0 100 Trying", dialog(1, "INVITE")), B, A)),
    (1.2, udp(message("SIP/2.0 200 OK", dialog(1, "INVITE", "b2")), B, A)),
    (1.9, udp(message("SIP/2.0 200 OK", dialog(1, "INVITE", "b2")), B, A)),
    (2.0, udp(message("ACK sip:bob@10.0.0.2 SIP/2.0", dialog(1, "ACK", "b2")), A, B)),
    (3.0, udp(message("INVITE sip:bob@10.0.0.2 SIP/2.0", dialog(2, "INVITE", "b2")), A, B)),
    (4.0, udp(message("BYE sip:bob@10.0.0.2 SIP/2.0", dialog(3, "BYE", "b2")), A, B)),
    (4.25, udp(message("SIP/2.0 200 OK", dialog(3, "BYE", "b2")), B, A)),
    (5.0, udp(message("REGISTER sip:example.com SIP/2.0", register + ["CSeq: 1 REGISTER",
        "Contact: <sip:alice@10.0.0.1>;expires=0, <sip:alice@10.0.0.9>;expires=3600, <sip:alice@10.0.0.8>",
        "Expires: 0"]), A, B)),
    (5.1, udp(message("SIP/2.0 200 OK", register + ["CSeq: 1 REGISTER", "Contact: <sip:alice@10.0.0.9>;expires=3600"]), B, A)),
    (6.0, udp(message("REGISTER sip:example.com SIP/2.0", register + ["CSeq: 2 REGISTER", "m: *", "Expires: 0"]), A, B)),
    (7.0, udp(message("OPTIONS sip:bob@example.com SIP/2.0", dialog(9, "OPTIONS")), A, B, 5070, 15070)),
    (8.0, udp(message("FOO sip:bob@example.com SIP/2.0", dialog(10, "FOO")), A, B)),
    (9.0, tcp(message("MESSAGE sip:bob@example.com SIP/2.0", dialog(11, "MESSAGE") + ["c: text/plain"], b"hello"), A, B)),
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for time, frame in frames:
        seconds, fraction = divmod(round(time * 1000000), 1000000)
        f.write(struct.pack("<IIII", 1700000000 + seconds, fraction, len(frame), len(frame)) + frame)
PY
echo "wrote $here/crafted/sip-transactions.pcap"
python3 - "$here/crafted/imap-sessions.pcap" <<'PY'
import struct, sys

def ipv4(payload, src, dst):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, 6, 0, bytes(src), bytes(dst)) + payload

C, S = [10, 0, 0, 1], [10, 0, 0, 2]
seq = {}
def segment(port, from_client, payload):
    key = (port, from_client)
    n = seq.get(key, 1000 if from_client else 5000)
    seq[key] = n + len(payload)
    ack = seq.get((port, not from_client), 5000 if from_client else 1000)
    sport, dport = (port, 143) if from_client else (143, port)
    header = struct.pack(">HHIIBBHHH", sport, dport, n, ack, 0x50, 0x18, 65535, 0, 0)
    return ipv4(header + payload, C, S) if from_client else ipv4(header + payload, S, C)

def tls(content_type, body):
    return struct.pack(">BHH", content_type, 0x0303, len(body)) + body
hello = bytes([1]) + (41).to_bytes(3, "big") + struct.pack(">H", 0x0303) + bytes(32) + b"\x00" + struct.pack(">HH", 2, 0x002f) + b"\x01\x00"
header = b"From: a@example.com\r\nSubject: hi\r\n\r\n"
message = b"From: a@example.com\r\nSubject: long\r\n\r\n" + b"line of the body\r\n" * 40
session = [  # connection 40001: a whole session, then STARTTLS
    (False, b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n"),
    (True, b"a001 CAPABILITY\r\n"),
    (False, b"* CAPABILITY IMAP4rev1 STARTTLS\r\na001 OK CAPABILITY completed\r\n"),
    (True, b'a002 LOGIN alice "s3cret"\r\n'),
    (False, b"a002 OK LOGIN completed\r\n"),
    (True, b"a003 SELECT INBOX\r\n"),
    (False, b"* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] UIDs valid\r\na003 OK [READ-WRITE] SELECT completed\r\n"),
    (True, b"a004 UID FETCH 1:* (FLAGS)\r\n"),
    (False, b"* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n* 2 FETCH (UID 2 FLAGS ())\r\na004 OK FETCH completed\r\n"),
    (True, b"a005 FETCH 1:2 (BODY[HEADER])\r\n"),
    (False, b"* 1 FETCH (BODY[HEADER] {%d}\r\n%s)\r\n* 2 FETCH (BODY[HEADER] {%d}\r\n%s)\r\na005 OK FETCH completed\r\n"
        % (len(header), header, len(header), header)),
    (True, b"a006 FETCH 2 BODY[]\r\n"),
    (False, b"* 2 FETCH (BODY[] {%d}\r\n%s" % (len(message), message[:300])),
    (False, message[300:] + b")\r\na006 OK FETCH completed\r\n"),
    (True, b"a007 copy 1 Archive\r\n"),
    (False, b"a007 OK COPY completed\r\n"),
    (True, b"A008 uid copy 2 Trash\r\n"),
    (False, b"a008 NO [TRYCREATE] no folder\r\n"),
    (True, b"a009 SEARCH  ALL\r\n"),
    (False, b"* SEARCH 1 2\r\na009 OK SEARCH completed\r\n"),
    (True, b"a010 STATUS Archive (MESSAGES)\r\na011 NOOP\r\n"),
    (False, b"a010 OK\r\n\r\na011 OK NOOP\r\n"),
    (True, b"a012 APPEND Sent {11}\r\n"),
    (False, b"+ Ready for literal data\r\n"),
    (True, b"Hello world\r\n"),
    (False, b"a012 OK APPEND completed\r\n"),
    (True, b"a013 IDLE\r\n"),
    (False, b"+ idling\r\n"),
    (True, b"DONE\r\n"),
    (True, b"a014 NOOP"),
    (False, b"a013 OK IDLE terminated\r\n"),
    (True, b"a015 s INBOX\r\na016 u fetch 1 FLAGS\r\na017 UID\r\n"),
    (False, b"* 1 fe (X {3}\r\nabc)\r\n* 3 FETCH (BODY[] {99999999999}\r\n)\r\n"),
    (True, b"a018 STARTTLS\r\n"),
    (False, b"a018 OK Begin TLS negotiation now\r\n"),
    (True, tls(22, hello)),
    (False, b"a019 BAD text after TLS\r\n"),
]
midway = [  # connection 40002: seen from after its STARTTLS
    (False, tls(23, bytes(range(24)))),
    (True, tls(23, bytes(range(40, 60)))),
    (False, b"* BYE text again\r\n"),
]
short = [  # connection 40003: a first segment that is not five printable characters
    (False, b"* OK\r\n"),
    (True, b'b1 LOGIN bob "pw"\r\nb2 login bob x\r\n'),
    (True, b"b3 LOGIN bob\r\nb4 NOOP\r\n"),
    (False, b"B1 OK\tdone\r\n"),
]
frames = [segment(40001, *f) for f in session] + [segment(40002, *f) for f in midway] + [segment(40003, *f) for f in short]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for i, frame in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i // 4, (i % 4) * 250000, len(frame), len(frame)) + frame)
PY
echo "wrote $here/crafted/imap-sessions.pcap"
python3 - "$here/crafted/dns-records-cut-short.pcap" <<'PY'
import struct, sys

def frame(message):
    udp = struct.pack(">HHHH", 53, 40000, 8 + len(message), 0) + message
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
    return bytes(6) + bytes([0, 1, 2, 3, 4, 5]) + b"\x08\x00" + ip

def header(answers, additional=0):
    return struct.pack(">HHHHHH", 0x1234, 0x8180, 1, answers, 0, additional)

question = b"\x07example\x03com\x00" + struct.pack(">HH", 1, 1)
def record(kind, data, length=None):
    return b"\xc0\x0c" + struct.pack(">HHIH", kind, 1, 60, len(data) if length is None else length) + data

a = record(1, b"\x01\x02\x03\x04")
full = header(2) + question + a + record(1, b"\x05\x06\x07\x08")
messages = [  # (message, bytes of it captured; None for all)
    (header(2) + question + a + record(1, b"\x05\x06\x07\x08", length=10), None),  # data length past the message
    (full, len(full) - 2),                                                         # address cut by the snap length
    (full, len(full) - 5),                                                         # cut inside the record's header
    (header(2) + question + a + record(5, b"\x03www\xc0\x0c", length=20), None),   # CNAME
    (header(2) + question + a + record(15, b"\x00\x0a\x02mx\xc0\x0c", length=20), None),  # MX
    (header(2) + question + a + record(16, b"\x03abc", length=20), None),          # TXT read past the end
    (header(1, 1) + question + a + b"\x00" + struct.pack(">HHIH", 41, 4096, 0, 12) + b"\x00\x0a\x00\x02ab", None),  # OPT
    (header(3) + question + a + record(1, b"\x05\x06\x07\x08", length=6) + record(1, b"\x09\x09\x09\x09"), None),  # not the last
    (header(1) + question + record(6, b"\x02ns\xc0\x0c\x04mail\xc0\x0c" + struct.pack(">IIIII", 1, 2, 3, 4, 5), length=60), None),  # SOA
    (header(1) + question + record(12, b"\x03ptr\xc0\x0c", length=30), None),     # PTR
    (header(1) + question + record(33, struct.pack(">HHH", 1, 2, 3) + b"\x03srv\xc0\x0c", length=30), None),  # SRV
    (header(1) + question + record(99, b"\x03abc", length=30), None),             # a type whose data is one item
    (header(1) + question + record(28, bytes(range(16)), length=30), None),       # AAAA
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for number, (message, captured) in enumerate(messages):
        whole = frame(message)
        kept = whole if captured is None else whole[:14 + 28 + captured]
        f.write(struct.pack("<IIII", 1700000000 + number, 0, len(kept), len(whole)) + kept)
PY
echo "wrote $here/crafted/dns-records-cut-short.pcap"
