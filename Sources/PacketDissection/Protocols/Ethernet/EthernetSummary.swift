import PacketWire

/// How Ethernet shows: cyan, headed and listed by its addresses; an
/// 802.3 frame (a length where Ethernet II has its type) says so.
extension Ethernet {
  static var hue: LayerHue? { .cyan }

  static var summaryFields: [FieldID] { [src, dst, len].map(\.fieldID) }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    if f.has(len) {
      out.append("IEEE 802.3 Ethernet")
    } else {
      f.appendHeadline(source: src, destination: dst, to: &out)
    }
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    row.addresses(f.first(src), f.first(dst))
    row.set("Ethernet", info: f.has(len) ? "IEEE 802.3 Ethernet " : nil)
  }
}

/// An EtherType no dissector took shows as its number in the protocol
/// column and its name (or `Ethernet II`) in Info.
extension Ethertype {
  static var hue: LayerHue? { nil }

  static var summaryFields: [FieldID] { [Ethernet.type.fieldID, VLAN.etype.fieldID, SLL.etype.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    guard layer.payloadUndissected, let type = handedOn(before: layer.fields) else { return }
    row.set("0x" + hex4(type), info: ProtocolNumberNames.ethertype(type) ?? "Ethernet II")
  }

  /// The EtherType that the layer before the marker handed on.
  private static func handedOn(before marker: LayerFields) -> UInt64? {
    let d = marker.dissection
    let start = marker.span.start
    guard let index = d.layers.lastIndex(where: { $0.depth == 0 && $0.start < start && $0.protocolID != .ethertype })
    else { return nil }
    let f = LayerFields(d, layer: index)
    switch d.layers[index].protocolID {
    case .eth: return f.uint(Ethernet.type)
    case .vlan: return f.uint(VLAN.etype)
    case .sll: return f.uint(SLL.etype)
    default: return d.packet.uint16(at: start - 2).map(UInt64.init)
    }
  }
}
