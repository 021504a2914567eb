#!/bin/bash
# Measures how often pktsh's filters agree with tshark 4.0 on filters and
# captures the tests never use: every filter of filters.txt on every
# capture below, counted by both (tshark as the goldens run it, pktsh as
# built in .build/debug; tshark's counts are kept in tshark-counts.tsv and
# made again only when filters.txt is newer). Prints the share of (filter, capture) pairs with
# equal counts where both accept the filter, then every disagreement.
# Run from the repository root after `swift build`; runs two tshark at a time.
set -euo pipefail
agreement=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$agreement/../.." && pwd)
source "$root/Tests/PacketDissectionTests/Goldens/tshark-env.sh"
cd "$root"
python3 - "$agreement/filters.txt" "$agreement/tshark-counts.tsv" <<'PY'
import os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
wild = "../shared/corpus/wild/"
captures = [wild + c for c in [
    "zeek__testing_btest_Traces_ipv6-reassembly-state-leak.pcap",
    "zeek__testing_btest_Traces_http_byteranges.pcap",
    "suricata-verify__tests_http-all-headers_input.pcap",
    "zeek__testing_btest_Traces_tcp_missing-syn.pcap",
    "zeek__testing_btest_Traces_dns_mdns.pcap",
    "zeek__testing_btest_Traces_arp-leak.pcap",
    "zeek__testing_btest_Traces_icmp_icmp6-nd-options.pcap",
    "suricata-verify__tests_dns-eve-type-filtering_test.pcap",
    "scapy__test_pcaps_http_compressed.pcap",
    "zeek__testing_btest_Traces_icmp_icmp-destunreach-ip.pcap",
    "zeek__testing_btest_Traces_icmp_dot1q.pcap",
    "dpkt__examples_data_dns_icmp.pcap",
]]
# IP fragments are put back together, as pktsh and tshark do by default;
# TCP segments are not (pktsh does not reassemble them yet).
options = ["-n", "-o", "tcp.desegment_tcp_streams:FALSE"]
filters = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]

def tshark(pair):
    f, c = pair
    r = subprocess.run(["tshark", *options, "-r", c, "-Y", f, "-T", "fields", "-e", "frame.number"],
                       capture_output=True, text=True)
    return len(r.stdout.splitlines()) if r.returncode == 0 else None

def pktsh(pair):
    f, c = pair
    r = subprocess.run([".build/debug/pktsh", "-r", c, "-c", "count " + f], capture_output=True, text=True)
    return int(r.stdout.strip()) if r.returncode == 0 else None

pairs = [(f, c) for f in filters for c in captures]
cache = sys.argv[2]
with ThreadPoolExecutor(2) as pool:
    if not os.path.exists(cache) or os.path.getmtime(cache) < os.path.getmtime(sys.argv[1]):
        with open(cache, "w") as out:
            for (f, c), n in zip(pairs, pool.map(tshark, pairs)):
                out.write(f"{f}\t{c}\t{'refused' if n is None else n}\n")
    known = {}
    for line in open(cache):
        f, c, n = line.rstrip("\n").split("\t")
        known[(f, c)] = None if n == "refused" else int(n)
    theirs = [known[p] for p in pairs]
    ours = list(pool.map(pktsh, pairs))
both = [(p, t, o) for p, t, o in zip(pairs, theirs, ours) if t is not None and o is not None]
agree = sum(1 for _, t, o in both if t == o)
print(f"{len(filters)} filters x {len(captures)} captures = {len(pairs)} pairs; both accept {len(both)}; "
      f"agree {agree} ({100 * agree / max(1, len(both)):.2f}%)")
for f in filters:
    t = [theirs[i] for i, p in enumerate(pairs) if p[0] == f]
    o = [ours[i] for i, p in enumerate(pairs) if p[0] == f]
    if all(x is None for x in t) != all(x is None for x in o):
        print(f"accepted by {'pktsh' if all(x is None for x in t) else 'tshark'} only: {f}")
for (f, c), t, o in both:
    if t != o:
        print(f"differ: tshark {t} pktsh {o}: {f} on {c.split('/')[-1]}")
PY
rm -rf "$XDG_CONFIG_HOME"
