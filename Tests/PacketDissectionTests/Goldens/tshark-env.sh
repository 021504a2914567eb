#!/bin/bash
# Source this to run tshark as the goldens were made: UTC, a private
# configuration directory in which every protocol that pktsh does not
# dissect is disabled (see dissected-protocols.txt), no name resolution,
# and reassembly off.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export TZ=UTC
export XDG_CONFIG_HOME=$(mktemp -d)
mkdir -p "$XDG_CONFIG_HOME/wireshark"
tshark -G protocols 2>/dev/null | cut -f3 | python3 -c '
import sys, fnmatch
keep = [l.strip() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
for name in sys.stdin.read().split():
    if not any(fnmatch.fnmatchcase(name, k) for k in keep):
        print(name)
' "$here/dissected-protocols.txt" > "$XDG_CONFIG_HOME/wireshark/disabled_protos"
TSHARK_OPTIONS=(-n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE
  -T fields -E occurrence=a -E aggregator=,)
