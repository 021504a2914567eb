#!/bin/bash
# Measures how far pktsh's TCP reassembly agrees with tshark 4.0's default
# dissection (TCP reassembly on) on any captures, over the fields of
# desegmentation-fields.txt: measure-reassembly-agreement.sh with those.
#   measure-desegmentation-agreement.sh CAPTURE...
# e.g. with the captures of measured-desegmentation-captures.txt:
#   cd ../../.. && Tests/PacketDissectionTests/Goldens/measure-desegmentation-agreement.sh \
#     $(grep -o '^[^#[:space:]]*' Tests/PacketDissectionTests/Goldens/measured-desegmentation-captures.txt)
here=$(cd "$(dirname "$0")" && pwd)
FIELDS=${FIELDS:-$(grep -o '^[^#[:space:]]*' "$here/desegmentation-fields.txt" | paste -sd, -)} \
  exec "$here/measure-reassembly-agreement.sh" "$@"
