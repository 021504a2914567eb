import PacketWire

/// The fields a layer shows for data put back together at this frame
/// (IPv4's `ip.fragment…`, IPv6's `ipv6.fragment…`, TCP's `tcp.segment…`).
struct IPReassembly {
  var fragments: FieldID
  var fragment: FieldID
  var overlap: FieldID
  var conflict: FieldID
  var multipleTails: FieldID
  var tooLong: FieldID
  var error: FieldID
  var count: FieldID
  var length: FieldID
  var data: FieldID

  /// Every one of them, for deciding whether a question reads any.
  var all: [FieldID] { [fragments, fragment, overlap, conflict, multipleTails, tooLong, error, count, length, data] }

  /// Puts `whole`'s bytes after the packet's and records, as Wireshark's
  /// tree lists them, the fragments item over those bytes, one line per
  /// fragment (by offset; one with conflicting bytes, a second tail or
  /// bytes past the end under the error field; its problems beneath it),
  /// the count, the length and the data. Answers where the datagram's
  /// bytes start; the layer's own item ends at `headerEnd`.
  func record(_ whole: IPDefragmenter.Reassembled, _ c: inout LayerCursor, headerEnd: Int) -> Int {
    c.headerEnd = headerEnd
    let d = c.dissection
    let at = d.appendReassembled(whole.data)
    for record in records(whole.fragments, length: whole.data.count, at: at, depth: c.depth + 1) { d.append(record) }
    return at
  }

  /// The records `record` makes for data of `length` bytes put together
  /// from `pieces`, whose bytes start at `at` in the packet, with the
  /// fragments item at `depth`.
  func records(_ pieces: [IPDefragmenter.Fragment], length: Int, at: Int, depth: UInt8) -> [FieldRecord] {
    let offset = Int32(clamping: at)
    let length = Int32(clamping: length)
    var out = [FieldRecord(field: fragments, depth: depth, flags: .generated, offset: offset, length: length, value: 0)]
    for f in pieces {
      let problems = [(f.overlap, overlap), (f.conflict, conflict), (f.multipleTails, multipleTails), (f.tooLong, tooLong)]
      // An overlap with the same bytes is no error.
      let troubled = f.conflict || f.multipleTails || f.tooLong
      // Each fragment's item covers its bytes in the data put together
      // (the tree's `payload: 0-13`), even those past its end (a fragment
      // too long), as Wireshark's do.
      out.append(
        FieldRecord(
          field: troubled ? error : fragment, depth: depth + 1, flags: .generated,
          offset: offset &+ Int32(clamping: max(0, f.offset)), length: Int32(clamping: max(0, f.length)),
          value: UInt64(f.frame)))
      for (set, field) in problems where set {
        out.append(FieldRecord(field: field, depth: depth + 2, flags: .generated, offset: offset, length: 0, value: 1))
      }
    }
    out.append(
      FieldRecord(
        field: count, depth: depth + 1, flags: .generated, offset: offset, length: 0, value: UInt64(pieces.count)))
    out.append(
      FieldRecord(field: self.length, depth: depth + 1, flags: .generated, offset: offset, length: 0, value: UInt64(length)))
    out.append(FieldRecord(field: data, depth: depth + 1, flags: .generated, offset: offset, length: length, value: 0))
    return out
  }
}

/// How the tree words the items of data put back together, as Wireshark's
/// reassembly code labels them: the list's item counts its parts and
/// names each (`2 Reassembled TCP Segments (30 bytes): #9(14), #11(16)`),
/// and each part's item says which of the data's bytes it gave
/// (`Frame: 9, payload: 0-13 (14 bytes)`).
public enum ReassemblyText {
  private static let kinds = [IPv4.reassembly, IPv6.reassembly, TCP.reassembly]
  private static let lists = FieldIDSet(kinds.map(\.fragments))
  private static let parts = FieldIDSet(kinds.flatMap { [$0.fragment, $0.error] })
  /// Wireshark's longest item label; a longer list's is cut there.
  static let longestLabel = 239

  /// The lists' and the parts' fields together, for a walk over records
  /// to hold once.
  public static let fields = FieldIDSet(kinds.flatMap { [$0.fragments, $0.fragment, $0.error] })

  /// Whether `field` heads a list of parts (`tcp.segments`, `ip.fragments`).
  @inline(__always) public static func isList(_ field: FieldID) -> Bool { lists.contains(field) }

  /// Whether `field` is one part's item (`tcp.segment`, `ip.fragment`, or its error field).
  @inline(__always) public static func isPart(_ field: FieldID) -> Bool { parts.contains(field) }

  /// The label of the list item at `index` of `d`'s records, whose parts
  /// are the part items one level below it that follow; `label` is the
  /// list field's label as UTF-8.
  public static func listLabel(_ d: Dissection, at index: Int, label: UnsafeBufferPointer<UInt8>) -> String {
    var out = ByteWriter(capacity: 256)
    appendListLabel(d, at: index, label: label, to: &out)
    return out.text
  }

  /// Writes `listLabel` into `out`.
  public static func appendListLabel(
    _ d: Dissection, at index: Int, label: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter
  ) {
    let records = d.records
    let list = records[index]
    var parts = 0
    var next = index + 1
    while next < records.count, records[next].depth > list.depth {
      if records[next].depth == list.depth + 1, isPart(records[next].field) { parts += 1 }
      next += 1
    }
    let start = out.count
    FieldText.appendDecimal(UInt64(parts), to: &out)
    out.append(UInt8(ascii: " "))
    out.append(contentsOf: label)
    out.append(" (")
    appendByteCount(Int(list.length), to: &out)
    out.append("): ")
    var first = true
    next = index + 1
    // Each part, until the label is past its longest: the rest would be cut.
    while next < records.count, records[next].depth > list.depth, out.count - start <= longestLabel {
      let part = records[next]
      next += 1
      guard part.depth == list.depth + 1, isPart(part.field) else { continue }
      if !first { out.append(", ") }
      first = false
      out.append(UInt8(ascii: "#"))
      FieldText.appendDecimal(part.value, to: &out)
      out.append(UInt8(ascii: "("))
      appendSigned(Int(part.length), to: &out)
      out.append(UInt8(ascii: ")"))
    }
    out.truncate(to: start + longestLabel)
  }

  /// The label of a part's item, `listStart` being where its list's data starts.
  public static func partLabel(_ part: FieldRecord, listStart: Int32) -> String {
    var out = ByteWriter(capacity: 64)
    appendPartLabel(part, listStart: listStart, to: &out)
    return out.text
  }

  /// Writes `partLabel` into `out`.
  public static func appendPartLabel(_ part: FieldRecord, listStart: Int32, to out: inout ByteWriter) {
    let first = UInt32(truncatingIfNeeded: Int(part.offset) - Int(listStart))
    let last = first &+ UInt32(truncatingIfNeeded: Int(part.length)) &- 1
    out.append("Frame: ")
    FieldText.appendDecimal(part.value, to: &out)
    out.append(", payload: ")
    FieldText.appendDecimal(UInt64(first), to: &out)
    out.append(UInt8(ascii: "-"))
    FieldText.appendDecimal(UInt64(last), to: &out)
    out.append(" (")
    appendByteCount(Int(part.length), to: &out)
    out.append(UInt8(ascii: ")"))
  }

  /// `1 byte`, `30 bytes`.
  private static func appendByteCount(_ count: Int, to out: inout ByteWriter) {
    appendSigned(count, to: &out)
    out.append(count == 1 ? " byte" : " bytes")
  }

  private static func appendSigned(_ value: Int, to out: inout ByteWriter) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    FieldText.appendDecimal(UInt64(value.magnitude), to: &out)
  }
}
