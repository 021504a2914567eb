/// Every declared protocol, and the indexes derived from the declarations:
/// fields by name, dissector tables by key.
public enum Registry {
  /// Declarations, indexed by `ProtocolID.rawValue`.
  public static let protocols: [ProtocolDecl] = ProtocolID.allCases.map(declaration)

  static func declaration(_ id: ProtocolID) -> ProtocolDecl {
    switch id {
    case .frame: Frame.decl
    case .eth: Ethernet.decl
    case .ethertype: Ethertype.decl
    case .vlan: VLAN.decl
    case .ieee8021ad: ServiceVLAN.decl
    case .sll: SLL.decl
    case .null: Null.decl
    case .raw: RawIP.decl
    case .arp: ARP.decl
    case .ip: IPv4.decl
    case .ipv6: IPv6.decl
    case .ipv6HopByHop: IPv6HopByHop.decl
    case .ipv6Routing: IPv6Routing.decl
    case .ipv6Fragment: IPv6Fragment.decl
    case .ipv6DestinationOptions: IPv6DestinationOptions.decl
    case .icmp: ICMP.decl
    case .icmpv6: ICMPv6.decl
    case .tcp: TCP.decl
    case .mptcp: TCP.multipath
    case .udp: UDP.decl
    case .dns: DNS.decl
    case .http: HTTP.decl
    case .data: PayloadData.decl
    case .malformed: Malformed.decl
    }
  }

  public static func decl(_ id: ProtocolID) -> ProtocolDecl { protocols[Int(id.rawValue)] }

  /// Field ids by filter name and by alias.
  public static let fieldsByName: [String: FieldID] = {
    var names: [String: FieldID] = [:]
    for proto in protocols {
      for (index, field) in proto.fields.enumerated() {
        let id = FieldID(proto.id, index)
        names[field.name] = names[field.name] ?? id
        for alias in field.aliases { names[alias] = id }
      }
    }
    return names
  }()

  /// The field called `name` (a filter name or a Scapy alias).
  public static func field(named name: String) -> FieldID? { fieldsByName[name] }

  /// Every field of every protocol, in declaration order.
  public static var allFields: [FieldID] {
    protocols.flatMap { p in p.fields.indices.map { FieldID(p.id, $0) } }
  }

  /// The protocol bound to `key` in `table`, if any.
  public static func lookup(_ table: DispatchTable, _ key: UInt32) -> ProtocolID? {
    FastTables.shared.lookup(table, key)
  }
}
