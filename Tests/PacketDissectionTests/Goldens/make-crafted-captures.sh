#!/bin/bash
# Writes crafted/*.pcap: captures of a protocol the shared corpus has no
# real capture of outside the coverage sample (PFCP), built byte by byte
# to cover its header variants and the ways its element walk ends. Their
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
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for number, payload in enumerate(packets):
        frame = ipv4_udp(payload)
        f.write(struct.pack("<IIII", 1700000000 + number, 0, len(frame), len(frame)) + frame)
PY
echo "wrote $here/crafted/pfcp-variants.pcap"
