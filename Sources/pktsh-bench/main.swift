// Throughput benchmark (bench/dissect.sh runs it): dissects every packet of
// a capture the way `print tcp.dstport` does, down to the transport layer
// recording one field, and reports the rate and the peak memory.
//
// Usage: pktsh-bench CAPTURE (Linux)
#if canImport(Glibc)
  import Glibc
#endif
import PacketCapture
import PacketDissection

guard CommandLine.arguments.count == 2 else {
  print("usage: pktsh-bench CAPTURE")
  exit(2)
}
let clock = ContinuousClock()
let started = clock.now
let file: CaptureFile
do { file = try CaptureFile(path: CommandLine.arguments[1]) } catch {
  print("pktsh-bench: \(error)")
  exit(1)
}
let opened = clock.now

let query = try FieldQuery(names: ["tcp.dstport"])
let dissector = Dissector()
dissector.interfaces = file.interfaces
query.configure(dissector)
let dstport = query.fields[0]
// Counted so that the work cannot be optimised away, and as a check
// against tshark's count of non-empty tcp.dstport lines.
var tcpPackets = 0
do {
  try file.forEachPacket { record in
    if dissector.dissect(record).first(dstport) != nil { tcpPackets += 1 }
    return true
  }
} catch {
  print("pktsh-bench: \(error)")
  exit(1)
}
let finished = clock.now

/// Seconds, as a plain decimal.
func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
/// Peak resident memory in MiB (Linux reports `ru_maxrss` in KiB).
func peakResidentMiB() -> Int {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return usage.ru_maxrss / 1024
}
let wall = seconds(finished - started)
print("packets: \(file.count) (with tcp.dstport: \(tcpPackets))")
// A pcap file is indexed by the walk itself, so the walk's time includes it.
print("open: \(seconds(opened - started)) s")
print("index and dissect: \(seconds(finished - opened)) s")
print("wall: \(wall) s")
print("packets/s: \(Int(Double(file.count) / wall))")
print("peak RSS: \(peakResidentMiB()) MiB")
