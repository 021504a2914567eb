import Foundation
import PacketBPF
import PacketCapture
import PacketDissection
import PacketLanguage
import Testing

/// `count` through `FastFilter.decide`, dissecting only unsure packets,
/// against dissecting every packet. Runs when `PKTSH_BPF_BENCH` names a
/// capture (best in a release build: `swift test -c release`); the filter
/// is `PKTSH_BPF_FILTER`, by default the benchmark's.
@Suite struct BenchmarkTests {
  static let path = ProcessInfo.processInfo.environment["PKTSH_BPF_BENCH"]
  static let filter = ProcessInfo.processInfo.environment["PKTSH_BPF_FILTER"] ?? "ip.src == 10.0.0.1 && tcp.dport == 443"

  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  @Test(.enabled(if: path != nil)) func countWithBPF() throws {
    let capture = try CaptureFile(path: Self.path ?? "")
    let compiled = CompiledFilter(try checked(Self.filter))
    let fast = try FastFilter(compiled.checked, linkType: capture.interfaces.first?.linkType ?? .ethernet)
    print(fast.program)
    for _ in 0..<2 {
      var (yes, unsure) = (0, 0)
      let dissector = Dissector()
      dissector.restrict(to: compiled.fields)
      let time = try Self.seconds {
        try capture.forEachPacket { record in
          switch fast.decide(record) {
          case .yes: yes += 1
          case .no: break
          case .unsure:
            unsure += 1
            if compiled.matches(dissector.dissect(record)) { yes += 1 }
          }
          return true
        }
      }
      print("BPF: \(yes) packets match (\(unsure) dissected) in \(time) s")
    }
    var matching = 0
    let dissector = Dissector()
    dissector.restrict(to: compiled.fields)
    let time = try Self.seconds {
      try capture.forEachPacket { record in
        if compiled.matches(dissector.dissect(record)) { matching += 1 }
        return true
      }
    }
    print("dissection: \(matching) packets match in \(time) s")
  }
}
