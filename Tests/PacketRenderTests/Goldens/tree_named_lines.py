"""Filters `tshark -V` (stdin) to the tree lines matching the patterns in
the file named by argv[1], each packet headed by `### N` (its number)."""
import re, sys

patterns = [re.compile(l.rstrip("\n")) for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
number = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    if line.startswith("Frame ") and not line.startswith(" "):
        number += 1
        print(f"### {number}")
        continue
    if any(p.search(line.lstrip(" ")) for p in patterns):
        print(line)
