#!/bin/bash
# Regenerates stats.txt (see stats_goldens.py), or with --check CAPTURE PKTSH
# compares pktsh's stats on CAPTURE with tshark's endpoint, conversation and
# I/O tables. Runs tshark as the field goldens were made (tshark-env.sh).
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
python3 "$goldens/stats_goldens.py" "$@"
