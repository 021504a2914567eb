#!/bin/bash
# Compares pktsh's summary lines with tshark's default output, column by
# column, per protocol (as tshark names it), for the captures given:
#   Tests/PacketRenderTests/Goldens/agreement.sh CAPTURE...
# Needs the test build: swift build --scratch-path .build-NAME --build-tests
# and SCRATCH=.build-NAME in the environment.
set -euo pipefail
goldens=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# tshark-env.sh sets its own `here`, hence `goldens`.
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/tshark.txt"
for capture in "$@"; do
  echo "### $capture" >> "$work/tshark.txt"
  tshark -r "$capture" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
    -o tcp.desegment_tcp_streams:FALSE >> "$work/tshark.txt" 2>/dev/null || true
done
(IFS=:; RENDER_SUMMARY_CAPTURE="$*" RENDER_SUMMARY_OUT="$work/pktsh.txt" \
  swift test --scratch-path "${SCRATCH:-.build}" --skip-build --filter SummaryAgreement > /dev/null)
python3 "$goldens/agreement.py" "$work/tshark.txt" "$work/pktsh.txt"
