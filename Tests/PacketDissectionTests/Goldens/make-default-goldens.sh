#!/bin/bash
# Shared by make-desegmentation-goldens.sh and make-reassembly-goldens.sh:
# tshark 4.0's values of the fields of FIELDS-LIST on each capture of
# CAPTURES-LIST, into DIR/*.tsv.gz (DIR relative to this directory).
# tshark runs as tshark-env.sh sets it up (the protocols pktsh does not
# dissect disabled, no name resolution) but with its default reassembly
# preferences: IP defragmentation and TCP reassembly on.
# Usage: make-default-goldens.sh FIELDS-LIST CAPTURES-LIST DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
fields_list=$1 captures_list=$2 dir=$here/$3
fields=(); for f in $(grep -o '^[^#[:space:]]*' "$here/$fields_list"); do fields+=(-e "$f"); done
rm -rf "$dir"; mkdir -p "$dir"
grep -o '^[^#[:space:]]*' "$here/$captures_list" | while read -r capture; do
  name=${capture#../shared/corpus/}; name=${name//\//-}
  # tshark exits non-zero on a capture cut short; the packets it printed still count.
  (cd "$root" && tshark -r "$capture" -n -T fields -E occurrence=a -E aggregator=, -E header=y "${fields[@]}" 2>/dev/null) \
    | gzip -9n > "$dir/$name.tsv.gz" || true
  echo "$capture: $(($(gunzip -c "$dir/$name.tsv.gz" | wc -l) - 1)) packets"
done
du -sh "$dir"
