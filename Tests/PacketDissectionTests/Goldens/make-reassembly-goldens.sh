#!/bin/bash
# Regenerates the goldens of IP defragmentation: tshark 4.0's values of
# reassembly-fields.txt on each capture of reassembly-captures.txt, into
# reassembly/*.tsv.gz. tshark runs as tshark-env.sh sets it up (the
# protocols pktsh does not dissect disabled, no name resolution) but with
# its default reassembly preferences: IPv4 and IPv6 defragmentation on.
# Usage: make-reassembly-goldens.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
fields=(); for f in $(grep -o '^[^#[:space:]]*' "$here/reassembly-fields.txt"); do fields+=(-e "$f"); done
rm -rf "$here/reassembly"; mkdir -p "$here/reassembly"
grep -o '^[^#[:space:]]*' "$here/reassembly-captures.txt" | while read -r capture; do
  name=${capture#../shared/corpus/}; name=${name//\//-}
  # tshark exits non-zero on a capture cut short; the packets it printed still count.
  (cd "$root" && tshark -r "$capture" -n -T fields -E occurrence=a -E aggregator=, -E header=y "${fields[@]}" 2>/dev/null) \
    | gzip -9n > "$here/reassembly/$name.tsv.gz" || true
  echo "$capture: $(($(gunzip -c "$here/reassembly/$name.tsv.gz" | wc -l) - 1)) packets"
done
du -sh "$here/reassembly"
