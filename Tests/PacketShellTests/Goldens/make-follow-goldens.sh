#!/bin/bash
# Regenerates follow/ from tshark's `-z follow` output, or with
# --check PKTSH [--per N] CAPTURE… compares pktsh's `follow` with it on the
# streams of any captures (see follow_goldens.py). tshark runs in the
# goldens' private configuration (tshark-env.sh), with its default TCP
# preferences.
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
python3 "$goldens/follow_goldens.py" "$@"
