import PacketDissection
import PacketWire

/// The packet as a tree of protocols and fields, like `tshark -V`: each
/// protocol on a headline, each field indented four spaces per level as
/// `Label: value`, masked fields behind their bit pattern
/// (`.... 0101 = Header Length: 20 bytes (5)`), generated fields in
/// brackets. Hidden fields (`ip.addr`, `tcp.port`) are left out.
///
/// Values print as `tshark -T fields` prints them, with the names their
/// declarations give (`values:`) as Wireshark's tree shows them:
/// `Protocol: TCP (6)`, `Type: IPv4 (0x0800)`, `[Checksum Status:
/// Unverified]`, `Destination: Broadcast (ff:ff:ff:ff:ff:ff)`. DNS
/// questions and records and TCP options get Wireshark's headings
/// (`Queries`, `TCP Option - No-Operation (NOP)`); times relative to
/// others are in seconds. Byte fields show at most their first 36 bytes,
/// then `…`; a TCP payload and an HTTP body only their length (`TCP
/// payload (1460 bytes)`, `File Data: 162 bytes`); text longer than
/// `longestText` is cut and its label marked `[truncated]`.
public enum PacketTree {
  /// The tree, one line per item, each ending in a newline.
  ///
  /// - Parameters:
  ///   - byteRanges: append each item's bytes as ` [first..last]`
  ///     (inclusive, absolute offsets); generated items have none.
  ///   - colour: headlines bold in their layer colour, generated items dim.
  public static func render(_ d: Dissection, byteRanges: Bool = false, colour: Bool = false) -> String {
    var out = ByteWriter(capacity: 4096)
    append(d, byteRanges: byteRanges, colour: colour, to: &out)
    return out.text
  }

  /// The fields the tree shows (for `Dissector.restrict(to:)`): all but
  /// the addresses' hidden text copies, which it would leave out.
  public static let fieldsShown: [FieldID] = Registry.allFields.filter { !PacketSummaries.addressTexts.contains($0) }

  /// Writes the tree (`render`) into `out`.
  public static func append(_ d: Dissection, byteRanges: Bool = false, colour: Bool = false, to out: inout ByteWriter) {
    // Read once, not per line: each read of a static checks that it was
    // initialised, and each of the Dissection's arrays is retained.
    let openers = Dissection.subtreeOpeners
    let declarations = declarations
    let labels = labels
    let records = d.records
    let layers = d.layers
    let packet = d.packet
    var layer = -1
    let reassemblyItems = ReassemblyText.fields
    let special = specialFields
    // Where the data of the last list of reassembled parts starts.
    var listStart: Int32 = 0
    for index in records.indices {
      let record = records[index]
      while layer + 1 < layers.count && layers[layer + 1].firstRecord <= index { layer += 1 }
      guard !record.flags.contains(.hidden) else { continue }
      let isSpecial = special.contains(record.field)
      if isSpecial, reassemblyItems.contains(record.field) {
        let list = ReassemblyText.isList(record.field)
        if list { listStart = record.offset }
        indent(Int(record.depth), to: &out)
        let label = labels[Int(record.field.raw)]
        if colour {
          let text =
            list
            ? ReassemblyText.listLabel(d, at: index, label: label)
            : ReassemblyText.partLabel(record, listStart: listStart)
          out.append(ANSI.paint("[" + text + "]", ANSI.dim))
        } else {
          out.append(UInt8(ascii: "["))
          if list {
            ReassemblyText.appendListLabel(d, at: index, label: label, to: &out)
          } else {
            ReassemblyText.appendPartLabel(record, listStart: listStart, to: &out)
          }
          out.append(UInt8(ascii: "]"))
        }
        if byteRanges && record.length > 0 {
          appendByteRange(
            first: UInt64(clamping: record.offset), last: UInt64(clamping: Int(record.offset) + Int(record.length) - 1), to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        continue
      }
      if isSpecial, layer >= 0, openers.contains(record.field) {
        let headings = d.headings(ofLayer: layer, before: index)
        for (k, heading) in headings.enumerated() {
          indent(Int(record.depth) - headings.count + k, to: &out)
          out.append(heading)
          out.append(UInt8(ascii: "\n"))
        }
      }
      indent(Int(record.depth), to: &out)
      let decl = declarations + Int(record.field.raw)
      if case .protocolItem = decl.pointee.kind, let owner = layerIndex(of: record, at: index, last: layer, in: layers) {
        if colour {
          let text = d.headline(ofLayer: owner)
          out.append(ANSI.paint(text, ANSI.bold + ";" + (ANSI.layerCode(record.field.protocolID) ?? "39")))
        } else {
          d.appendHeadline(ofLayer: owner, to: &out)
        }
      } else if colour && record.flags.contains(.generated) {
        out.append(ANSI.paint(fieldText(record, decl: decl.pointee, in: d), ANSI.dim))
      } else {
        appendField(record, decl: decl, label: labels[Int(record.field.raw)], packet: packet, in: d, to: &out)
      }
      if byteRanges && record.length > 0 {
        appendByteRange(
          first: UInt64(clamping: record.offset), last: UInt64(clamping: Int(record.offset) + Int(record.length) - 1), to: &out)
      }
      out.append(UInt8(ascii: "\n"))
    }
  }

  /// The fields the tree words specially: reassembly's items and the
  /// records that open a subtree with headings. Most lines are neither,
  /// and one test tells them so.
  private static let specialFields = FieldIDSet(
    Registry.allFields.filter { ReassemblyText.fields.contains($0) || Dissection.subtreeOpeners.contains($0) })

  /// ` [first..last]`, both numbers written straight into the output:
  /// nearly every line of the tree ends in one.
  @inline(__always)
  private static func appendByteRange(first: UInt64, last: UInt64, to out: inout ByteWriter) {
    out.write(upTo: 45) { p in
      p[0] = UInt8(ascii: " ")
      p[1] = UInt8(ascii: "[")
      var n = 2 + writeDecimal(first, at: p + 2)
      p[n] = UInt8(ascii: ".")
      p[n + 1] = UInt8(ascii: ".")
      n += 2
      n += writeDecimal(last, at: p + n)
      p[n] = UInt8(ascii: "]")
      return n + 1
    }
  }

  /// Writes `value` in decimal at `p` (room for 20 digits) and answers
  /// how many digits it wrote: two digits per division, from a table.
  @inline(__always)
  private static func writeDecimal(_ value: UInt64, at p: UnsafeMutablePointer<UInt8>) -> Int {
    var count = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : 5
    if count == 5 {
      var rest = value / 100_000
      while rest > 0 {
        rest /= 10
        count += 1
      }
    }
    FieldText.writeDigits(value, count: count, at: p)
    return count
  }

  /// Four spaces per level: up to eight levels as four word stores (a
  /// loop of them would become a call to `memset`), deeper ones filled.
  @inline(__always)
  private static func indent(_ depth: Int, to out: inout ByteWriter) {
    let count = 4 * max(0, depth)
    guard count <= 32 else {
      return out.write(upTo: count) { p in
        p.initialize(repeating: UInt8(ascii: " "), count: count)
        return count
      }
    }
    out.write(upTo: 32) { p in
      let spaces: UInt64 = 0x2020_2020_2020_2020
      let raw = UnsafeMutableRawPointer(p)
      raw.storeBytes(of: spaces, as: UInt64.self)
      raw.storeBytes(of: spaces, toByteOffset: 8, as: UInt64.self)
      raw.storeBytes(of: spaces, toByteOffset: 16, as: UInt64.self)
      raw.storeBytes(of: spaces, toByteOffset: 24, as: UInt64.self)
      return count
    }
  }

  /// The layer whose protocol item `record` (at `index`) is: the last
  /// layer that starts at `index` with the record's protocol. Layers start
  /// in order, and `last` is the last that starts at or before `index`.
  private static func layerIndex(of record: FieldRecord, at index: Int, last: Int, in layers: [LayerSpan]) -> Int? {
    var k = last
    while k >= 0 && layers[k].firstRecord == index {
      if layers[k].protocolID == record.field.protocolID { return k }
      k -= 1
    }
    return nil
  }

  /// `Label: value`, the bit pattern in front of masked integers,
  /// brackets around generated fields.
  static func fieldText(_ record: FieldRecord, decl: FieldDecl, in d: Dissection) -> String {
    var out = ByteWriter(capacity: 128)
    withUnsafePointer(to: decl) {
      appendField(record, decl: $0, label: labels[Int(record.field.raw)], packet: d.packet, in: d, to: &out)
    }
    return out.text
  }

  /// Every field's declaration by `FieldID.raw`, read in place: copying a
  /// declaration out (`FieldID.decl`) retains and releases each of its
  /// references, which cost more than the rest of a line. Slots no field
  /// uses hold the frame's item. Written once, then only read.
  nonisolated(unsafe) private static let declarations: UnsafePointer<FieldDecl> = {
    let count = ProtocolID.allCases.count * 256
    let table = UnsafeMutablePointer<FieldDecl>.allocate(capacity: count)
    table.initialize(repeating: Registry.protocols[0].fields[0], count: count)
    for p in Registry.protocols {
      for (index, decl) in p.fields.enumerated() { table[Int(FieldID(p.id, index).raw)] = decl }
    }
    return UnsafePointer(table)
  }()

  /// Every field's label as UTF-8 by `FieldID.raw`, beside `declarations`:
  /// copied into a line without going through String. Written once, then
  /// only read.
  nonisolated(unsafe) private static let labels: UnsafePointer<UnsafeBufferPointer<UInt8>> = {
    func copy(_ label: String) -> UnsafeBufferPointer<UInt8> {
      let bytes = Array(label.utf8)
      let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
      _ = copy.initialize(from: bytes)
      return UnsafeBufferPointer(copy)
    }
    let count = ProtocolID.allCases.count * 256
    let table = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: count)
    // As in `declarations`, slots no field uses hold the frame's item: one
    // copy of its label for all of them (a copy each cost more at start
    // than a thousand packets' trees).
    table.initialize(repeating: copy(declarations[0].label), count: count)
    for p in Registry.protocols {
      for (index, decl) in p.fields.enumerated() { table[Int(FieldID(p.id, index).raw)] = copy(decl.label) }
    }
    return UnsafePointer(table)
  }()

  /// Byte fields show at most this many bytes, then `…`, as Wireshark's tree does.
  static let shownBytes = 36

  /// Writes `fieldText` into `out`; `label` is the field's from `labels`
  /// and `packet` the dissection's, both read once by the caller.
  static func appendField(
    _ record: FieldRecord, decl: UnsafePointer<FieldDecl>, label: UnsafeBufferPointer<UInt8>, packet: ByteView, in d: Dissection,
    to out: inout ByteWriter
  ) {
    let generated = record.flags.contains(.generated)
    if generated { out.append(UInt8(ascii: "[")) }
    let masked = decl.pointee.mask != 0 && decl.pointee.kind.isInteger && (1...8).contains(decl.pointee.containerBytes)
    let bits = masked ? containerBits(record, decl: decl, in: packet) : 0
    if masked {
      BitPattern.append(bits: bits, mask: decl.pointee.mask, bytes: decl.pointee.containerBytes, to: &out)
      out.append(" = ")
    }
    out.append(contentsOf: label)
    switch decl.pointee.kind {
    case .label, .protocolItem:
      break
    case .boolean:
      out.append(": ")
      let set = record.value != 0
      if let name = decl.pointee.values?.name(set ? 1 : 0) {
        out.append(name)
      } else {
        out.append((decl.pointee.mask != 0 ? (set ? "Set" : "Not set") : (set ? "True" : "False")))
      }
    case .ether where isBroadcast(d.valueBytes(record)):
      // The one Ethernet address tshark names without a lookup.
      out.append(": Broadcast (ff:ff:ff:ff:ff:ff)")
    case .bytes where record.field == .tcpPayload:
      // `TCP payload (1460 bytes)`: the label without its value.
      out.append(" (")
      appendByteCount(Int(record.length), to: &out)
      out.append(UInt8(ascii: ")"))
    case .string where record.field == .httpFileData:
      out.append(": ")
      appendByteCount(d.valueBytes(record).count, to: &out)
    case .string:
      appendString(record, in: d, labelled: label, to: &out)
    case .bytes where record.length > shownBytes && !record.flags.contains(.inArena):
      out.append(": ")
      FieldText.appendHex(packet.slice(Int(record.offset), shownBytes), to: &out)
      out.append("\u{2026}")
    default:
      out.append(": ")
      if decl.pointee.kind.isInteger, let names = decl.pointee.values {
        if names.countsBytes {
          FieldText.appendDecimal(record.value, to: &out)
          out.append(" bytes")
        } else {
          out.append((names.name(record.value) ?? "Unknown"))
        }
        if !names.nameAlone {
          // The number in parentheses is the field's own bits (`20 bytes (5)`).
          let raw = masked ? bits >> UInt64(decl.pointee.mask.trailingZeroBitCount) : record.value
          out.append(" (")
          if raw == record.value {
            FieldText.append(record, kind: decl.pointee.kind, base: decl.pointee.base, in: d, to: &out)
          } else {
            FieldText.appendInteger(raw, base: decl.pointee.base, bytes: decl.pointee.containerBytes, to: &out)
          }
          out.append(UInt8(ascii: ")"))
        }
      } else {
        FieldText.append(record, kind: decl.pointee.kind, base: decl.pointee.base, in: d, to: &out)
        if case .relativeTime = decl.pointee.kind { out.append(" seconds") }
      }
    }
    if generated { out.append(UInt8(ascii: "]")) }
  }

  /// Longest `Label: text` of a string field; longer text is cut, and the
  /// label marked `[truncated]`, as Wireshark cuts its item labels.
  static let longestText = 160

  /// Writes `: text` after the label already written, or, when the label
  /// and text are longer than `longestText`, ` [truncated]: ` and as much
  /// of the text as fits (whole characters).
  private static func appendString(
    _ record: FieldRecord, in d: Dissection, labelled label: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter
  ) {
    let start = out.count
    out.append(": ")
    // Written as Wireshark's tree writes a string: `format_text`.
    FieldText.appendFormatted(d.valueBytes(record), to: &out)
    guard label.count + out.count - start > longestText else { return }
    var text = ByteWriter(capacity: out.count - start)
    out.withBytes { text.append(contentsOf: UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[(start + 2)...])) }
    out.truncate(to: start)
    out.append(" [truncated]: ")
    var keep = longestText - label.count - 14
    text.withBytes { bytes in
      // Back off to the start of a character.
      while keep > 0 && keep < bytes.count && bytes[keep] & 0xc0 == 0x80 { keep -= 1 }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[..<min(keep, bytes.count)]))
    }
  }

  private static func isBroadcast(_ address: ByteView) -> Bool {
    address.count == 6 && (0..<6).allSatisfy { address.byte($0) == 0xff }
  }

  /// `1 byte`, `2 bytes`.
  private static func appendByteCount(_ count: Int, to out: inout ByteWriter) {
    FieldText.appendDecimal(UInt64(clamping: count), to: &out)
    out.append((count == 1 ? " byte" : " bytes"))
  }

  /// The field's bits in place in its container integer. Read from the
  /// packet where the record covers the container, since some values are
  /// scaled (`ip.hdr_len` holds bytes, the bits hold 32-bit words);
  /// otherwise rebuilt from the value (always for a little-endian one).
  private static func containerBits(_ record: FieldRecord, decl: UnsafePointer<FieldDecl>, in packet: ByteView) -> UInt64 {
    let bytes = decl.pointee.containerBytes
    let mask = decl.pointee.mask
    if Int(record.length) == bytes, record.flags.isDisjoint(with: [.inArena, .littleEndian]),
      let raw = packet.uint(at: Int(record.offset), length: bytes)
    {
      return raw & mask
    }
    return (record.value << UInt64(mask.trailingZeroBitCount)) & mask
  }
}
