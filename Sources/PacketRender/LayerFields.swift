import PacketDissection

/// The records of one layer of a dissection, looked up by field name.
///
/// Renderers name fields as Wireshark does (`tcp.srcport`) and resolve
/// them through the registry, so they depend on declarations only by
/// name; a name the registry lacks reads as absent.
struct LayerFields {
  let dissection: Dissection
  /// Indexes into `dissection.records`: from the layer's protocol item to
  /// the first record of the next layer.
  let records: Range<Int>
  /// The layer's index in `dissection.layers`.
  let layer: Int

  init(_ dissection: Dissection, layer index: Int) {
    self.dissection = dissection
    layer = index
    let layers = dissection.layers
    let start = layers[index].firstRecord
    let end = index + 1 < layers.count ? layers[index + 1].firstRecord : dissection.records.count
    records = start..<max(start, end)
  }

  /// Every occurrence of `name` in the layer, in packet order.
  func all(_ name: String) -> [FieldRecord] {
    guard let id = Registry.field(named: name) else { return [] }
    return dissection.records[records].filter { $0.field == id }
  }

  func first(_ name: String) -> FieldRecord? {
    guard let id = Registry.field(named: name) else { return nil }
    return dissection.records[records].first { $0.field == id }
  }

  var span: LayerSpan { dissection.layers[layer] }

  func has(_ name: String) -> Bool { first(name) != nil }

  /// The integer value of the first occurrence (booleans as 0 or 1).
  func uint(_ name: String) -> UInt64? { first(name)?.value }

  /// The first occurrence as `tshark -T fields` prints it.
  func text(_ name: String) -> String? {
    first(name).map { FieldText.format($0, in: dissection) }
  }

  func text(_ record: FieldRecord) -> String { FieldText.format(record, in: dissection) }
}

extension Dissection {
  /// The index of the last layer of the packet itself (not one quoted
  /// inside another) that is `protocolID`, if any.
  func lastTopLayer(_ protocolID: ProtocolID) -> Int? {
    layers.lastIndex { $0.depth == 0 && $0.protocolID == protocolID }
  }
}

extension LayerFields {
  /// The occurrences of any of `names`, in packet order, each with its name.
  func optionRecords(_ names: [String]) -> [(name: String, value: UInt64)] {
    var byID: [FieldID: String] = [:]
    for name in names {
      if let id = Registry.field(named: name) { byID[id] = name }
    }
    return dissection.records[records].compactMap { record in
      byID[record.field].map { ($0, record.value) }
    }
  }
}
