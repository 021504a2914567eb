#!/bin/bash
# Regenerates filter-table-counts.tsv from filter-table.txt: for each
# filter, whether tshark 4.0 accepts it and, if it does, how many packets
# of each capture below it selects (the environment of the field goldens:
# UTC, protocols pktsh does not dissect disabled, no reassembly), with the
# macros of filter-table-macros.tsv defined. Output lines:
#   filter<TAB>capture<TAB>count      or      filter<TAB>*<TAB>refused
# Captures are named from the repository root. Run from anywhere; needs
# tshark and python3; runs two tshark at a time.
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$goldens/../../.." && pwd)
source "$root/Tests/PacketDissectionTests/Goldens/tshark-env.sh"
# Wireshark's dfilter_macros file: "name","text" a line.
while IFS=$'\t' read -r name text; do
  printf '"%s","%s"\n' "$name" "$text"
done < "$goldens/filter-table-macros.tsv" > "$XDG_CONFIG_HOME/wireshark/dfilter_macros"
cd "$root"
python3 - "$goldens" <<'PY'
import subprocess, sys, os
from concurrent.futures import ThreadPoolExecutor
goldens = sys.argv[1]
captures = [
    "../shared/corpus/real/many-protocols.pcap",
    "examples/mixed-sample.pcap",
    "examples/dns-sample.pcap",
    "examples/lesson-ipv6-nd.pcap",
    "../shared/corpus/wild/zeek__testing_btest_Traces_icmp_icmp-destunreach-udp.pcap",
]
options = ["-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.desegment_tcp_streams:FALSE"]
filters = [l.rstrip("\n") for l in open(os.path.join(goldens, "filter-table.txt")) if l.strip() and not l.startswith("#")]
empty = os.path.join(os.environ["XDG_CONFIG_HOME"], "empty.pcap")
with open(captures[0], "rb") as src, open(empty, "wb") as dst: dst.write(src.read(24))

def accepted(f):
    r = subprocess.run(["tshark", *options, "-r", empty, "-Y", f], capture_output=True, text=True)
    return r.returncode == 0

def count(pair):
    f, c = pair
    r = subprocess.run(["tshark", *options, "-r", c, "-Y", f, "-T", "fields", "-e", "frame.number"],
                       capture_output=True, text=True)
    if r.returncode != 0: raise SystemExit(f"tshark failed on {c}: {f}: {r.stderr}")
    return len(r.stdout.splitlines())

with ThreadPoolExecutor(2) as pool:
    ok = list(pool.map(accepted, filters))
    pairs = [(f, c) for f, a in zip(filters, ok) if a for c in captures]
    counts = dict(zip(pairs, pool.map(count, pairs)))
with open(os.path.join(goldens, "filter-table-counts.tsv"), "w") as out:
    for f, a in zip(filters, ok):
        if not a:
            out.write(f"{f}\t*\trefused\n")
        for c in captures if a else []:
            out.write(f"{f}\t{c}\t{counts[(f, c)]}\n")
PY
rm -rf "$XDG_CONFIG_HOME"
