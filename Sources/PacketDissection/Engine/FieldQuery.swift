import PacketWire

/// A list of fields to pull from packets, resolved once, with the
/// dissection settings that answer it cheaply: record only these fields and
/// stop below the deepest protocol they belong to.
public struct FieldQuery: Sendable {
  public let fields: [FieldID]
  /// Each field's kind and display base, looked up once.
  private let formats: [(kind: FieldKind, base: DisplayBase)]

  /// Resolves field names (filter names or aliases); answers the first
  /// unknown name on failure.
  public init(names: [String]) throws(UnknownField) {
    var ids: [FieldID] = []
    for name in names {
      guard let id = Registry.field(named: name) else { throw UnknownField(name: name) }
      ids.append(id)
    }
    self.init(fields: ids)
  }

  public init(fields: [FieldID]) {
    self.fields = fields
    formats = fields.map { ($0.decl.kind, $0.decl.base) }
  }

  /// Sets `dissector` up to answer this query and nothing more.
  public func configure(_ dissector: Dissector) {
    dissector.restrict(to: fields)
  }

  /// One line of tab-separated values, as `tshark -T fields -E
  /// occurrence=a -E aggregator=,` prints it.
  public func line(_ dissection: Dissection) -> String {
    var bytes = ByteWriter()
    appendLine(dissection, to: &bytes)
    return bytes.text
  }

  /// Appends `line(dissection)`'s text, UTF-8, to `out` (no newline).
  public func appendLine(_ dissection: Dissection, to out: inout ByteWriter) {
    dissection.records.withUnsafeBufferPointer { records in
      for i in fields.indices {
        if i > 0 { out.append(UInt8(ascii: "\t")) }
        let field = fields[i]
        let (kind, base) = formats[i]
        var first = true
        for record in records where record.field == field {
          if !first { out.append(UInt8(ascii: ",")) }
          first = false
          FieldText.append(record, kind: kind, base: base, in: dissection, to: &out)
        }
      }
    }
  }
}

public struct UnknownField: Error, Sendable {
  public let name: String
}

/// Fields found only once the layer inside has said where it ends.
private let trailerFields = [Ethernet.padding.fieldID, Ethernet.trailer.fieldID, Ethernet.fcs.fieldID, Ethernet.fcsStatus.fieldID, VLAN.trailer.fieldID]

/// The deepest layer that must be dissected to read every occurrence of
/// `fields`. `frame.protocols` lists every layer, and any layer may find
/// the packet malformed (`_ws.malformed`), so these need them all;
/// link-layer padding and trailers need the datagram's length;
/// link- and network-layer fields also occur inside tunnels and in the
/// datagram an ICMP error quotes, so they need the transport layer that
/// carries them.
public func deepestLevel(for fields: some Sequence<FieldID>) -> LayerLevel {
  var level = LayerLevel.frame
  for field in fields {
    var needed = Registry.decl(field.protocolID).level
    if field == Frame.protocols.fieldID || field.protocolID == .malformed { needed = .application }
    // Where a PDU ends is for the layers above TCP to say.
    if TCP.reassemblyFields.contains(field) || field == TCP.pduSize.fieldID { needed = .application }
    // Padding and trailers are what the datagram inside leaves over.
    if trailerFields.contains(field) { needed = .network }
    // ICMP errors quote network and transport layers, and tunnels (GRE,
    // VXLAN, Geneve) carry link, network and transport layers: all of them
    // are reached by dissecting down to the transport level.
    if needed == .network || needed == .link { needed = .transport }
    level = max(level, needed)
  }
  return level
}
