import PacketDissection

/// A protocol's header drawn as the RFCs draw it (RFC 791 figure 4,
/// RFC 9293 section 3.1): two rulers of bit numbers, 32 bits a row, a box
/// per field with its name centred, one-bit flags written downwards, a
/// legend for the names shortened to fit.
///
/// `layout PROTO` draws the declarations: every field with a fixed place
/// (`FieldDecl.bits`), the finest of them where fields overlap (the DSCP
/// and ECN bits rather than the byte that holds them), then the variable
/// part (`ProtocolDecl.variablePart`). `layout PROTO N` draws one layer of
/// a packet from what the dissector recorded there, each box holding its
/// value, so options appear as the packet has them.
public enum LayoutDiagram {
  /// The diagram of `proto`, or a sentence saying it has no header; a
  /// blank line ends it, to set it apart from what follows.
  public static func render(_ proto: ProtocolDecl) -> String {
    let title = "\(proto.label) (\(proto.name))"
    let boxes = boxes(proto)
    guard !boxes.isEmpty else { return title + ": no header fields at fixed places\n\n" }
    return title + "\n" + draw(boxes) + "\n"
  }

  /// The diagram of layer `layer` of `d`, with this packet's values, and
  /// a blank line.
  public static func render(_ d: Dissection, layer index: Int) -> String {
    let layer = d.layers[index]
    let proto = Registry.decl(layer.protocolID)
    var title = "\(proto.label) (\(proto.name)) in packet \(d.frame.number)"
    if layer.end > layer.start { title += ", bytes \(layer.start)..\(layer.end - 1)" }
    let boxes = boxes(d, layer: index)
    guard !boxes.isEmpty else { return title + ": no bytes of its own\n\n" }
    return title + "\n" + draw(boxes) + "\n"
  }

  /// The boxes of `proto`'s diagram: its fields with fixed places (the
  /// finest where they overlap; the first declared of fields with the same
  /// place), boxes without a name for bits of the header no field claims,
  /// and the variable part, which takes the rest of its row and two more.
  public static func boxes(_ proto: ProtocolDecl) -> [LayoutBox] {
    let fields = proto.fields.compactMap { field in
      field.bits.map { (field, $0.offset..<$0.end) }
    }
    let headerEnd = max(proto.headerBits, fields.map(\.1.upperBound).max() ?? 0)
    let owner = BitPartition.owners(fields.map(\.1), count: headerEnd)
    var boxes = group(owner) { index in
      let field = fields[index].0
      return LayoutBox(name: field.name, label: field.label, abbreviation: field.abbreviation, bits: [])
    }
    if let variable = proto.variablePart {
      let rowEnd = (headerEnd + LayoutGrid.rowBits - 1) / LayoutGrid.rowBits * LayoutGrid.rowBits
      boxes.append(
        LayoutBox(name: nil, label: variable, bits: [headerEnd..<(rowEnd + 2 * LayoutGrid.rowBits)], variable: true))
    }
    return boxes
  }

  /// The boxes of layer `layer` of `d`: every field recorded in the
  /// layer's bytes, placed where the dissector found it (the finest where
  /// they overlap, the first recorded of fields on the same bytes), and
  /// `undissected` boxes for bytes no field covers. Hidden and generated
  /// fields have no bytes of their own and are left out.
  ///
  /// Where the dissector records a fixed field but not all of the fields
  /// declared inside it (Wireshark shows a DNS query's flags without the
  /// answer's AA, RA, AD and reply code), those are drawn too, with their
  /// bits as the packet has them.
  public static func boxes(_ d: Dissection, layer index: Int) -> [LayoutBox] {
    let layer = d.layers[index]
    let base = layer.start * 8
    var fields: [(decl: FieldDecl, bits: Range<Int>, value: String)] = []
    var recorded = Set<FieldID>()
    for record in d.records[d.recordRange(ofLayer: index)] where record.field.index != 0 && !record.flags.contains(.hidden) {
      let bytes = record.byteRange
      guard !bytes.isEmpty, bytes.lowerBound >= layer.start, bytes.upperBound <= layer.end else { continue }
      let decl = record.field.decl
      var value = FieldText.format(record, in: d)
      if let names = decl.values, names.fitLayoutBoxes, let name = names.name(record.value) { value += " (\(name))" }
      let bits = bitRange(record)
      fields.append((decl, (bits.lowerBound - base)..<(bits.upperBound - base), value))
      recorded.insert(record.field)
    }
    let proto = Registry.decl(layer.protocolID)
    for (decl, bits, _) in fields {
      guard let declared = decl.bits else { continue }
      // Declared fields inside this one, where the packet puts it.
      let shift = bits.lowerBound - declared.offset
      for (i, inner) in proto.fields.enumerated() {
        guard let innerBits = inner.bits, innerBits.width < declared.width, innerBits.offset >= declared.offset,
          innerBits.end <= declared.end, !recorded.contains(FieldID(proto.id, i)),
          let raw = d.packet.bits(at: base + innerBits.offset + shift, width: innerBits.width)
        else { continue }
        let value = inner.kind.isInteger && inner.containerBytes > 0
          ? FieldText.integer(raw, base: inner.base, bytes: inner.containerBytes) : String(raw)
        fields.append((inner, (innerBits.offset + shift)..<(innerBits.end + shift), value))
        recorded.insert(FieldID(proto.id, i))
      }
    }
    let owner = BitPartition.owners(fields.map(\.bits), count: max(0, layer.end - layer.start) * 8)
    return group(owner, gap: "undissected") { index in
      let (decl, _, value) = fields[index]
      return LayoutBox(name: decl.name, label: decl.label, abbreviation: decl.abbreviation, value: value, bits: [])
    }
  }

  /// The bits a record covers, from the start of the packet: its bytes,
  /// narrowed by the declaration's mask when the record covers the
  /// mask's container.
  static func bitRange(_ record: FieldRecord) -> Range<Int> {
    let decl = record.field.decl
    let start = Int(record.offset) * 8
    let containerBits = decl.containerBytes * 8
    guard decl.mask != 0, Int(record.length) == decl.containerBytes, containerBits <= 64 else {
      return start..<(start + Int(record.length) * 8)
    }
    let leading = decl.mask.leadingZeroBitCount - (64 - containerBits)
    return (start + leading)..<(start + containerBits - decl.mask.trailingZeroBitCount)
  }

  /// One box per owner, in order of their first bit, and one per run of
  /// bits no one owns, saying `gap`.
  private static func group(_ owner: [Int?], gap: String = "", _ make: (Int) -> LayoutBox) -> [LayoutBox] {
    var boxes: [LayoutBox] = []
    var boxOf: [Int: Int] = [:]
    for run in BitPartition.runs(owner) {
      guard let index = run.owner else {
        boxes.append(LayoutBox(name: nil, label: gap, bits: [run.bits]))
        continue
      }
      if let existing = boxOf[index] {
        boxes[existing].bits.append(run.bits)
      } else {
        boxOf[index] = boxes.count
        var box = make(index)
        box.bits = [run.bits]
        boxes.append(box)
      }
    }
    return boxes
  }

  /// The rulers, the grid and the legend.
  private static func draw(_ boxes: [LayoutBox]) -> String {
    var ruler = (tens: "", units: "")
    for bit in 0..<LayoutGrid.rowBits {
      ruler.tens += bit % 10 == 0 ? " \(bit / 10)" : "  "
      ruler.units += " \(bit % 10)"
    }
    let (lines, shortened) = LayoutGrid(boxes).draw()
    while ruler.tens.hasSuffix(" ") { ruler.tens.removeLast() }
    var out = ruler.tens + "\n" + ruler.units + "\n"
    for line in lines { out += line + "\n" }
    guard !shortened.isEmpty else { return out }
    // One entry per short name and label, with every field it stands for.
    var entries: [(short: String, label: String, names: [String])] = []
    for box in shortened {
      let names = box.name.map { [$0] } ?? []
      if let i = entries.firstIndex(where: { $0.short == box.abbreviation && $0.label == box.label }) {
        entries[i].names += names.filter { !entries[i].names.contains($0) }
      } else {
        entries.append((box.abbreviation, box.label, names))
      }
    }
    let width = entries.map(\.short.count).max() ?? 0
    out += "\n"
    for entry in entries {
      let padding = String(repeating: " ", count: width - entry.short.count)
      let names = entry.names.isEmpty ? "" : " (" + entry.names.joined(separator: ", ") + ")"
      out += "  \(entry.short)\(padding)  \(entry.label)\(names)\n"
    }
    return out
  }
}
