import PacketBPF
import PacketCapture
import PacketDissection
import PacketLanguage

/// `stats` (and so `count by`) without dissecting, as `FastCount` counts:
/// when every value the query groups by or adds up is a field alone at a
/// fixed place (`ip.src`, `tcp.dstport`, `frame.len`) and its filters
/// translate to BPF, each packet's fields are read from its raw bytes
/// (`FastFields`) and its filters decided by `FastFilter`. The rare packet
/// that either cannot decide exactly (an ICMP error, whose quoted datagram
/// adds occurrences; stacked VLAN tags; a cut-short header) is dissected
/// as usual. Both give the same keys, so the groups are those the
/// dissecting walk makes (`FastStatsTests` compares them over the corpus).
struct FastStats {
  let fields: FastFields
  let kernel: KernelFilters
  /// The field each column of the query reads (its `by` values, then its aggregates'; 0 for `count`).
  let columns: [Int]
  /// Every field the query and its filters read, for the packets that are dissected.
  let dissected: [FieldID]
  /// The query's values, for the packets that are dissected.
  let values: [StatsValue?]

  /// Nil when a value is not a field alone at a fixed place, a filter
  /// can't be expressed as BPF, the capture mixes link types, or
  /// `decode … as` rules are in force: then the dissecting walk runs.
  init?(capture: CaptureFile, query: StatsQuery, filters: [CompiledFilter], decodeAs: DecodeAsRules) {
    guard let kernel = KernelFilters(capture: capture, filters: filters, decodeAs: decodeAs) else { return nil }
    var ids: [FieldID] = []
    var columns: [Int] = []
    for value in query.columns {
      guard let value else {
        columns.append(0)
        continue
      }
      guard let id = value.checked.field else { return nil }
      columns.append(ids.firstIndex(of: id) ?? ids.count)
      if !ids.contains(id) { ids.append(id) }
    }
    guard let fields = FastFields(ids, linkType: kernel.linkType) else { return nil }
    self.fields = fields
    self.kernel = kernel
    self.columns = columns
    dissected = query.fields + kernel.fields
    values = query.columns
  }

  /// Adds every packet that passes the filters to `accumulator` (a
  /// `stats`' groups, or a conversation table), those the programs can't
  /// decide dissected by `dissector` (the session's settings); false when
  /// interrupted. Throws when the capture can no longer be read.
  func add(_ capture: CaptureFile, with dissector: Dissector, to accumulator: inout some StatsSink) throws -> Bool {
    dissector.restrict(to: dissected)
    var raw = RawPacket(types: fields.types, fields: columns)
    // Times count from the capture's first packet (zero when it has no
    // time), as the dissector counts them when it sees every packet.
    var firstTime: Int64?
    var interrupted = false
    try capture.forEachPacket { record in
      if Interrupt.isRaised {
        interrupted = true
        return false
      }
      let time = record.timestamp.seconds &* 1_000_000_000 &+ Int64(record.timestamp.nanoseconds)
      let first = firstTime ?? time
      firstTime = first
      let decision = kernel.decide(record)
      if decision == .no { return true }
      if decision == .yes && accumulator.add(direct: record, sinceFirst: time &- first) { return true }
      if decision == .yes && fields.read(record, into: &raw.reading) {
        accumulator.add(raw: &raw, sinceFirst: time &- first)
      } else {
        let d = dissector.dissect(record)
        if kernel.matches(d) {
          accumulator.add(DissectedPacket(d: d, values: values), sinceFirst: time &- first)
        }
      }
      return true
    }
    return !interrupted
  }
}

/// What `FastStats` adds packets to, read from raw bytes or dissected.
protocol StatsSink {
  /// Adds a packet read from raw bytes (`inout` so that the walk lends its reused one).
  mutating func add(raw packet: inout RawPacket, sinceFirst: Int64)
  mutating func add(_ packet: some StatsPacket, sinceFirst: Int64)
  /// Adds a packet the sink reads from its bytes itself; false when it
  /// cannot, and the walk reads it by `FastFields` or dissection.
  mutating func add(direct record: PacketRecord, sinceFirst: Int64) -> Bool
}

extension StatsSink {
  mutating func add(direct record: PacketRecord, sinceFirst: Int64) -> Bool { false }
}
