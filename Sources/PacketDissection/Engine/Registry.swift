/// Every protocol: its declaration and its dissect function, and the
/// indexes derived from the declarations: fields by name, dissector tables
/// by key.
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

  /// Walks one layer of protocol `id`. A switch rather than a table of
  /// closures: every layer of every packet passes here, and a direct call
  /// costs neither a thunk nor a retain. Marker protocols (EtherType,
  /// MPTCP, the malformed marker) have no bytes of their own to walk.
  @inline(__always)
  static func dissect(_ id: ProtocolID, _ c: inout LayerCursor) throws(DissectionStop) -> Next {
    switch id {
    case .frame: try Frame.dissect(&c)
    case .eth: try Ethernet.dissect(&c)
    case .vlan: try VLAN.dissect(&c)
    case .ieee8021ad: try ServiceVLAN.dissect(&c)
    case .sll: try SLL.dissect(&c)
    case .null: try Null.dissect(&c)
    case .raw: try RawIP.dissect(&c)
    case .arp: try ARP.dissect(&c)
    case .ip: try IPv4.dissect(&c)
    case .ipv6: try IPv6.dissect(&c)
    case .ipv6HopByHop: try IPv6HopByHop.dissect(&c)
    case .ipv6Routing: try IPv6Routing.dissect(&c)
    case .ipv6Fragment: try IPv6Fragment.dissect(&c)
    case .ipv6DestinationOptions: try IPv6DestinationOptions.dissect(&c)
    case .icmp: try ICMP.dissect(&c)
    case .icmpv6: try ICMPv6.dissect(&c)
    case .tcp: try TCP.dissect(&c)
    case .udp: try UDP.dissect(&c)
    case .dns: try DNS.dissect(&c)
    case .http: try HTTP.dissect(&c)
    case .data: try PayloadData.dissect(&c)
    case .ethertype, .mptcp, .malformed: .stop
    }
  }

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
