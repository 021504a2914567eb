"""Reads pairs of files (tshark -V, pktsh show) from stdin, one pair a line;
prints the share of pktsh tree lines that tshark's tree of the same packet
has, and the most frequent lines that it has not."""
import collections, re, sys

RANGE = re.compile(r" \[\d+\.\.\d+\]$")


def packets(path):
    """Each packet's tree lines (packets are separated by blank lines)."""
    out, current = [], []
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if not line:
            if current:
                out.append(current)
            current = []
            continue
        current.append(RANGE.sub("", line))
    if current:
        out.append(current)
    return out


agree = total = 0
missing = collections.Counter()
for pair in sys.stdin:
    theirs_path, ours_path = pair.split()
    theirs, ours = packets(theirs_path), packets(ours_path)
    for t, o in zip(theirs, ours):
        have = collections.Counter(t)
        for line in o:
            total += 1
            if have[line] > 0:
                have[line] -= 1
                agree += 1
            else:
                missing[re.sub(r"\d+", "N", line.strip())] += 1
print(f"{agree} of {total} pktsh tree lines agree with tshark -V ({100 * agree / max(total, 1):.1f}%)")
for line, n in missing.most_common(int(sys.argv[1]) if len(sys.argv) > 1 else 40):
    print(f"{n:7d}  {line[:150]}")
