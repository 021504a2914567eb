#!/usr/bin/env python3
"""tshark's `-z follow` output, for pktsh's `follow`.

    make-follow-goldens.sh                              regenerates follow/
    make-follow-goldens.sh --check PKTSH [--per N] C [C…]  compares pktsh with tshark
                                                        on the streams of captures C

follow/ holds, for each (capture, protocol, stream) in GOLDENS and each
mode (ascii, hex, raw), tshark 4.0's `-q -z follow,PROTO,MODE,STREAM`
output byte for byte, in a file named after the capture, protocol, stream
and mode. tshark runs with its default TCP preferences (sequence analysis
and relative sequence numbers on) in the goldens' private configuration
(tshark-env.sh: the protocols pktsh does not dissect disabled, so that
stream numbers count the same TCP and UDP headers). FollowTests runs
`follow PROTO.stream == STREAM as MODE` and expects the same bytes.

--check runs both on up to N (default 10) TCP streams and N UDP streams of
each capture, in ascii mode, and prints how many are equal byte for byte
and which are not.
"""
import os, subprocess, sys

import tshark_cache

GOLDENS = [
    ("real/http-packets.pcap", "tcp", 6),
    ("real/http-packets.pcap", "tcp", 11),
    ("real/http-packets.pcap", "tcp", 7),
    ("real/tls2.pcap", "tcp", 0),
    ("real/tls2.pcap", "tcp", 5),
    ("real/many-protocols.pcap", "udp", 0),
    ("real/many-protocols.pcap", "udp", 4),
    ("wild/zeek__testing_btest_Traces_tcp_reassembly.pcap", "tcp", 0),
    ("wild/zeek__testing_btest_Traces_tcp_retransmit-fast009.pcap", "tcp", 0),
    ("wild/zeek__testing_btest_Traces_tcp_handshake-reorder.pcap", "tcp", 0),
    ("wild/suricata-verify__tests_eve-overlap-payload-04-partial-overlap_tcp-overlap2.pcap", "tcp", 0),
    ("wild/zeek__testing_btest_Traces_http_entity_gap.pcap", "tcp", 0),
    ("wild/gopacket__pcap_test_dns.pcap", "udp", 0),
    ("wild/zeek__testing_btest_Traces_tunnels_gtp_gtp_ext_header.pcap", "udp", 0),
    ("wild/zeek__testing_btest_Traces_tunnels_gtp_gtp_ext_header.pcap", "tcp", 0),
    ("wild/zeek__testing_btest_Traces_chksums_ip6-hoa-tcp-good-chksum.pcap", "tcp", 0),
    ("wild/suricata-verify__tests_bug-3286-03-windows-evasion_with_evasion_windows.pcap", "tcp", 0),
    # Portmap's GETPORT reply opens the mapped UDP port to any peer: four client ports, one stream.
    ("wild/zeek__testing_btest_Traces_nfs_nfs_write_bad_stable_how.pcap", "udp", 1),
    # A datagram of length 8 (no payload; bytes after it): tshark's tap keeps nothing, not even the sides.
    ("tcpdump/dns-zlip-2.pcap", "udp", 0),
    # Multipath TCP options: the mptcp layer TCP lists inside its own.
    ("tcpdump/mptcp-v0.pcap", "tcp", 0),
    # A stream only ever quoted in an ICMP error: followed, and empty.
    ("wild/zeek__testing_btest_Traces_icmp_icmp-timeexceeded.pcap", "udp", 0),
]
MODES = ["ascii", "hex", "raw"]
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "../../../../shared/corpus"))


def golden_name(capture, proto, stream, mode):
    return f"{os.path.basename(capture)}.{proto}.{stream}.{mode}.txt"


def tshark_follow(path, proto, stream, mode):
    return subprocess.run(["tshark", "-n", "-r", path, "-q", "-z", f"follow,{proto},{mode},{stream}"],
                          capture_output=True).stdout


def tshark_follows(path, picks):
    """tshark's ascii `-z follow` output of each (proto, stream) in picks,
    from one run: (proto, stream) -> bytes. tshark prints the taps' outputs
    one after another, each opening with a line of '=' and 'Follow: '."""
    args = [a for proto, stream in picks for a in ("-z", f"follow,{proto},ascii,{stream}")]
    out = tshark_cache.run(["-n", "-r", path, "-q", *args])
    marker = b"\n" + b"=" * 67 + b"\nFollow: "
    parts = out.split(marker)
    found = {}
    for part in parts[1:]:
        head = part.split(b"\n", 2)
        proto = head[0].split(b",")[0].decode()
        stream = int(head[1].rsplit(b" ", 1)[1])
        found[(proto, stream)] = marker + part
    return found


def pktsh_follow(pktsh, path, proto, stream, mode):
    return subprocess.run([pktsh, "-r", path, "-c", f"follow {proto}.stream == {stream} as {mode}"],
                          capture_output=True).stdout


def streams(path, proto):
    """The stream numbers tshark gives the capture's packets, in order."""
    out = tshark_cache.run(["-n", "-r", path, "-T", "fields", "-e", f"{proto}.stream"]).decode(errors="replace")
    seen = []
    for cell in out.split():
        for n in cell.split(","):
            if n.isdigit() and int(n) not in seen:
                seen.append(int(n))
    return seen


def generate():
    folder = os.path.join(HERE, "follow")
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    for capture, proto, stream in GOLDENS:
        if stream not in streams(os.path.join(CORPUS, capture), proto):
            sys.exit(f"{capture} has no {proto} stream {stream}")
        for mode in MODES:
            data = tshark_follow(os.path.join(CORPUS, capture), proto, stream, mode)
            with open(os.path.join(folder, golden_name(capture, proto, stream, mode)), "wb") as f:
                f.write(data)


def check(pktsh, per, captures):
    equal = total = 0
    for path in captures:
        picks = [(proto, stream) for proto in ("tcp", "udp") for stream in streams(path, proto)[:per]]
        outputs = tshark_follows(path, picks) if picks else {}
        for proto, stream in picks:
            total += 1
            theirs = outputs.get((proto, stream), b"")
            ours = pktsh_follow(pktsh, path, proto, stream, "ascii")
            if ours == theirs:
                equal += 1
            else:
                print(f"differs: {path} {proto} {stream}")
    print(f"{equal} of {total} streams equal byte for byte ({100 * equal / max(total, 1):.1f}%)")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        generate()
    elif args[0] == "--check" and len(args) >= 3:
        per = 10
        rest = args[2:]
        if rest[0] == "--per":
            per, rest = int(rest[1]), rest[2:]
        check(args[1], per, rest)
    else:
        sys.exit(__doc__)
