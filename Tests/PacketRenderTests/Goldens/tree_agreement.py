"""Reads pairs of files (tshark -V, pktsh show) from stdin, one pair a line;
prints the share of pktsh tree lines that tshark's tree of the same packet
has, the share of tshark's lines that tree-named-lines.txt lists (the ones
pktsh means to reproduce) that pktsh's tree has, and the most frequent
pktsh lines that tshark has not."""
import collections, os, re, sys

RANGE = re.compile(r" \[\d+\.\.\d+\]$")
NAMED = [re.compile(l.rstrip("\n"))
         for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tree-named-lines.txt"))
         if l.strip() and not l.startswith("#")]


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


agree = total = named_agree = named_total = 0
missing = collections.Counter()
named_missing = collections.Counter()
for pair in sys.stdin:
    theirs_path, ours_path = pair.split()
    theirs, ours = packets(theirs_path), packets(ours_path)
    for t, o in zip(theirs, ours):
        mine = collections.Counter(o)
        for line in t:
            if any(p.search(line.lstrip(" ")) for p in NAMED):
                named_total += 1
                if mine[line] > 0:
                    mine[line] -= 1
                    named_agree += 1
                else:
                    named_missing[re.sub(r"\d+", "N", line.strip())] += 1
        have = collections.Counter(t)
        for line in o:
            total += 1
            if have[line] > 0:
                have[line] -= 1
                agree += 1
            else:
                missing[re.sub(r"\d+", "N", line.strip())] += 1
print(f"{agree} of {total} pktsh tree lines agree with tshark -V ({100 * agree / max(total, 1):.1f}%)")
print(f"{named_agree} of {named_total} tshark lines of the kinds tree-named-lines.txt lists are in pktsh's tree "
      f"({100 * named_agree / max(named_total, 1):.1f}%)")
for line, n in named_missing.most_common(10):
    print(f"{n:7d}  missing: {line[:150]}")
for line, n in missing.most_common(int(sys.argv[1]) if len(sys.argv) > 1 else 40):
    print(f"{n:7d}  {line[:150]}")
