#!/bin/bash
# Regenerates conversations.txt from tshark's conversation and endpoint
# tables, or with --check PKTSH CAPTURE… compares pktsh's `conversations`
# and `endpoints` with them (see conversation_goldens.py). tshark runs in
# the goldens' private configuration (tshark-env.sh), without its field options.
set -euo pipefail
goldens=$(cd "$(dirname "$0")" && pwd)
source "$goldens/../../PacketDissectionTests/Goldens/tshark-env.sh"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
python3 "$goldens/conversation_goldens.py" "$@"
