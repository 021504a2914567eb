#!/usr/bin/env python3
"""tshark's conversation and endpoint tables, for `conversations` and `endpoints`.

    make-conversation-goldens.sh                     regenerates conversations.txt
    make-conversation-goldens.sh --check PKTSH C [C…]  compares pktsh with tshark on captures C

conversations.txt holds, for each capture in CAPTURES (paths under the
corpus) and each table in TABLES, tshark 4.0's `-q -z conv,TYPE` or
`-z endpoints,TYPE` rows as tab-separated cells, in tshark's order:
  conv,TYPE       A's address [and port], B's, frames and bytes B to A, A to
                  B and in all (bytes as tshark prints them: 7235 bytes,
                  518 kB), relative start (9 decimals), duration (4 decimals)
  endpoints,TYPE  address [and port], packets, bytes, sent packets and bytes,
                  received packets and bytes (exact numbers)
tshark runs with its default preferences: IP defragmentation on, as in
pktsh (a fragmented datagram counts under transport tables at its last
fragment).
ConversationTests compares pktsh's rows with them: frames, packets and
exact byte counts equal, bytes in tshark's units, the start to the
microsecond and the duration to tshark's last decimal. --check prints the
same comparison for captures the goldens did not come from: how many of
tshark's rows pktsh has, with equal numbers.
"""
import os, re, subprocess, sys
from decimal import Decimal

import tshark_cache

CAPTURES = [
    "real/http-packets.pcap",
    "real/many-protocols.pcap",
    "real/ip-frag.pcap",
    "wild/gopacket__pcap_test_dns.pcap",
    "wild/zeek__testing_btest_Traces_http_methods.pcap",
    "wild/suricata-verify__tests_bug-6244-tcp-rst-with-data-02_tcp-rst-with-data.pcap",
    # Tunnels: a packet counts in a conversation per layer, outer and inner.
    "wild/zeek__testing_btest_Traces_tunnels_gre-within-gre.pcap",
    "tcpdump/vxlan.pcap",
    # Ports reused: 23 SYNs with new initial numbers start new conversations.
    "wild/suricata-verify__tests_bug-7657-01_input.pcap",
    # PIM Registers: the datagram a Register carries counts, as a tunnel's does.
    "tcpdump/pim-packet-assortment.pcap",
    # An Ethernet frame as an IPv6 payload (next header 143) behind a segment routing header.
    "tcpdump/ipv6-srh-ipproto-ether.pcap",
    # MPLS in UDP (port 6635): the IP it carries counts too.
    "tcpdump/mpls-over-udp.pcap",
    # Simple Packet Blocks (no time) first: times count from zero.
    "pcapng/le/test011.pcapng",
]
TABLES = ["conv,tcp", "conv,udp", "conv,ip", "conv,ipv6", "conv,eth",
          "endpoints,tcp", "endpoints,udp", "endpoints,ip", "endpoints,ipv6", "endpoints,eth"]
PORTS = {"tcp", "udp"}
# tshark's defaults, defragmentation on: pktsh puts IP fragments back
# together as tshark does.
TSHARK: list[str] = []


TITLES = {"tcp": "TCP", "udp": "UDP", "ip": "IPv4", "ipv6": "IPv6", "eth": "Ethernet"}


def tshark_tables(capture, tables):
    """tshark's rows of each of the tables, from one run: table -> rows."""
    args = [a for table in tables for a in ("-z", table)]
    out = tshark_cache.run(["-n", "-r", capture, *TSHARK, "-q", *args]).decode(errors="replace")
    sections, current = {}, None
    for line in out.splitlines():
        for table in tables:
            kind, name = table.split(",")
            if line == f"{TITLES[name]} {'Conversations' if kind == 'conv' else 'Endpoints'}":
                current = table
        if current is not None:
            sections.setdefault(current, []).append(line)
    return {table: parse_table(table, sections.get(table, [])) for table in tables}


def tshark_table(capture, table):
    """tshark's rows of one table, each a list of cells."""
    return tshark_tables(capture, [table])[table]


def parse_table(table, lines):
    """The rows of one table from its lines of tshark's output."""
    kind = table.split(",")[1]
    rows = []
    size = r"(\d+ (?:bytes|kB|MB|GB|TB))"
    for line in lines:
        if table.startswith("conv"):
            m = re.match(rf"(\S+)\s+<-> (\S+)\s+(\d+) {size}\s+(\d+) {size}\s+(\d+) {size}\s+(\S+)\s+(\S+)\s*$", line)
            if not m:
                continue
            sides = []
            for side in (m.group(1), m.group(2)):
                sides += list(side.rsplit(":", 1)) if kind in PORTS else [side]
            rows.append(sides + list(m.groups()[2:]))
        else:
            cells = line.split()
            width = 8 if kind in PORTS else 7
            if len(cells) == width and all(c.isdigit() for c in cells[width - 6:]):
                rows.append(cells)
    return rows


def size(n):
    """Bytes as tshark's conversation table prints them."""
    for unit in ["bytes", "kB", "MB", "GB"]:
        if n < 10000:
            return f"{n} {unit}"
        n //= 1000
    return f"{n} TB"


def as_tshark(table, row):
    """A pktsh row as tshark prints the same numbers."""
    if table.startswith("endpoints"):
        return row
    sides = len(row) - 8
    n = row[sides:]
    start = Decimal(n[6])
    duration = Decimal(n[7])
    return row[:sides] + [n[0], size(int(n[1])), n[2], size(int(n[3])), n[4], size(int(n[5])), start, duration]


def same(table, theirs, ours):
    """Whether pktsh's row (as_tshark) has tshark's numbers; tshark
    computes the start and the duration as doubles, so they are compared
    to the microsecond and to its last decimal (0.0001 s)."""
    if table.startswith("endpoints"):
        return theirs == ours
    return (theirs[:-2] == ours[:-2] and abs(Decimal(theirs[-2]) - ours[-2]) < Decimal("0.000001")
            and abs(Decimal(theirs[-1]) - ours[-1]) <= Decimal("0.0001"))


def pktsh_tables(pktsh, capture, tables):
    """pktsh's rows of each of the tables, from one run (each table's
    output after an `echo` of its name): table -> rows as tshark's."""
    script = "\n".join(f'echo "## {table}"\n' + ("conversations " if table.startswith("conv") else "endpoints ")
                       + table.split(",")[1] for table in tables)
    out = subprocess.run([pktsh, "-r", capture, "-c", script], capture_output=True, text=True,
                         errors="replace").stdout
    found, current = {table: [] for table in tables}, None
    for line in out.splitlines():
        if line.startswith("## ") and line[3:] in found:
            current = line[3:]
        elif current is not None:
            found[current].append(as_tshark(current, line.split("\t")))
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = os.path.join(here, "../../../../shared/corpus")
    if sys.argv[1:2] == ["--check"]:
        pktsh, captures = sys.argv[2], sys.argv[3:]
        totals = {}
        for capture in captures:
            tables = tshark_tables(capture, TABLES)
            pktsh_rows = pktsh_tables(pktsh, capture, TABLES)
            for table in TABLES:
                theirs = tables[table]
                ours = pktsh_rows[table]
                # A pair of sides has several TCP rows when its ports were reused.
                numbers = 8 if table.startswith("conv") else 6
                found = {}
                for r in ours:
                    found.setdefault(tuple(r[:len(r) - numbers]), []).append(r)
                agreeing = 0
                for row in theirs:
                    candidates = found.get(tuple(row[:len(row) - numbers]), [])
                    match = next((m for m in candidates if same(table, row, m)), None)
                    if match is not None:
                        candidates.remove(match)
                        agreeing += 1
                t = totals.setdefault(table, [0, 0, 0])
                t[0] += agreeing
                t[1] += len(theirs)
                t[2] += len(ours)
                if agreeing != len(theirs) or len(ours) != len(theirs):
                    print(f"{os.path.basename(capture)}\t{table}: {agreeing}/{len(theirs)} of tshark's rows agree, "
                          f"pktsh has {len(ours)}")
        for table, (agreeing, theirs, ours) in totals.items():
            share = 100 * agreeing / theirs if theirs else 100
            print(f"{table}: {agreeing}/{theirs} of tshark's rows in pktsh with equal numbers ({share:.2f}%); "
                  f"pktsh has {ours} rows")
        return
    out = []
    for name in CAPTURES:
        for table in TABLES:
            out.append(f"## {name}\t{table}")
            out += ["\t".join(row) for row in tshark_table(os.path.join(corpus, name), table)]
    with open(os.path.join(here, "conversations.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


main()
