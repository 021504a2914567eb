/// Fills in the summary columns of a capture's packets. Feed packets in
/// capture order, as to the `Dissector`: some Info text depends on earlier
/// packets. Use one per capture.
public struct PacketSummaries {
  private let memory = SummaryMemory()

  public init() {}

  /// The fields a summary line reads (for `Dissector.restrict(to:)`):
  /// every protocol's `summaryFields`.
  public static let fieldsRead: [FieldID] = Array(
    Set(ProtocolID.allCases.flatMap { id in
      var none: Void = ()
      return Registry.apply(SummaryFields.self, to: id, &none)
    })
  ).sorted()

  /// The fields of `fieldsRead` that the summaries read only for whether
  /// they are there (`Dissector.restrict(to:presenceOnly:)`): HTTP's file
  /// data says the body was handed on, and its text (a copy of the whole
  /// body) is never read.
  public static let presenceRead: [FieldID] = [HTTP.fileData.fieldID]

  /// The hidden text copies of the IP addresses (`ip.src_host`,
  /// `ipv6.host`, …): filters and `print` read them, the views hide them,
  /// and each costs a string per packet.
  public static let addressTexts: [FieldID] = [
    IPv4.srcHost.fieldID, IPv4.dstHost.fieldID, IPv4.host.fieldID,
    IPv6.srcHost.fieldID, IPv6.dstHost.fieldID, IPv6.host.fieldID,
  ]

  /// The columns the packet's own layers fill in; read them before `d`
  /// moves on to another packet.
  public func row(for d: Dissection) -> SummaryRow {
    var step = Summarize.Step(layer: nil, row: SummaryRow())
    // The packet's own layers; the `_ws.malformed` marker is not one of them.
    func isTop(_ index: Int) -> Bool { d.layers[index].depth == 0 && d.layers[index].protocolID != .malformed }
    var index = d.layers.indices.first(where: isTop)
    step.row.endsQuietly = index == nil
    while let current = index {
      let following = d.layers.indices[(current + 1)...].first(where: isTop)
      let next = following.map { d.layers[$0].protocolID }
      step.layer = SummaryLayer(
        fields: LayerFields(d, layer: current), next: next, complete: next != nil || !(d.truncated || d.malformed),
        memory: memory, furtherPDU: !d.layers[current].listed)
      Registry.apply(Summarize.self, to: d.layers[current].protocolID, &step)
      index = following
    }
    // TCP kept bytes for a PDU that goes on in later segments: it names
    // the frame so, after what the layers above wrote (TLS clears Info
    // before it asks; DNS and HTTP leave it), as tshark does.
    if d.segmentOfReassembledPDU {
      step.row.protocolName = "TCP"
      if let text = d.infoBeforeRequest { step.row.set("TCP", info: text) }
      step.row.appendToInfo(step.row.infoIsEmpty ? "[TCP segment of a reassembled PDU]" : " [TCP segment of a reassembled PDU]")
    }
    return step.row
  }
}

/// A module's part of the summary line.
private enum Summarize: ProtocolOperation {
  typealias Failure = Never

  /// The layer being summarized (set before each call) and the row so far.
  struct Step {
    var layer: SummaryLayer?
    var row: SummaryRow
  }

  static func apply<Module: ProtocolModule>(_: Module.Type, _ step: inout Step) {
    guard let layer = step.layer else { return }
    Module.summarize(layer, into: &step.row)
  }
}
