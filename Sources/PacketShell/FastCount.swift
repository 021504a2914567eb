import PacketCapture
import PacketDissection
import PacketLanguage

/// `count` without dissecting, as tcpdump counts: each filter is also
/// compiled to classic BPF and run on the raw bytes. A packet the programs
/// answer for is counted or skipped at once; only the rare packet they
/// cannot decide exactly (an ICMP error quoting another datagram, stacked
/// VLAN tags, a cut-short header) is dissected and tested as usual. The
/// answers are the same: PacketBPFTests check that over the corpus.
struct FastCount {
  let kernel: KernelFilters

  /// Nil when a filter can't be expressed as BPF, or the capture mixes
  /// link types: then the ordinary scan counts.
  init?(capture: CaptureFile, filters: [CompiledFilter], decodeAs: DecodeAsRules) {
    guard !filters.isEmpty, let kernel = KernelFilters(capture: capture, filters: filters, decodeAs: decodeAs) else {
      return nil
    }
    self.kernel = kernel
  }

  /// The number of packets that pass every filter, those the programs
  /// can't decide dissected by `dissector` (the session's settings); nil
  /// when interrupted. Throws when the capture can no longer be read.
  func count(_ capture: CaptureFile, with dissector: Dissector) throws -> Int? {
    dissector.restrict(to: kernel.fields)
    var n = 0
    var interrupted = false
    try capture.forEachPacket { record in
      if Interrupt.isRaised {
        interrupted = true
        return false
      }
      switch kernel.decide(record) {
      case .no: break
      case .yes: n += 1
      case .unsure: if kernel.matches(dissector.dissect(record)) { n += 1 }
      }
      return true
    }
    return interrupted ? nil : n
  }
}
