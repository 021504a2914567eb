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
      out.append(
        FieldRecord(
          field: troubled ? error : fragment, depth: depth + 1, flags: .generated, offset: offset, length: 0,
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
