#!/usr/bin/env python3
"""The expected output of `stats` queries, computed from tshark's fields.

    make-stats-goldens.sh                       regenerates stats.txt and tshark-tables.txt
    make-stats-goldens.sh --check PKTSH C [C…]  compares pktsh's stats on captures C with
                                                tshark -z endpoints,ip, conv,ip and io,stat,1

Goldens: for each capture, tshark prints the fields every query reads
(-T fields, every occurrence); this script groups and aggregates them by
itself, as `stats` is documented to (a packet is in one group for each
distinct combination of its `by` values; sums add every occurrence; avg
has three decimals, rounded half away from zero; rows by the first
aggregate, largest first, ties by the values; with `every`, by time
first). Before writing, it checks its own numbers against tshark's
endpoint, conversation and I/O tables, which count the same things.

tshark-tables.txt holds those tables themselves for TABLE_CAPTURES, as
tab-separated rows that StatsTests compares with pktsh's stats:
  conv,ip       A, B, frames and bytes B to A, A to B, both (bytes as tshark
                prints them: 7235 bytes, 518 kB), one row per unordered pair,
                of the packets with one IPv4 header from one address to
                another (see ONE_HEADER)
  endpoints,ip  address, packets, bytes, then sent and received packets and
                bytes, of the same packets
  io,stat,1     the interval's start in seconds, frames, bytes
"""
import ipaddress, os, re, subprocess, sys
from decimal import Decimal

CAPTURES = ["http-packets.pcap", "many-protocols.pcap"]
# tls2.pcap is left out, to check on a capture the goldens did not come from.
TABLE_CAPTURES = ["http-packets.pcap", "many-protocols.pcap", "ip-frag.pcap"]
QUERIES = [
    "stats count, sum(frame.len), avg(frame.len), min(frame.len), max(frame.len) by ip.src, ip.dst",
    "stats count, sum(frame.len), distinct(tcp.srcport) by ip.addr",
    "stats count, sum(frame.len) every 1s",
    "stats sum(tcp.len), avg(tcp.len), max(tcp.len) by ip.src where tcp",
    "stats count, sum(frame.len), distinct(ip.src), distinct(ip.addr)",
    "stats count by ip.dst every 5s top 20",
    "stats count, sum(frame.len) by ip.src top 3",
    "stats avg(frame.len)",
    "stats sum(tcp.len) where tcp",
]
FIELDS = ["frame.time_relative", "frame.len", "ip.src", "ip.dst", "ip.addr", "tcp.srcport", "tcp.len", "frame.protocols"]
TSHARK = ["-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.desegment_tcp_streams:FALSE"]
FILL_LIMIT = 1_000_000


def tshark(capture, *arguments):
    """tshark's output; a damaged capture's packets before the damage, as pktsh reads them."""
    return subprocess.run(["tshark", "-r", capture, *TSHARK, *arguments], capture_output=True, text=True).stdout


def packets(capture):
    out = tshark(capture, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                 *[x for f in FIELDS for x in ("-e", f)])
    for line in out.splitlines():
        cells = line.split("\t")
        p = {f: (c.split(",") if c else []) for f, c in zip(FIELDS, cells)}
        t = Decimal(p["frame.time_relative"][0])
        p["ns"] = int(t * 1_000_000_000)
        p["tcp"] = "tcp" in cells[FIELDS.index("frame.protocols")].split(":")
        yield p


def typed(field, text):
    """A value as a key that sorts as `stats` sorts it."""
    return int(ipaddress.ip_address(text)) if field.startswith("ip.") else int(text, 0)


def decimal(total, n):
    q, r = divmod(abs(total) * 1000, n)
    if 2 * r >= n:
        q += 1
    return ("-" if total < 0 and q else "") + f"{q // 1000}.{q % 1000:03d}"


def seconds(ns):
    return f"{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}"


def parse(query):
    m = re.fullmatch(r"stats (.+?)(?: by (.+?))?(?: where (tcp|count\(ip\.src\) == 1 && ip\.src != ip\.dst))?(?: every (\d+)s)?(?: top (\d+))?", query)
    aggregates = []
    for a in m.group(1).split(", "):
        fn, _, arg = a.partition("(")
        aggregates.append((fn, arg.rstrip(")") or None))
    by = m.group(2).split(", ") if m.group(2) else []
    every = int(m.group(4)) * 1_000_000_000 if m.group(4) else None
    return aggregates, by, m.group(3), every, int(m.group(5)) if m.group(5) else None


def run(query, rows):
    aggregates, by, where, every, top = parse(query)
    groups = {}
    for p in rows:
        if where == "tcp" and not p["tcp"] or where == ONE_HEADER and (len(p["ip.src"]) != 1 or p["ip.src"] == p["ip.dst"]):
            continue
        combos = [()]
        for f in by:
            combos = [c + ((f, v),) for c in combos for v in p[f]]
        keys = {(((p["ns"] // every),) if every else ()) + c for c in combos}
        for key in keys:
            g = groups.setdefault(key, {"count": 0, "cells": [[] for _ in aggregates]})
            g["count"] += 1
            for i, (fn, arg) in enumerate(aggregates):
                if arg:
                    g["cells"][i].extend(p[arg])
    if every and not by and groups:
        low, high = min(k[0] for k in groups), max(k[0] for k in groups)
        if high - low < FILL_LIMIT:
            for i in range(min(0, low), high + 1):
                groups.setdefault((i,), {"count": 0, "cells": [[] for _ in aggregates]})

    def value(g, i):
        fn, arg = aggregates[i]
        if fn == "count": return g["count"], str(g["count"])
        if fn == "distinct": return len(set(g["cells"][i])), str(len(set(g["cells"][i])))
        numbers = [int(v, 0) for v in g["cells"][i]]
        if fn == "sum": return sum(numbers), str(sum(numbers))
        if not numbers: return None, ""
        if fn == "avg": return sum(numbers) / len(numbers), decimal(sum(numbers), len(numbers))
        if fn == "min": return min(numbers), str(min(numbers))
        if fn == "max": return max(numbers), str(max(numbers))

    def order(item):
        key, g = item
        first = value(g, 0)[0]
        interval = (key[0],) if every else ()
        values = tuple(typed(f, v) for f, v in (key[1:] if every else key))
        return interval + ((1, 0) if first is None else (0, -first),) + values

    lines = []
    for key, g in sorted(groups.items(), key=order)[:top]:
        cells = [seconds(key[0] * every)] if every else []
        cells += [v for _, v in (key[1:] if every else key)]
        cells += [value(g, i)[1] for i in range(len(aggregates))]
        lines.append("\t".join(cells))
    return lines


# tshark's conversation and endpoint tables count a packet under its first
# IPv4 header only, where `ip.src` has an occurrence for every header (an
# ICMP error quotes one, a tunnel carries one), and count a packet from an
# address to itself twice under it, where `by ip.addr` counts it once: the
# tables are compared on the packets with one header and two addresses.
ONE_HEADER = "count(ip.src) == 1 && ip.src != ip.dst"


def tshark_tables(capture):
    """tshark's endpoint packets and bytes by address, all, sent and
    received, and conversation frames and bytes (as printed) by address
    pair, B to A, A to B and both, of the packets ONE_HEADER keeps; and
    frames and bytes a second of every packet."""
    def endpoints(arguments):
        found = {}
        for line in tshark(capture, "-q", "-z", arguments).splitlines():
            cells = line.split()
            if len(cells) == 7 and cells[1].isdigit():
                found[cells[0]] = tuple(int(c) for c in cells[1:])
        return found
    addresses = endpoints(f"endpoints,ip,{ONE_HEADER}")
    conversations = {}
    size = r"(\d+ (?:bytes|kB|MB|GB|TB))"
    for line in tshark(capture, "-q", "-z", f"conv,ip,{ONE_HEADER}").splitlines():
        m = re.match(rf"(\S+)\s+<-> (\S+)\s+(\d+) {size}\s+(\d+) {size}\s+(\d+) {size}\s", line)
        if m:
            conversations[(m.group(1), m.group(2))] = (int(m.group(3)), m.group(4), int(m.group(5)), m.group(6),
                                                       int(m.group(7)), m.group(8))
    intervals = []
    # io,stat prints a row for every second of the capture, and holds them all.
    info = subprocess.run(["capinfos", "-u", "-T", "-r", capture], capture_output=True, text=True).stdout
    try:
        span = float(info.strip().split("\t")[1])
    except (IndexError, ValueError):
        span = 0
    for line in (tshark(capture, "-q", "-z", "io,stat,1") if span < 100_000 else "").splitlines():
        m = re.match(r"\|\s*(\d+) <>\s*(\S+)\s*\|\s*(\d+) \|\s*(\d+) \|", line)
        if m:
            intervals.append((int(m.group(1)), int(m.group(3)), int(m.group(4))))
    return addresses, conversations, intervals


def size(n):
    """Bytes as tshark's conversation table prints them: exact below 10000,
    then whole kB, MB, … (rounded down) below 10000 of each."""
    for unit in ["bytes", "kB", "MB", "GB"]:
        if n < 10000:
            return f"{n} {unit}"
        n //= 1000
    return f"{n} TB"


def compare(capture, answer, tables):
    """Says how many of tshark's table entries `answer(query)` (tab-separated
    rows) agrees with; answers whether all did."""
    endpoints, conversations, intervals = tables
    table = lambda q: [line.split("\t") for line in answer(q)]
    total = {r[0]: (int(r[1]), int(r[2])) for r in table(f"stats count, sum(frame.len) by ip.addr where {ONE_HEADER}")}
    sent = {r[0]: (int(r[1]), int(r[2])) for r in table(f"stats count, sum(frame.len) by ip.src where {ONE_HEADER}")}
    received = {r[0]: (int(r[1]), int(r[2]))
                for r in table(f"stats count, sum(frame.len) by ip.dst where {ONE_HEADER}")}
    # A pair's rows, one each way: tshark counts both ways on one row.
    pairs = {(a, b): (int(n), int(s))
             for a, b, n, s in table(f"stats count, sum(frame.len) by ip.src, ip.dst where {ONE_HEADER}")}
    def conversation(a, b):
        (ba, bab), (ab, abb) = pairs.get((b, a), (0, 0)), pairs.get((a, b), (0, 0))
        return (ba, size(bab), ab, size(abb), ba + ab, size(bab + abb))
    rate = [(int(n), int(s)) for _, n, s in table("stats count, sum(frame.len) every 1s")]
    ok = tx_ok = rx_ok = 0
    for address, (packets, octets, tx, txb, rx, rxb) in endpoints.items():
        ok += total.get(address) == (packets, octets)
        tx_ok += sent.get(address, (0, 0)) == (tx, txb)
        rx_ok += received.get(address, (0, 0)) == (rx, rxb)
    agreeing_pairs = sum(conversation(a, b) == row for (a, b), row in conversations.items())
    agreeing_intervals = sum(a == b[1:] for a, b in zip(rate, intervals))
    print(f"{os.path.basename(capture)}: endpoints,ip {ok}/{len(endpoints)} addresses agree (packets, bytes), "
          f"{tx_ok} sent, {rx_ok} received; conv,ip {agreeing_pairs}/{len(conversations)} pairs agree (frames, "
          "bytes, each way and both); "
          + (f"io,stat,1 {agreeing_intervals}/{len(intervals)} intervals agree (frames, bytes; pktsh has {len(rate)})"
             if intervals else "io,stat,1 not compared (no packets, or the capture spans years: a row a second is too many)"))
    return (ok == tx_ok == rx_ok == len(endpoints) and agreeing_pairs == len(conversations)
            and (not intervals or agreeing_intervals == len(intervals) == len(rate))
            and len(total) == len(endpoints))


def write_tables(capture, tables, out):
    endpoints, conversations, intervals = tables
    name = os.path.basename(capture)
    out.append(f"## {name}\tconv,ip")
    out += ["\t".join(map(str, (a, b) + row)) for (a, b), row in conversations.items()]
    out.append(f"## {name}\tendpoints,ip")
    out += ["\t".join(map(str, (address,) + row)) for address, row in endpoints.items()]
    out.append(f"## {name}\tio,stat,1")
    out += [f"{start}\t{frames}\t{octets}" for start, frames, octets in intervals]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = os.path.join(here, "../../../../shared/corpus/real")
    if sys.argv[1:2] == ["--check"]:
        pktsh, captures = sys.argv[2], sys.argv[3:]
        agreeing = 0
        for capture in captures:
            answer = lambda q: subprocess.run([pktsh, "-r", capture, "-c", q], capture_output=True,
                                              text=True).stdout.splitlines()
            agreeing += compare(capture, answer, tshark_tables(capture))
        print(f"{agreeing} of {len(captures)} captures agree in full")
        sys.exit(0 if agreeing == len(captures) else 1)
    out = []
    tables = []
    for name in TABLE_CAPTURES:
        capture = os.path.join(corpus, name)
        found = tshark_tables(capture)
        rows = list(packets(capture))
        if not compare(capture, lambda q: run(q, rows), found):
            sys.exit(f"{name}: the aggregates computed here disagree with tshark's tables")
        write_tables(capture, found, tables)
        if name not in CAPTURES:
            continue
        for query in QUERIES:
            out.append(f"## {name}\t{query}")
            out += run(query, rows)
    with open(os.path.join(here, "stats.txt"), "w") as f:
        f.write("\n".join(out) + "\n")
    with open(os.path.join(here, "tshark-tables.txt"), "w") as f:
        f.write("\n".join(tables) + "\n")


main()
