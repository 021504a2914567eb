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
}

/// How a protocol binds under the layer below: "ethertype 0x0800 → ip".
public struct Binding: Sendable, Equatable {
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

/// A protocol, declared once: its names, its fields and where it binds.
/// Everything else (lookup by name, the tree, hex highlighting, the fields
/// table, the layout diagram) is derived from it; the function that walks
/// its bytes sits beside it and `Registry.dissect` calls it.
public struct ProtocolDecl: Sendable {
  public let id: ProtocolID
  /// The filter name, e.g. `ip`.
  public let name: String
  /// The tree label, e.g. `Internet Protocol Version 4`.
  public let label: String
  public let level: LayerLevel
  /// The fields, in the order Wireshark shows them. The first is the
  /// protocol item itself.
  public let fields: [FieldDecl]
  public let bindings: [Binding]
  /// The length of the fixed header in bits, for the layout diagram.
  public let headerBits: Int
  /// What follows the fixed header, as the RFC diagrams label it
  /// ("Options", "Data"); nil when nothing variable follows.
  public let variablePart: String?

  public init(
    _ id: ProtocolID, name: String, label: String, level: LayerLevel, fields: [FieldDecl],
    bindings: [Binding] = [], headerBits: Int = 0, variablePart: String? = nil) {
    self.id = id
    self.name = name
    self.label = label
    self.level = level
    self.fields = [FieldDecl(name, label, .protocolItem)] + fields
    self.bindings = bindings
    self.headerBits = headerBits
    self.variablePart = variablePart
  }

  /// The id of the field called `name`. Declarations name their own fields
  /// once, when they are first used; an unknown name is a programming error.
  public func field(_ name: String) -> FieldID {
    guard let index = fields.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("\(self.name) declares no field \(name)")
    }
    return FieldID(id, index)
  }

  /// The protocol item's own field id.
  public var itemID: FieldID { FieldID(id, 0) }
}
