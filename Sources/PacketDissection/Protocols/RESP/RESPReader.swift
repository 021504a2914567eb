import PacketWire

/// One element of a RESP payload, as `RESPReader` finds it.
struct RESPElement {
  enum Kind { case string, error, integer, bulkString, nullBulkString, array, fragment, emptyLine }
  var kind: Kind
  /// How many arrays hold the element (0 at the top).
  var depth: Int
  /// Offset of the type byte, from the payload's start.
  var start: Int
  /// The length of the first line, without its CRLF.
  var lineLength: Int
  /// An integer's value, or a bulk string's or array's declared length.
  var number: Int64 = 0
  /// A bulk string's captured bytes: offset and count.
  var dataStart = 0, dataCount = 0
  /// Whether a bulk string runs past the payload.
  var partial = false
  /// Whether the payload ends before the first line does.
  var unended = false
}

/// Walks a RESP (REdis Serialization Protocol, version 2) payload as
/// tshark 4.0 does with reassembly off: one element per line (a bulk
/// string takes its data after the line), arrays holding the elements
/// that follow, unknown types as fragments, down to 30 nested arrays.
/// A line with no end runs to the end of the payload.
struct RESPReader {
  static let maximumDepth = 30

  static func elements(_ bytes: ByteView) -> [RESPElement] {
    var result: [RESPElement] = []
    // For each open array, the elements it still expects.
    var open: [Int64] = []
    var at = 0
    while at < bytes.count {
      while let last = open.last, last <= 0 { open.removeLast() }
      let ended = lineEnd(bytes, from: at)
      let lineLength = ended ?? bytes.count - at
      let depth = open.count
      if !open.isEmpty { open[open.count - 1] -= 1 }
      let next = at + lineLength + 2
      var element = RESPElement(kind: .fragment, depth: depth, start: at, lineLength: lineLength, unended: ended == nil)
      switch bytes.byte(at) {
      case UInt8(ascii: "+"): element.kind = .string
      case UInt8(ascii: "-"): element.kind = .error
      case UInt8(ascii: ":"):
        element.kind = .integer
        element.number = number(bytes, at + 1, lineLength - 1)
      case UInt8(ascii: "$"):
        let declared = Int64(Int32(truncatingIfNeeded: number(bytes, at + 1, lineLength - 1)))
        element.number = declared
        if declared < 0 {
          element.kind = .nullBulkString
          at = next
        } else {
          element.kind = .bulkString
          let remaining = max(0, bytes.count - next)
          element.dataStart = next
          if remaining < Int(declared) + 2 {
            element.partial = true
            element.dataCount = remaining
            at = next + remaining
          } else {
            element.dataCount = Int(declared)
            at = next + Int(declared) + 2
          }
        }
        result.append(element)
        continue
      case UInt8(ascii: "*"):
        element.kind = .array
        element.number = number(bytes, at + 1, lineLength - 1)
        if element.number > 0 && depth <= maximumDepth { open.append(element.number) }
      default:
        if lineLength == 0 { element.kind = .emptyLine }
      }
      result.append(element)
      at = next
    }
    return result
  }

  /// The length of the line at `from` up to its CR or LF; nil when the
  /// payload ends first.
  static func lineEnd(_ bytes: ByteView, from: Int) -> Int? {
    var index = from
    while index < bytes.count {
      let byte = bytes.byte(index)
      if byte == 0x0d || byte == 0x0a { return index - from }
      index += 1
    }
    return nil
  }

  /// The decimal number at the start of `count` bytes at `from` (a sign,
  /// then digits), as `strtoll` reads it, saturating.
  static func number(_ bytes: ByteView, _ from: Int, _ count: Int) -> Int64 {
    var index = from
    let end = min(from + max(0, count), bytes.count)
    var negative = false
    if index < end, bytes.byte(index) == UInt8(ascii: "-") || bytes.byte(index) == UInt8(ascii: "+") {
      negative = bytes.byte(index) == UInt8(ascii: "-")
      index += 1
    }
    var value: Int64 = 0
    while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes.byte(index)) {
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes.byte(index) - UInt8(ascii: "0")))
      if overflow || overflow2 { return negative ? .min : .max }
      value = sum
      index += 1
    }
    return negative ? -value : value
  }
}
