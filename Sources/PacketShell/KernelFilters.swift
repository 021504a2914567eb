import PacketBPF
import PacketCapture
import PacketDissection
import PacketLanguage

/// A walk's filters (the view's and the command's), each also compiled to
/// classic BPF for the capture's one link type, so that most packets are
/// decided from their raw bytes (`FastCount`, `FastStats`).
struct KernelFilters {
  let linkType: LinkType
  let fast: [FastFilter]
  let filters: [CompiledFilter]

  /// Nil when the capture mixes link types, a filter can't be expressed
  /// as BPF, or `decode … as` rules are in force (BPF knows only the
  /// protocols' own bindings).
  init?(capture: CaptureFile, filters: [CompiledFilter], decodeAs: DecodeAsRules) {
    guard decodeAs.isEmpty else { return nil }
    let linkTypes = Set(capture.interfaces.map(\.linkType))
    guard linkTypes.count == 1, let linkType = linkTypes.first else { return nil }
    var fast: [FastFilter] = []
    for filter in filters {
      guard let f = try? FastFilter(filter.checked, linkType: linkType) else { return nil }
      fast.append(f)
    }
    self.linkType = linkType
    self.fast = fast
    self.filters = filters
  }

  /// Whether `record` passes every filter: `.no` as soon as one program
  /// refuses it, `.unsure` when one cannot decide (the packet must be
  /// dissected and `matches` asked), else `.yes`.
  @inline(__always)
  func decide(_ record: PacketRecord) -> FastFilter.Decision {
    var decision = FastFilter.Decision.yes
    for f in fast {
      switch f.decide(record) {
      case .no: return .no
      case .unsure: decision = .unsure
      case .yes: break
      }
    }
    return decision
  }

  /// Whether the dissected packet passes every filter.
  func matches(_ d: Dissection) -> Bool { filters.allSatisfy { $0.matches(d) } }

  /// Every field the filters read, for the packets that are dissected.
  var fields: [FieldID] { filters.flatMap(\.fields) }
}
