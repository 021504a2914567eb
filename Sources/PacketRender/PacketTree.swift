import PacketDissection

/// The packet as a tree of protocols and fields, like `tshark -V`: each
/// protocol on a headline, each field indented four spaces per level as
/// `Label: value`, masked fields behind their bit pattern
/// (`.... 0101 = Header Length: 20`), generated fields in brackets.
/// Hidden fields (`ip.addr`, `tcp.port`) are left out.
///
/// Values print as `tshark -T fields` prints them; Wireshark's tree adds
/// value names and units (`Protocol: TCP (6)`, `20 bytes (5)`), which the
/// declarations do not carry.
public enum PacketTree {
  /// The tree, one line per item, each ending in a newline.
  ///
  /// - Parameters:
  ///   - byteRanges: append each item's bytes as ` [first..last]`
  ///     (inclusive, absolute offsets); generated items have none.
  ///   - colour: headlines bold in their layer colour, generated items dim.
  public static func render(_ d: Dissection, byteRanges: Bool = false, colour: Bool = false) -> String {
    var out = ""
    for (index, record) in d.records.enumerated() {
      guard !record.flags.contains(.hidden) else { continue }
      var line = String(repeating: "    ", count: Int(record.depth))
      let decl = record.field.decl
      var text: String
      if decl.kind == .protocolItem, let owner = layerIndex(of: record, at: index, in: d) {
        text = d.headline(ofLayer: owner)
        if colour { text = ANSI.paint(text, ANSI.bold + ";" + (ANSI.layerCode(record.field.protocolID) ?? "39")) }
      } else {
        text = fieldText(record, decl: decl, in: d)
        if colour && record.flags.contains(.generated) { text = ANSI.paint(text, ANSI.dim) }
      }
      line += text
      if byteRanges && record.length > 0 {
        line += " [\(record.offset)..\(Int(record.offset) + Int(record.length) - 1)]"
      }
      out += line + "\n"
    }
    return out
  }

  /// The layer whose protocol item `record` (at `index`) is.
  private static func layerIndex(of record: FieldRecord, at index: Int, in d: Dissection) -> Int? {
    d.layers.lastIndex { $0.firstRecord == index && $0.protocolID == record.field.protocolID }
  }

  /// `Label: value`, the bit pattern in front of masked integers,
  /// brackets around generated fields.
  static func fieldText(_ record: FieldRecord, decl: FieldDecl, in d: Dissection) -> String {
    var text: String
    switch decl.kind {
    case .label, .protocolItem:
      text = decl.label
    case .boolean:
      let set = record.value != 0
      text = decl.label + ": " + (decl.mask != 0 ? (set ? "Set" : "Not set") : (set ? "True" : "False"))
    default:
      text = decl.label + ": " + FieldText.format(record, in: d)
    }
    if decl.mask != 0, decl.kind.isInteger, (1...8).contains(decl.containerBytes) {
      text = BitPattern.text(bits: containerBits(record, decl: decl, in: d), mask: decl.mask, bytes: decl.containerBytes)
        + " = " + text
    }
    return record.flags.contains(.generated) ? "[" + text + "]" : text
  }

  /// The field's bits in place in its container integer. Read from the
  /// packet where the record covers the container, since some values are
  /// scaled (`ip.hdr_len` holds bytes, the bits hold 32-bit words);
  /// otherwise rebuilt from the value.
  private static func containerBits(_ record: FieldRecord, decl: FieldDecl, in d: Dissection) -> UInt64 {
    if Int(record.length) == decl.containerBytes, !record.flags.contains(.inArena),
      let raw = d.packet.uint(at: Int(record.offset), length: decl.containerBytes)
    {
      return raw & decl.mask
    }
    return (record.value << UInt64(decl.mask.trailingZeroBitCount)) & decl.mask
  }
}
