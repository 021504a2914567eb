/// RESP, the REdis Serialization Protocol (version 2), on TCP port 6379:
/// every element of the segment (`RESPReader`), with no reassembly.
enum RESP: UInt8, ProtocolModule {
  case item, string, error, bulkString, bulkStringLength, bulkStringValue, integer, array, arrayLength, fragment

  static var protocolID: ProtocolID { .resp }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.tcpPort, UInt32(port))]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("resp", "REdis Serialization Protocol")
    case .string: .loose("resp.string", "String", .string)
    case .error: .loose("resp.error", "Error", .string)
    case .bulkString: .loose("resp.bulk_string", "Bulk String", .label)
    case .bulkStringLength: .loose("resp.bulk_string.length", "Length", .int(bytes: 4))
    case .bulkStringValue: .loose("resp.bulk_string.value", "Value", .bytes)
    case .integer: .loose("resp.integer", "Integer", .int(bytes: 8))
    case .array: .loose("resp.array", "Array", .label)
    case .arrayLength: .loose("resp.array.length", "Length", .int(bytes: 8))
    case .fragment: .loose("resp.fragment", "Fragment", .label)
    }
  }

  static let port: UInt16 = 6379

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let bytes = c.bytes
    for element in RESPReader.elements(bytes) {
      let depth = UInt8(truncatingIfNeeded: min(element.depth, 100) + 1)
      let line = element.lineLength + 2
      let start = element.start
      // Items over the line's CRLF stop at the captured bytes, as tshark's do.
      let lineBytes = min(line, bytes.count - start)
      switch element.kind {
      case .string, .error:
        // The value is the line after its type byte; the item covers that much.
        try c.add(element.kind == .string ? string : error, at: start + 1, max(0, element.lineLength - 1), depth: depth)
      case .integer:
        try c.add(integer, at: start, lineBytes, value: UInt64(bitPattern: element.number), depth: depth)
      case .nullBulkString:
        try c.add(bulkString, at: start, lineBytes, depth: depth)
        try c.add(bulkStringLength, at: start, lineBytes, value: UInt64(bitPattern: element.number), depth: depth + 1)
      case .bulkString:
        let whole = element.partial ? line + element.dataCount : line + element.dataCount + 2
        try c.add(bulkString, at: start, min(whole, bytes.count - start), depth: depth)
        try c.add(bulkStringLength, at: start, lineBytes, value: UInt64(bitPattern: element.number), depth: depth + 1)
        if element.dataCount > 0 {
          try c.add(bulkStringValue, at: element.dataStart, element.dataCount, depth: depth + 1)
        }
      case .array:
        try c.add(array, at: start, lineBytes, depth: depth)
        try c.add(arrayLength, at: start, lineBytes, value: UInt64(bitPattern: element.number), depth: depth + 1)
      case .fragment:
        try c.add(fragment, at: start, lineBytes, depth: depth)
      case .emptyLine:
        break
      }
    }
    return .stop
  }
}
