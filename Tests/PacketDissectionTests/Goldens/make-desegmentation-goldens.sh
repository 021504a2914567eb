#!/bin/bash
# Regenerates the goldens of TCP reassembly: tshark 4.0's values of
# desegmentation-fields.txt on each capture of desegmentation-captures.txt,
# into desegmentation/*.tsv.gz. tshark runs as tshark-env.sh sets it up
# (the protocols pktsh does not dissect disabled, no name resolution) but
# with its default reassembly preferences: TCP reassembly on, and IP
# defragmentation.
# Usage: make-desegmentation-goldens.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
fields=(); for f in $(grep -o '^[^#[:space:]]*' "$here/desegmentation-fields.txt"); do fields+=(-e "$f"); done
rm -rf "$here/desegmentation"; mkdir -p "$here/desegmentation"
grep -o '^[^#[:space:]]*' "$here/desegmentation-captures.txt" | while read -r capture; do
  name=${capture#../shared/corpus/}; name=${name//\//-}
  # tshark exits non-zero on a capture cut short; the packets it printed still count.
  (cd "$root" && tshark -r "$capture" -n -T fields -E occurrence=a -E aggregator=, -E header=y "${fields[@]}" 2>/dev/null) \
    | gzip -9n > "$here/desegmentation/$name.tsv.gz" || true
  echo "$capture: $(($(gunzip -c "$here/desegmentation/$name.tsv.gz" | wc -l) - 1)) packets"
done
du -sh "$here/desegmentation"
