#!/bin/bash
# Regenerates the goldens of TCP's sequence analysis: tshark 4.0's values of
# analysis-fields.txt (tcp.analysis.*, tcp.completeness and the relative
# sequence numbers) on each capture of analysis-captures.txt, into
# analysis/*.tsv.gz. tshark runs with its default analysis preferences
# (relative sequence numbers, sequence analysis, bytes in flight), as
# tshark-env.sh sets it up: reassembly off.
# Usage: make-analysis-goldens.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
fields=(); for f in $(grep -o '^[^#[:space:]]*' "$here/analysis-fields.txt"); do fields+=(-e "$f"); done
rm -rf "$here/analysis"; mkdir -p "$here/analysis"
grep -o '^[^#[:space:]]*' "$here/analysis-captures.txt" | while read -r capture; do
  name=${capture#../shared/corpus/}; name=${name//\//-}
  # tshark exits non-zero on a capture cut short; the packets it printed still count.
  (cd "$root" && tshark -r "$capture" "${TSHARK_OPTIONS[@]}" -E header=y "${fields[@]}" 2>/dev/null) \
    | gzip -9n > "$here/analysis/$name.tsv.gz" || true
  echo "$capture: $(($(gunzip -c "$here/analysis/$name.tsv.gz" | wc -l) - 1)) packets"
done
du -sh "$here/analysis"
