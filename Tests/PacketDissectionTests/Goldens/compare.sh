#!/bin/bash
# Usage: compare.sh CAPTURE FIELD...
# Prints the first lines where pktsh and tshark disagree on FIELDs, or "same".
# Needs a built pktsh (swift build); PKTSH overrides its path.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/tshark-env.sh"
pktsh=${PKTSH:-$here/../../../.build/debug/pktsh}
capture=$1; shift
args=(); list=""
for f in "$@"; do args+=(-e "$f"); list="$list${list:+, }$f"; done
tshark -r "$capture" "${TSHARK_OPTIONS[@]}" "${args[@]}" 2>/dev/null > /tmp/compare.tshark.$$
"$pktsh" -r "$capture" -c "print $list" > /tmp/compare.pktsh.$$
if cmp -s /tmp/compare.tshark.$$ /tmp/compare.pktsh.$$; then echo same; else
  diff /tmp/compare.tshark.$$ /tmp/compare.pktsh.$$ | head -${LINES_SHOWN:-20}; fi
rm -f /tmp/compare.tshark.$$ /tmp/compare.pktsh.$$ ; rm -rf "$XDG_CONFIG_HOME"
