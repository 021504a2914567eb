"""Compares two files of summary lines (tshark's, pktsh's), each made of
`### CAPTURE` sections; prints per-protocol agreement and the first
differences. Captures pktsh could not open are skipped."""
import collections
import re
import sys


def sections(path):
    out, name = {}, None
    for line in open(path, encoding="utf-8", errors="replace").read().split("\n"):
        if line.startswith("### "):
            name = line[4:]
            out[name] = []
        elif name is not None and line:
            out[name].append(line)
    return out


def columns(line):
    """number, time, source, destination, protocol, length, info"""
    m = re.match(r"^ *(\d+) +(\S+) +(.*?) \u2192 (.*?) +(\S+) (\d+) ?(.*)$", line)
    return m.groups() if m else None


tshark, pktsh = sections(sys.argv[1]), sections(sys.argv[2])
# tshark's TCP sequence analysis prefixes Info with `[TCP Retransmission] `
# and the like; pktsh does no such analysis.
analysis = re.compile(r"^(\[TCP [^\]]*\] )+")
stats = collections.defaultdict(lambda: [0, 0, 0, 0])
examples = collections.defaultdict(list)
for name, theirs in tshark.items():
    if name not in pktsh:
        continue
    for x, y in zip(theirs, pktsh[name]):
        cx, cy = columns(x), columns(y)
        proto = cx[4] if cx else "?"
        s = stats[proto]
        s[0] += 1
        s[1] += x == y
        s[2] += bool(cx and cy and cx[:6] == cy[:6])
        s[3] += bool(cx and cy and cx[:6] == cy[:6] and analysis.sub("", cx[6]) == cy[6])
        if x != y and not (cx and cy and cx[:6] == cy[:6] and analysis.sub("", cx[6]) == cy[6]) \
                and len(examples[proto]) < 3:
            examples[proto].append((name, x, y))
print(f"{'protocol':14} {'lines':>6} {'exact':>14} {'all but Info':>14} {'but analysis':>14}")
for proto, (total, exact, most, unanalysed) in sorted(stats.items(), key=lambda kv: -kv[1][0]):
    print(
        f"{proto:14} {total:6} {exact:7} {100 * exact / total:5.1f}% {most:7} {100 * most / total:5.1f}%"
        f" {unanalysed:7} {100 * unanalysed / total:5.1f}%")
total = [sum(column) for column in zip(*stats.values())] if stats else [0, 0, 0, 0]
if total[0]:
    print(f"{'all':14} {total[0]:6} {total[1]:7} {100 * total[1] / total[0]:5.1f}% {total[2]:7}"
          f" {100 * total[2] / total[0]:5.1f}% {total[3]:7} {100 * total[3] / total[0]:5.1f}%")
for proto, items in examples.items():
    for name, x, y in items:
        print(f"--- {proto} {name}\n< {x[:200]}\n> {y[:200]}")
