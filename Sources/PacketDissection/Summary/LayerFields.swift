/// The records of one layer of a dissection, read by field identity
/// (`f.uint(UDP.srcport)`): a field that does not exist does not compile.
///
/// Summary lines and tree headlines read their layer through this, and
/// reach other layers of the packet through `dissection`.
struct LayerFields {
  let dissection: Dissection
  /// The layer's index in `dissection.layers`.
  let layer: Int
  /// Indexes into `dissection.records`: from the layer's protocol item to
  /// the first record of the next layer.
  let records: Range<Int>

  init(_ dissection: Dissection, layer index: Int) {
    self.dissection = dissection
    layer = index
    records = dissection.recordRange(ofLayer: index)
  }

  var span: LayerSpan { dissection.layers[layer] }

  /// Every occurrence of `field` in the layer, in packet order.
  func all(_ field: some FieldIdentity) -> [FieldRecord] {
    let id = field.fieldID
    return dissection.records[records].filter { $0.field == id }
  }

  func first(_ field: some FieldIdentity) -> FieldRecord? {
    let id = field.fieldID
    return dissection.records[records].first { $0.field == id }
  }

  func has(_ field: some FieldIdentity) -> Bool { first(field) != nil }

  /// The integer value of the first occurrence (booleans as 0 or 1).
  func uint(_ field: some FieldIdentity) -> UInt64? { first(field)?.value }

  /// The first occurrence as `tshark -T fields` prints it.
  func text(_ field: some FieldIdentity) -> String? {
    first(field).map { FieldText.format($0, in: dissection) }
  }

  func text(_ record: FieldRecord) -> String { FieldText.format(record, in: dissection) }

  /// The layer's records of `Module`'s fields, each with its field, in
  /// packet order: for text built from fields as they occur (options,
  /// resource records).
  func occurrences<Module: FieldIdentity>(
    of _: Module.Type
  ) -> some Sequence<(field: Module, record: FieldRecord)> {
    dissection.records[records].lazy.compactMap { record in
      guard record.field.protocolID == Module.protocolID, let field = Module(rawValue: UInt8(record.field.raw & 0xff))
      else { return nil }
      return (field, record)
    }
  }

  /// The layer's records kept for its Info alone (`Dissection.setAside`),
  /// as `occurrences` gives them.
  func setAside<Module: FieldIdentity>(of _: Module.Type) -> [(field: Module, record: FieldRecord)] {
    guard let kept = dissection.infoOnly, kept.layer == layer else { return [] }
    return kept.records.compactMap { record in
      guard record.field.protocolID == Module.protocolID, let field = Module(rawValue: UInt8(record.field.raw & 0xff))
      else { return nil }
      return (field, record)
    }
  }

  /// Whether the layer set records aside where tshark's walk without a
  /// tree raised no exception: Info then ends with no complaint.
  var setAsideQuietly: Bool {
    guard let kept = dissection.infoOnly, kept.layer == layer else { return false }
    return kept.quiet
  }

  /// The fields of the last layer of the packet itself (not one quoted
  /// inside another) that is `protocolID`, if any.
  func lastTopLayer(_ protocolID: ProtocolID) -> LayerFields? {
    dissection.lastTopLayer(protocolID).map { LayerFields(dissection, layer: $0) }
  }
}

extension Dissection {
  /// Indexes into `records` of layer `index`'s records: from its protocol
  /// item to the first record of the next layer.
  public func recordRange(ofLayer index: Int) -> Range<Int> {
    let start = layers[index].firstRecord
    let end = index + 1 < layers.count ? layers[index + 1].firstRecord : records.count
    return start..<max(start, end)
  }

  /// The index of the last layer of the packet itself (not one quoted
  /// inside another) that is `protocolID`, if any.
  func lastTopLayer(_ protocolID: ProtocolID) -> Int? {
    layers.lastIndex { $0.depth == 0 && $0.protocolID == protocolID }
  }
}
