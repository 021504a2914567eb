# ci-check.pks: a capture check for a CI job. It prints a short report and
# fails the job (exit 3) when a check does not hold; a mistake in the script
# itself fails with exit 2 before anything runs.
#
# Run it from the repository root:  pktsh -f examples/ci-check.pks
# To check another capture, write `load $1` and run
#   pktsh -f examples/ci-check.pks my-capture.pcap
# (a missing argument is a located error, exit 2).

load examples/lesson-tcp-handshake.pcap

# The numbers the checks use. `let NAME = count FILTER` keeps the answer.
let packets = count
let resets = count tcp.flags.reset == 1
let malformed = count _ws.malformed
let opened = count tcp.flags.syn == 1 && tcp.flags.ack == 0
let accepted = count tcp.flags.syn == 1 && tcp.flags.ack == 1
echo "packets", packets, "resets", resets, "malformed", malformed, "opened", opened, "accepted", accepted

# `let NAME = stats AGG` keeps the one number a stats prints; `if` picks a
# line for the log (every block is checked before anything runs).
let bytes = stats sum(frame.len)
let mean = stats avg(frame.len)
if resets > 0 || malformed > 0 {
  echo "trouble: resets", resets, "malformed", malformed
} else if bytes > 1000000 {
  echo "large capture", bytes
} else {
  echo "bytes", bytes, "mean frame", mean
}

# The checks: each stops the script with exit 3 and names the values involved.
assert packets > 0, "the capture is empty"
assert resets == 0, "connections were reset"
assert malformed == 0, "some packets are malformed"
assert accepted == opened, "a connection attempt went unanswered"

# A report for the job's log: bytes each way, as CSV for a spreadsheet.
format csv
stats count, sum(frame.len) by ip.src, ip.dst
