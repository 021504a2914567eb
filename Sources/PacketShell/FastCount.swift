import PacketBPF
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
  let fast: [FastFilter]
  let filters: [CompiledFilter]

  /// Nil when a filter can't be expressed as BPF, or the capture mixes
  /// link types: then the ordinary scan counts.
  init?(capture: CaptureFile, filters: [CompiledFilter]) {
    let linkTypes = Set(capture.interfaces.map(\.linkType))
    guard !filters.isEmpty, linkTypes.count == 1, let linkType = linkTypes.first else { return nil }
    var fast: [FastFilter] = []
    for filter in filters {
      guard let f = try? FastFilter(filter.checked, linkType: linkType) else { return nil }
      fast.append(f)
    }
    self.fast = fast
    self.filters = filters
  }

  /// The number of packets that pass every filter; nil when interrupted.
  /// Throws when the capture can no longer be read.
  func count(_ capture: CaptureFile) throws -> Int? {
    let dissector = Dissector()
    dissector.interfaces = capture.interfaces
    dissector.restrict(to: filters.flatMap(\.fields))
    var n = 0
    var interrupted = false
    try capture.forEachPacket { record in
      if Interrupt.isRaised {
        interrupted = true
        return false
      }
      var sure = true
      for f in fast {
        switch f.decide(record) {
        case .no: return true
        case .unsure: sure = false
        case .yes: break
        }
      }
      if sure {
        n += 1
      } else {
        let d = dissector.dissect(record)
        if filters.allSatisfy({ $0.matches(d) }) { n += 1 }
      }
      return true
    }
    return interrupted ? nil : n
  }
}
