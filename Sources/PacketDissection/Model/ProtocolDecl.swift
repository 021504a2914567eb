/// The dissector tables through which a layer hands its payload on, as in
/// Wireshark (`dissector_add_uint("ethertype", 0x0800, ip_handle)`).
public enum DispatchTable: String, Sendable, CaseIterable {
  /// Capture link types (pcap `LINKTYPE_*`).
  case linkType = "link type"
  case ethertype = "ethertype"
  case ipProto = "ip.proto"
  case tcpPort = "tcp.port"
  case udpPort = "udp.port"
  /// BSD loopback address families (`null.family`, `loop.family`).
  case nullFamily = "null.family"
  /// Linux cooked capture protocol numbers for non-Ethernet payloads.
  case sllProtocol = "sll.ltype"
  /// GRE's protocol type (an EtherType, and a few numbers of GRE's own).
  case greProto = "gre.proto"
  /// PPP's protocol field (RFC 1661).
  case pppProtocol = "ppp.protocol"
  /// Cisco HDLC's protocol field (mostly EtherTypes).
  case chdlcProtocol = "chdlc.protocol"
}

/// How a protocol binds under the layer below: "ethertype 0x0800 → ip".
public struct Binding: Sendable, Hashable {
  public let table: DispatchTable
  public let value: UInt32
  public init(_ table: DispatchTable, _ value: UInt32) {
    self.table = table
    self.value = value
  }
}

/// How deep a protocol sits, so that dissection can stop at the deepest
/// layer a question needs.
public enum LayerLevel: Int, Sendable, Comparable {
  case frame, link, network, transport, application
  public static func < (a: LayerLevel, b: LayerLevel) -> Bool { a.rawValue < b.rawValue }
}

/// A protocol's declaration, gathered from its `ProtocolModule`: its
/// names, its fields and where it binds. Everything else (lookup by name,
/// the tree, hex highlighting, the fields table, the layout diagram, BPF)
/// is derived from it.
public struct ProtocolDecl: Sendable {
  public let id: ProtocolID
  /// The filter name, e.g. `ip`.
  public let name: String
  /// The tree label, e.g. `Internet Protocol Version 4`.
  public let label: String
  public let level: LayerLevel
  /// The fields, in the order Wireshark shows them, indexed by field
  /// number. The first is the protocol item itself.
  public let fields: [FieldDecl]
  public let bindings: [Binding]
  /// Tables the protocol's heuristic examines (`ProtocolModule.heuristicTables`).
  public let heuristicTables: [DispatchTable]
  /// The length of the fixed header in bits, for the layout diagram.
  public let headerBits: Int
  /// What follows the fixed header, as the RFC diagrams label it
  /// ("Options", "Data"); nil when nothing variable follows.
  public let variablePart: String?

  init<Module: ProtocolModule>(_ module: Module.Type) {
    let fields = Module.allCases.map(\.declaration)
    for (index, field) in Module.allCases.enumerated() {
      precondition(Int(field.rawValue) == index, "\(Module.self).\(field) is numbered by hand")
    }
    id = Module.protocolID
    name = fields[0].name
    label = fields[0].label
    level = Module.level
    self.fields = fields
    bindings = Module.bindings
    heuristicTables = Module.heuristicTables
    headerBits = Module.headerBits
    variablePart = Module.variablePart
  }
}
