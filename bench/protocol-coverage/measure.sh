#!/bin/bash
# Measures issue 13's first figure on captures the tests never use: the
# share of packets whose protocol chain (frame.protocols) pktsh gives,
# with `reassembly off`, exactly as tshark 4.0 does with its DEFAULT protocols on (TCP
# reassembly off; IP defragmentation on, as pktsh does by default: with
# it off in tshark alone, every fragmented datagram differed), over a
# fixed sample of ../shared/corpus/wild
# less the field goldens' captures (captures.txt, analysis-captures.txt).
#   bench/protocol-coverage/measure.sh [SAMPLE]     (default 300 captures)
# Prints the figure, then the chain pairs that differ most often. Run
# from the repository root after `swift build`; runs two captures at a time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export TZ=UTC
python3 - "${1:-300}" <<'PY'
import os, random, subprocess, sys, collections
from concurrent.futures import ThreadPoolExecutor
sample = int(sys.argv[1])
wild = "../shared/corpus/wild"
seen = set()
for listing in ["Tests/PacketDissectionTests/Goldens/captures.txt", "Tests/PacketDissectionTests/Goldens/analysis-captures.txt"]:
    for line in open(listing):
        line = line.split("#")[0].strip()
        if line: seen.add(os.path.basename(line))
names = sorted(n for n in os.listdir(wild) if n not in seen and n.endswith((".pcap", ".pcapng", ".cap")))
random.Random(13).shuffle(names)
names = names[:sample]
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
print(f"{len(names)} unseen captures, {total} packets: chain equal to tshark's (default protocols) for {equal} ({100 * equal / max(total, 1):.2f}%)")
for (want, got), n in differ.most_common(25):
    print(f"{n:7d}  tshark {want}\n         pktsh  {got}")
PY
