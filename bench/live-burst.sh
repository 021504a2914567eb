#!/bin/bash
# Bursts of small UDP datagrams over a veth pair between two private network
# namespaces, captured by pktsh and by tcpdump on the receiving end: how many
# each captures and how many the kernel drops. Needs root, iproute2, python3,
# tcpdump.
#
#   bench/live-burst.sh [SIZES...]        (default: 20000 100000 200000 400000)
#   PKTSH=.build/release/pktsh bench/live-burst.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pktsh=${PKTSH:-.build/debug/pktsh}
sizes=("${@:-20000 100000 200000 400000}")
read -r -a sizes <<<"${sizes[*]}"
a=pktsh-burst-$$-a
b=pktsh-burst-$$-b
cleanup() { ip netns del "$a" 2>/dev/null || true; ip netns del "$b" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$a"
ip netns add "$b"
ip link add vA netns "$a" type veth peer name vB netns "$b"
ip -n "$a" addr add 10.231.200.1/30 dev vA
ip -n "$b" addr add 10.231.200.2/30 dev vB
for ns in "$a" "$b"; do ip -n "$ns" link set lo up; done
ip -n "$a" link set vA up
ip -n "$b" link set vB up
sleep 1

send() {
  ip netns exec "$a" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[1])):
    s.sendto(b"x" * 18, ("10.231.200.2", 9999))
' "$1"
}

# Runs "$@" in the receiving namespace, sends a burst of $1 once it
# listens, waits for it to stop by itself (it is given a count of $1 and a
# time limit), and prints the statistics lines it wrote on stderr.
measure() {
  local n=$1 ready=$2
  shift 2
  local log
  log=$(mktemp)
  ip netns exec "$b" "$@" >/dev/null 2>"$log" &
  local pid=$!
  until grep -q "$ready" "$log"; do sleep 0.05; done
  local start=$SECONDS
  send "$n"
  local sent=$((SECONDS - start))
  wait "$pid" || true
  grep -E "captured|received|dropped" "$log" | tr '\n' ' '
  echo "(burst sent in ${sent} s, all read in $((SECONDS - start)) s)"
  rm -f "$log"
}

filter='udp dst port 9999'
for n in "${sizes[@]}"; do
  echo "burst of $n datagrams:"
  echo -n "  pktsh:               "
  measure "$n" "capturing on" "$pktsh" -c "capture vB count $n for 120 quiet where udp.dstport == 9999 && !icmp"
  echo -n "  tcpdump (2 MiB):     "
  measure "$n" "listening on" timeout -s INT 120 tcpdump -n -c "$n" -i vB -w /dev/null "$filter"
  echo -n "  tcpdump -B 32768:    "
  measure "$n" "listening on" timeout -s INT 120 tcpdump -n -c "$n" -B 32768 -i vB -w /dev/null "$filter"
done
