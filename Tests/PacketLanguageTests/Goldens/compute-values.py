"""Reads tshark -T fields output (a header row, occurrences joined by ',')
on stdin and prints, for each packet, the values of the expressions listed
in the file named by argv[1], tab-separated, as Wireshark defines them:
arithmetic applies to each occurrence (to each pair of occurrences, for
two fields), max/min/count give one value per packet, a field that does
not occur gives no value (count included), a slice outside the bytes has
none, a test prints true or false. Each expression is one of the forms
spelled out below; this is a checker of pktsh, not a second evaluator."""
import sys

exprs = [l.split("\t")[0].strip() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
header = sys.stdin.readline().rstrip("\n").split("\t")


def ints(row, name):
    text = row[header.index(name)]
    return [int(v) for v in text.split(",")] if text else []


def texts(row, name):
    text = row[header.index(name)]
    return text.split(",") if text else []


def c_div(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def join(values):
    return ",".join(str(v) for v in values)


def value(expr, row):
    if expr == "frame.len - 14":
        return join(v - 14 for v in ints(row, "frame.len"))
    if expr == "tcp.len * 8":
        return join(v * 8 for v in ints(row, "tcp.len"))
    if expr == "ip.ttl + 100":
        return join(v + 100 for v in ints(row, "ip.ttl"))
    if expr == "-ip.ttl":
        return join(-v for v in ints(row, "ip.ttl"))
    if expr == "ip.len / 3":
        return join(c_div(v, 3) for v in ints(row, "ip.len"))
    if expr == "ip.len % 7":
        return join(v % 7 for v in ints(row, "ip.len"))
    if expr == "ip.len & 0xff":
        return join(v & 0xFF for v in ints(row, "ip.len"))
    if expr == "tcp.payload[0:4]":
        return join(p[:8] for p in texts(row, "tcp.payload") if len(p) >= 8)
    if expr == "len(tcp.payload)":
        return join(len(p) // 2 for p in texts(row, "tcp.payload"))
    if expr == "count(ip.addr)":
        n = len(texts(row, "ip.addr"))
        return str(n) if n else ""
    if expr in ("max(tcp.srcport, tcp.dstport)", "min(tcp.srcport, tcp.dstport)"):
        all = ints(row, "tcp.srcport") + ints(row, "tcp.dstport")
        return "" if not all else str(max(all) if expr.startswith("max") else min(all))
    if expr == "abs(tcp.srcport - tcp.dstport)":
        return join(abs(s - d) for s in ints(row, "tcp.srcport") for d in ints(row, "tcp.dstport"))
    if expr == "string(ip.src)":
        return join(texts(row, "ip.src"))
    if expr == "upper(http.host)":
        return join(h.upper() for h in texts(row, "http.host"))
    if expr == "tcp.srcport == 80 || tcp.dstport == 80":
        ports = ints(row, "tcp.srcport") + ints(row, "tcp.dstport")
        return "true" if 80 in ports else "false"
    if expr == "udp.length > 100":
        return "true" if any(v > 100 for v in ints(row, "udp.length")) else "false"
    if expr == "ip.addr":
        return join(texts(row, "ip.addr"))
    raise SystemExit("compute-values.py does not know " + expr)


print("\t".join(exprs))
for line in sys.stdin:
    row = line.rstrip("\n").split("\t")
    print("\t".join(value(e, row) for e in exprs))
