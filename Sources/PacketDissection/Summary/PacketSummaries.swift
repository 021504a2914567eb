/// Fills in the summary columns of a capture's packets. Feed packets in
/// capture order, as to the `Dissector`: some Info text depends on earlier
/// packets. Use one per capture.
public struct PacketSummaries {
  private let memory = SummaryMemory()

  public init() {}

  /// The columns the packet's own layers fill in.
  public func row(for d: Dissection) -> SummaryRow {
    // The `_ws.malformed` marker is not one of the packet's layers.
    let top = d.layers.indices.filter { d.layers[$0].depth == 0 && d.layers[$0].protocolID != .malformed }
    var row = SummaryRow()
    row.endsQuietly = top.isEmpty
    for (k, index) in top.enumerated() {
      let next = k + 1 < top.count ? d.layers[top[k + 1]].protocolID : nil
      let layer = SummaryLayer(
        fields: LayerFields(d, layer: index), next: next, complete: next != nil || !(d.truncated || d.malformed),
        memory: memory)
      var step = Summarize.Step(layer: layer, row: row)
      Registry.apply(Summarize.self, to: d.layers[index].protocolID, &step)
      row = step.row
    }
    return row
  }
}

/// A module's part of the summary line.
private enum Summarize: ProtocolOperation {
  typealias Failure = Never

  struct Step {
    let layer: SummaryLayer
    var row: SummaryRow
  }

  static func apply<Module: ProtocolModule>(_: Module.Type, _ step: inout Step) {
    Module.summarize(step.layer, into: &step.row)
  }
}
