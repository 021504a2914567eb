#!/bin/bash
# Measures issue 13's first figure on captures the tests never use: the
# share of packets whose protocol chain (frame.protocols) pktsh gives,
# with `reassembly off`, exactly as tshark 4.0 does with its DEFAULT protocols on (TCP
# reassembly off; IP defragmentation on, as pktsh does by default: with
# it off in tshark alone, every fragmented datagram differed), over the
# pinned sample sample.txt: 300 captures of ../shared/corpus/wild drawn at
# random when none of them was in a golden list. A capture that a golden
# list takes later leaves the sample (the count printed says so); never take
# goldens from sample.txt.
#   bench/protocol-coverage/measure.sh
# Prints the figure, then the chain pairs that differ most often. Run
# from the repository root after `swift build`; runs two captures at a time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export TZ=UTC
python3 - <<'PY'
import os, subprocess, sys, collections
from concurrent.futures import ThreadPoolExecutor
wild = "../shared/corpus/wild"
goldens = "Tests/PacketDissectionTests/Goldens/"
seen = set()
for listing in ["captures.txt", "analysis-captures.txt", "desegmentation-captures.txt", "reassembly-captures.txt"]:
    for line in open(goldens + listing):
        line = line.split("#")[0].strip()
        if line: seen.add(os.path.basename(line))
pinned = [line.strip() for line in open("bench/protocol-coverage/sample.txt") if line.strip()]
names = [n for n in pinned if n not in seen]
options = ["-n", "-o", "tcp.desegment_tcp_streams:FALSE"]

def chains(name):
    path = os.path.join(wild, name)
    try:
        t = subprocess.run(["tshark", *options, "-r", path, "-T", "fields", "-e", "frame.protocols"],
                           capture_output=True, text=True, timeout=300).stdout.splitlines()
        p = subprocess.run([".build/debug/pktsh", "-r", path, "-c", "reassembly off; print frame.protocols"],
                           capture_output=True, text=True, timeout=300).stdout.splitlines()
    except subprocess.TimeoutExpired:
        return name, [], []
    return name, t, p

equal = total = 0
differ = collections.Counter()
with ThreadPoolExecutor(2) as pool:
    for name, t, p in pool.map(chains, names):
        for i, want in enumerate(t):
            got = p[i] if i < len(p) else "(none)"
            total += 1
            if got == want: equal += 1
            else: differ[(want, got)] += 1
print(f"{len(names)} of the {len(pinned)} pinned unseen captures, {total} packets: chain equal to tshark's (default protocols) for {equal} ({100 * equal / max(total, 1):.2f}%)")
for (want, got), n in differ.most_common(25):
    print(f"{n:7d}  tshark {want}\n         pktsh  {got}")
PY
