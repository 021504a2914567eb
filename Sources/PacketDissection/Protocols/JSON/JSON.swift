/// JavaScript Object Notation (RFC 8259), a body HTTP hands on by its
/// Content-Type (`application/json`; Wireshark's `json`). pktsh reads the
/// value as Wireshark's tree shows it: objects, arrays, each member with
/// its key and the paths Wireshark derives (`/[]/name`), and the scalar
/// values. A body that is not JSON throughout gets no fields, and nesting
/// deeper than `maximumDepth` stops the reading.
enum JSON: UInt8, ProtocolModule {
  case item, array, object, member, pathWithValue, memberWithValue
  case string, number, falseValue, nullValue, trueValue, key, path

  static var protocolID: ProtocolID { .json }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("json", "JavaScript Object Notation")
    case .array: .loose("json.array", "Array", .label)
    case .object: .loose("json.object", "Object", .label)
    case .member: .loose("json.member", "Member", .string)
    case .pathWithValue: .loose("json.path_with_value", "Path with value", .string)
    case .memberWithValue: .loose("json.member_with_value", "Member with value", .string)
    case .string: .loose("json.value.string", "String value", .string)
    case .number: .loose("json.value.number", "Number value", .string)
    case .falseValue: .loose("json.value.false", "False value", .label)
    case .nullValue: .loose("json.value.null", "Null value", .label)
    case .trueValue: .loose("json.value.true", "True value", .label)
    case .key: .loose("json.key", "Key", .string)
    case .path: .loose("json.path", "Path", .string)
    }
  }

  static let maximumDepth = 32

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let body = c.bytes.copyBytes()
    guard let value = JSONValue.parse(body, maximumDepth: maximumDepth) else { return .stop }
    record(&c, value, path: [], depth: 1)
    return .stop
  }

  /// Records a value and what it holds; `path` is its place (`/[]/name`),
  /// without the leading slash's first component.
  private static func record(_ c: inout LayerCursor, _ value: JSONValue, path: [UInt8], depth: UInt8) {
    let at = value.start
    let count = value.end - value.start
    switch value.kind {
    case .object(let members):
      c.computed(object, at: at, count, bytes: [], depth: depth)
      for m in members {
        let memberCount = m.value.end - m.keyStart
        let memberPath = path + Array("/".utf8) + m.key
        c.computed(member, at: m.keyStart, memberCount, bytes: m.key, depth: depth + 1)
        if let scalar = m.value.scalarText {
          c.computed(pathWithValue, at: m.keyStart, memberCount, bytes: memberPath + [0x3a] + scalar, depth: depth + 2, flags: .generated)
          c.computed(memberWithValue, at: m.keyStart, memberCount, bytes: m.key + [0x3a] + scalar, depth: depth + 2, flags: .generated)
        }
        record(&c, m.value, path: memberPath, depth: depth + 2)
        c.computed(key, at: m.keyStart, m.keyEnd - m.keyStart, bytes: m.key, depth: depth + 2)
        c.computed(self.path, at: m.keyStart, memberCount, bytes: memberPath, depth: depth + 2, flags: .generated)
      }
    case .array(let items):
      c.computed(array, at: at, count, bytes: [], depth: depth)
      for item in items { record(&c, item, path: path + Array("/[]".utf8), depth: depth + 1) }
    case .string(let text): c.computed(string, at: at, count, bytes: text, depth: depth)
    case .number: c.computed(number, at: at, count, bytes: value.scalarText ?? [], depth: depth)
    case .boolean(let truth): c.computed(truth ? trueValue : falseValue, at: at, count, bytes: [], depth: depth)
    case .null: c.computed(nullValue, at: at, count, bytes: [], depth: depth)
    }
  }
}
