#!/bin/bash
# Measures `conversations`, `endpoints` and `follow` against tshark 4.0 on
# the corpus captures no golden came from:
#   measure-conversations.sh PKTSH [conv|follow]   (both when not named)
#   EVERY=N measure-conversations.sh …             about one in N of those captures
#                                                  (by a hash of the name: the same ones
#                                                  whatever joins the golden lists)
# Unseen: every capture under ../shared/corpus not named in a golden list
# (Tests/*/Goldens/*captures.txt other than the measured-* lists, and the
# captures of conversation_goldens.py and follow_goldens.py). Prints, per
# table, how many of tshark's rows pktsh has with equal numbers
# (make-conversation-goldens.sh --check), and how many streams, up to 10
# TCP and 10 UDP a capture, `follow` gives byte for byte as tshark's
# `-z follow,PROTO,ascii,N` (make-follow-goldens.sh --check). tshark's outputs
# are kept in $TSHARK_CACHE (tshark_cache.py) for the next binary measured.
set -euo pipefail
export TSHARK_CACHE=${TSHARK_CACHE:-${TMPDIR:-/tmp}/pktsh-measure-tshark}
goldens=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$goldens/../../.." && pwd)
corpus=$(cd "$root/../shared/corpus" && pwd)
pktsh=$(realpath "$1")
what=${2:-both}
list=$(mktemp)
trap 'rm -f "$list"' EXIT
python3 - "$root" "$corpus" > "$list" <<'PY'
import glob, os, re, sys
root, corpus = sys.argv[1:3]
seen = set()
for path in glob.glob(f"{root}/Tests/*/Goldens/*captures.txt"):
    if os.path.basename(path).startswith("measured-"):
        continue
    for line in open(path):
        line = line.split("#")[0].strip()
        if line and not line.startswith("["):
            seen.add(os.path.basename(line))
for script in ("conversation_goldens.py", "follow_goldens.py"):
    text = open(f"{root}/Tests/PacketShellTests/Goldens/{script}").read()
    seen.update(os.path.basename(m) for m in re.findall(r'"((?:wild|real|tcpdump|pcapng)/[^"]+)"', text))
for path in sorted(glob.glob(f"{corpus}/**/*", recursive=True)):
    if os.path.isfile(path) and not path.endswith(".md") and os.path.basename(path) not in seen:
        print(path)
PY
mapfile -t captures < <(python3 -c '
import hashlib, os, sys
every = int(sys.argv[1])
for line in open(sys.argv[2]).read().splitlines():
    if int(hashlib.sha256(os.path.basename(line).encode()).hexdigest(), 16) % every == 0:
        print(line)
' "${EVERY:-1}" "$list")
echo "${#captures[@]} unseen captures" >&2
if [ "$what" != follow ]; then
    "$goldens/make-conversation-goldens.sh" --check "$pktsh" "${captures[@]}"
fi
if [ "$what" != conv ]; then
    "$goldens/make-follow-goldens.sh" --check "$pktsh" "${captures[@]}"
fi
