import PacketWire

/// One element of BER-encoded bytes (X.690 section 8.1): its tag, and where
/// its contents start and end, as offsets into the reader's bytes.
struct BERElement {
  enum TagClass: UInt8 { case universal = 0, application = 1, context = 2, `private` = 3 }

  let tagClass: TagClass
  let constructed: Bool
  let tag: UInt32
  /// The identifier's first byte.
  let start: Int
  let contentStart: Int
  let contentEnd: Int
  /// Where the contents end as the length says: past `contentEnd` when
  /// the element was read `cut`.
  let declaredEnd: Int

  /// Whether the bytes end inside the element.
  var isCut: Bool { declaredEnd > contentEnd }
  var contentLength: Int { contentEnd - contentStart }
  /// Where the element ends: where its next sibling starts.
  var end: Int { contentEnd }

  func isUniversal(_ tag: UInt32) -> Bool { tagClass == .universal && self.tag == tag }
  func isContext(_ tag: UInt32) -> Bool { tagClass == .context && self.tag == tag }
}

/// Universal tags (X.680 section 8.4) the dissectors read.
enum BERTag {
  static let boolean: UInt32 = 1
  static let integer: UInt32 = 2
  static let bitString: UInt32 = 3
  static let octetString: UInt32 = 4
  static let null: UInt32 = 5
  static let oid: UInt32 = 6
  static let enumerated: UInt32 = 10
  static let utf8String: UInt32 = 12
  static let sequence: UInt32 = 16
  static let set: UInt32 = 17
  static let printableString: UInt32 = 19
  static let teletexString: UInt32 = 20
  static let ia5String: UInt32 = 22
  static let utcTime: UInt32 = 23
  static let generalizedTime: UInt32 = 24
  static let universalString: UInt32 = 28
  static let bmpString: UInt32 = 30
}

/// Reads BER and DER from bytes that may be hostile: every element must lie
/// inside the bytes and inside its parent, tags and lengths longer than
/// four bytes are refused, and so is the indefinite length (none of the
/// protocols read here may use it). A refused element reads as nil; the
/// callers then stop, as Wireshark stops at a malformed element. Walks that
/// recurse stop at `maximumDepth`.
struct BERReader {
  /// The bytes read, as captured.
  let view: ByteView

  /// Nesting deeper than this is not followed.
  static let maximumDepth = 24

  /// The element whose identifier is at `offset`, if it is whole before
  /// `end`. A `cut` element may end later: its contents are then taken to
  /// end at `end` (Wireshark reads a message's parts up to where the bytes
  /// stop).
  func element(at offset: Int, end: Int, cut: Bool = false) -> BERElement? {
    let end = min(end, view.count)
    guard offset >= 0, offset < end else { return nil }
    var at = offset
    let first = view.byte(at)
    at += 1
    var tag = UInt32(first & 0x1f)
    if tag == 0x1f {
      tag = 0
      var more = true
      var count = 0
      while more {
        guard at < end, count < 4 else { return nil }
        let byte = view.byte(at)
        tag = tag << 7 | UInt32(byte & 0x7f)
        more = byte & 0x80 != 0
        at += 1
        count += 1
      }
    }
    guard at < end else { return nil }
    let lengthByte = view.byte(at)
    at += 1
    var length = Int(lengthByte)
    if lengthByte & 0x80 != 0 {
      let count = Int(lengthByte & 0x7f)
      guard count >= 1, count <= 4, at + count <= end else { return nil }
      length = Int(view.uncheckedUInt(at: at, length: count))
      at += count
    }
    let declared = length
    if cut { length = min(length, end - at) }
    guard length <= end - at else { return nil }
    return BERElement(
      tagClass: BERElement.TagClass(rawValue: first >> 6)!, constructed: first & 0x20 != 0, tag: tag,
      start: offset, contentStart: at, contentEnd: at + length, declaredEnd: at + declared)
  }

  /// The element at `offset` as a walk over a message the bytes may cut
  /// reads it (Wireshark reads such a message's parts as far as the bytes
  /// go): a constructed element may run past `end`, and its parts are then
  /// read up to there; a primitive one must be whole.
  func part(at offset: Int, end: Int) -> BERElement? {
    guard let e = element(at: offset, end: end, cut: true), e.constructed || !e.isCut else { return nil }
    return e
  }

  /// The elements inside `e`, each read as `part(at:end:)`, up to the
  /// first that is not readable.
  func parts(of e: BERElement) -> [BERElement] {
    guard e.constructed else { return [] }
    var result: [BERElement] = []
    var at = e.contentStart
    while let part = part(at: at, end: e.contentEnd) {
      result.append(part)
      at = part.end
    }
    return result
  }

  /// The elements inside a constructed element, up to the first that is not whole.
  func children(of parent: BERElement) -> [BERElement] {
    guard parent.constructed else { return [] }
    var result: [BERElement] = []
    var at = parent.contentStart
    while let child = element(at: at, end: parent.contentEnd) {
      result.append(child)
      at = child.end
    }
    return result
  }

  /// The first element inside `parent`, if it is whole.
  func firstChild(of parent: BERElement) -> BERElement? {
    parent.constructed ? element(at: parent.contentStart, end: parent.contentEnd) : nil
  }

  /// A two's complement integer of one to eight bytes.
  func integer(_ e: BERElement) -> Int64? {
    guard e.contentLength >= 1, e.contentLength <= 8 else { return nil }
    let raw = view.uncheckedUInt(at: e.contentStart, length: e.contentLength)
    let shift = UInt64(64 - 8 * e.contentLength)
    return Int64(bitPattern: raw << shift) >> Int64(shift)
  }

  /// An unsigned integer of up to eight bytes (a leading zero byte aside).
  func unsigned(_ e: BERElement) -> UInt64? {
    var start = e.contentStart
    var count = e.contentLength
    if count == 9, view.byte(start) == 0 { start += 1; count -= 1 }
    guard count >= 1, count <= 8 else { return nil }
    return view.uncheckedUInt(at: start, length: count)
  }

  /// An object identifier in dotted form (`1.2.840.113549.1.1.11`), or nil
  /// when it is empty, ends inside a sub-identifier, or has one of more than
  /// 64 bits.
  func oidText(_ e: BERElement) -> String? {
    guard e.contentLength > 0 else { return nil }
    var parts: [String] = []
    var value: UInt64 = 0
    var pending = false
    for at in e.contentStart..<e.contentEnd {
      let byte = view.byte(at)
      guard value >> 57 == 0 else { return nil }
      value = value << 7 | UInt64(byte & 0x7f)
      pending = byte & 0x80 != 0
      if pending { continue }
      if parts.isEmpty {
        let first: UInt64 = value < 40 ? 0 : value < 80 ? 1 : 2
        parts.append(String(first))
        parts.append(String(value - 40 * first))
      } else {
        parts.append(String(value))
      }
      value = 0
    }
    return pending ? nil : parts.joined(separator: ".")
  }

  /// The element's contents.
  func contents(_ e: BERElement) -> ByteView { view.slice(e.contentStart, e.contentLength) }
}
