#!/bin/bash
# Measures how far pktsh's defragmentation agrees with tshark 4.0's default
# (defragmenting) dissection on any captures, over the fields of
# reassembly-fields.txt: cells non-empty on either side whose values are
# equal, over all the captures.
#   measure-reassembly-agreement.sh CAPTURE...
# Needs a built pktsh (swift build); PKTSH overrides its path. SHOW=N
# prints the first N disagreements; FIELDS=a,b,… measures those fields
# instead.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/tshark-env.sh"
pktsh=${PKTSH:-$here/../../../.build/debug/pktsh}
work=$(mktemp -d)
trap 'rm -rf "$work" "$XDG_CONFIG_HOME"' EXIT
names=${FIELDS:-$(grep -o '^[^#[:space:]]*' "$here/reassembly-fields.txt" | paste -sd, -)}
args=(); for f in ${names//,/ }; do args+=(-e "$f"); done
n=0
for capture in "$@"; do
  n=$((n + 1))
  tshark -r "$capture" -n -T fields -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null > "$work/$n.t" || true
  "$pktsh" -r "$capture" -c "print ${names//,/, }" > "$work/$n.p" 2>/dev/null || true
  echo "$capture" > "$work/$n.name"
done
python3 - "$work" "$n" "$names" "${SHOW:-0}" <<'PY'
import sys
work, n, fields, show = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), int(sys.argv[4])
def lines(path): return open(path, encoding="utf-8", errors="replace").read().split("\n")[:-1]
cells = agree = shown = packets = 0
for i in range(1, n + 1):
    name = open(f"{work}/{i}.name").read().strip()
    theirs, mine = lines(f"{work}/{i}.t"), lines(f"{work}/{i}.p")
    for k, t in enumerate(theirs):
        packets += 1
        tc = t.split("\t"); pc = (mine[k] if k < len(mine) else "").split("\t")
        tc += [""] * (len(fields) - len(tc)); pc += [""] * (len(fields) - len(pc))
        for j, f in enumerate(fields):
            if tc[j] or pc[j]:
                cells += 1; agree += tc[j] == pc[j]
                if tc[j] != pc[j] and shown < show:
                    shown += 1; print(f"  {name} frame {k+1} {f}: tshark={tc[j][:60]!r} pktsh={pc[j][:60]!r}")
print(f"{n} captures, {packets} packets: cells {agree}/{cells} = {100 * agree / max(cells, 1):.2f}%")
PY
