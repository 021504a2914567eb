#!/bin/bash
# Measures how far pktsh agrees with tshark on captures the goldens were not
# made from, for a set of protocols:
#   measure-agreement.sh PROTOCOLS FIELDS CAPTURE...
# PROTOCOLS and FIELDS are comma-separated (mdns,llmnr,nbns and
# dns.id,dns.qry.name,...). Prints, over all the captures:
#   cells    non-empty cells (either side) of FIELDS whose values are equal
#   chains   packets whose frame.protocols equals tshark's: all of them, and
#            those where tshark's chain holds one of PROTOCOLS
#   summary  summary lines of PROTOCOLS (by tshark's Protocol column) equal
#            to tshark's, whole line
# Both tools read as pktsh does by default with `reassembly off`: IP
# datagrams defragmented (tshark's option turned back on; with it off in
# tshark alone every fragmented datagram differs, a first fragment's
# payload being read in one and the whole datagram at the last fragment in
# the other), TCP segments not put together.
# measured-captures.txt lists the captures the figures were measured on.
# Needs a built pktsh (swift build); PKTSH overrides its path. SHOW=N
# prints the first N disagreements.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/tshark-env.sh"
pktsh=${PKTSH:-$here/../../../.build/debug/pktsh}
protocols=$1; fields=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work" "$XDG_CONFIG_HOME"' EXIT
defragment=(-o ip.defragment:TRUE -o ipv6.defragment:TRUE)
args=(-e frame.protocols); for f in ${fields//,/ }; do args+=(-e "$f"); done
n=0
for capture in "$@"; do
  n=$((n + 1))
  tshark -r "$capture" "${TSHARK_OPTIONS[@]}" "${defragment[@]}" "${args[@]}" 2>/dev/null > "$work/$n.tf" || true
  tshark -r "$capture" -n "${defragment[@]}" -o tcp.desegment_tcp_streams:FALSE 2>/dev/null > "$work/$n.tl" || true
  "$pktsh" -r "$capture" -c "reassembly off; print frame.protocols, ${fields//,/, }" > "$work/$n.pf" 2>/dev/null || true
  "$pktsh" -r "$capture" -c "reassembly off; list" > "$work/$n.pl" 2>/dev/null || true
  echo "$capture" > "$work/$n.name"
done
python3 - "$work" "$n" "$protocols" "$fields" "${SHOW:-0}" <<'PY'
import re, sys
work, n, protocols, fields, show = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4].split(","), int(sys.argv[5])
def lines(path): return open(path, encoding="utf-8", errors="replace").read().split("\n")[:-1]
cells = agree = packets = same = ours = ours_same = rows = rows_same = shown = 0
upper = {p.upper() for p in protocols}
def tell(text):
    global shown
    if shown < show: print("  " + text); shown += 1
for i in range(1, n + 1):
    name = open(f"{work}/{i}.name").read().strip()
    theirs, mine = lines(f"{work}/{i}.tf"), lines(f"{work}/{i}.pf")
    for k, t in enumerate(theirs):
        tc = t.split("\t"); pc = (mine[k] if k < len(mine) else "").split("\t")
        tc += [""] * (len(fields) + 1 - len(tc)); pc += [""] * (len(fields) + 1 - len(pc))
        packets += 1; same += tc[0] == pc[0]
        if any(p in tc[0].split(":") for p in protocols):
            ours += 1; ours_same += tc[0] == pc[0]
            if tc[0] != pc[0]: tell(f"{name} frame {k+1} chain: tshark={tc[0]} pktsh={pc[0]}")
        for j, f in enumerate(fields, 1):
            if tc[j] or pc[j]:
                cells += 1; agree += tc[j] == pc[j]
                if tc[j] != pc[j]: tell(f"{name} frame {k+1} {f}: tshark={tc[j][:80]!r} pktsh={pc[j][:80]!r}")
    tl, pl = lines(f"{work}/{i}.tl"), lines(f"{work}/{i}.pl")
    for k, t in enumerate(tl):
        m = re.match(r"^ *\d+ +\S+ +.*? \u2192 .*? +(\S+) \d+", t)
        if m and m.group(1).upper() in upper:
            rows += 1; p = pl[k] if k < len(pl) else ""
            rows_same += t == p
            if t != p: tell(f"{name} line {k+1}: tshark={t[:140]!r}\n    pktsh={p[:140]!r}")
pct = lambda a, b: f"{100 * a / b:.2f}% ({a}/{b})" if b else "n/a (0)"
print(f"captures {n}")
print(f"cells    {pct(agree, cells)}")
print(f"chains   all packets {pct(same, packets)}; packets with {','.join(protocols)} {pct(ours_same, ours)}")
print(f"summary  {pct(rows_same, rows)}")
PY
