/// Wireshark's "Decode As": the payloads under one key of a dispatch table
/// (a TCP or UDP port, an IP protocol number, an EtherType) go to a
/// protocol the user chose, before the table's own binding and before any
/// heuristic, as `tshark -d tcp.port==8080,http` does.
public struct DecodeAsRule: Sendable, Equatable {
  public let table: DispatchTable
  public let key: UInt32
  public let protocolID: ProtocolID

  /// The rule, or why there is none: `table` must be one a user can name
  /// and `protocolID` one that binds (or looks by heuristic) in it.
  public static func make(table name: String, key: UInt64, protocolName: String) -> Result<DecodeAsRule, DecodeAsError> {
    guard let table = tables[name] else {
      return .failure(.unknownTable(name, known: tables.keys.sorted()))
    }
    guard key <= keyLimit(table) else { return .failure(.keyTooLarge(table.rawValue, limit: keyLimit(table))) }
    let candidates = Registry.protocols.filter { decodable($0, in: table) }
    guard let proto = candidates.first(where: { $0.name == protocolName }) else {
      return .failure(.notInTable(protocolName, table.rawValue, known: candidates.map(\.name).sorted()))
    }
    return .success(DecodeAsRule(table: table, key: UInt32(key), protocolID: proto.id))
  }

  /// The tables by the names a rule gives them (Wireshark's table names,
  /// and `eth.type` for the EtherType).
  private static let tables: [String: DispatchTable] = [
    "tcp.port": .tcpPort, "udp.port": .udpPort, "ip.proto": .ipProto, "ethertype": .ethertype, "eth.type": .ethertype,
  ]

  private static func keyLimit(_ table: DispatchTable) -> UInt64 { table == .ipProto ? 255 : 65535 }

  private static func decodable(_ proto: ProtocolDecl, in table: DispatchTable) -> Bool {
    proto.bindings.contains { $0.table == table } || proto.heuristicTables.contains(table)
  }
}

/// Why `decode … as` was refused.
public enum DecodeAsError: Error, Equatable {
  case unknownTable(String, known: [String])
  case keyTooLarge(String, limit: UInt64)
  case notInTable(String, String, known: [String])

  public var message: String {
    switch self {
    case .unknownTable(let name, let known):
      "decode as works on \(known.joined(separator: ", ")), not \(name)"
    case .keyTooLarge(let table, let limit):
      "a \(table) is at most \(limit)"
    case .notInTable(let proto, let table, let known):
      "\(proto) is not a protocol \(table) can lead to; one of: \(known.joined(separator: ", "))"
    }
  }
}

/// The rules in force, at most one a key of a table; the newest wins.
public struct DecodeAsRules: Sendable {
  public private(set) var rules: [DecodeAsRule] = []

  public init() {}

  public var isEmpty: Bool { rules.isEmpty }

  /// Adds `rule`, replacing the one for the same key of the same table.
  public mutating func add(_ rule: DecodeAsRule) {
    rules.removeAll { $0.table == rule.table && $0.key == rule.key }
    rules.append(rule)
  }

  public mutating func removeAll() { rules.removeAll() }

  /// The protocol chosen for `key` of `table`, if a rule chooses one
  /// (a few rules at most: a linear search).
  func protocolID(_ table: DispatchTable, _ key: UInt32) -> ProtocolID? {
    rules.first { $0.table == table && $0.key == key }?.protocolID
  }
}
