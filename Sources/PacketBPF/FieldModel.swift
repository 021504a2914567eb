import PacketDissection

/// The layers whose fields a BPF program can read.
enum Layer: Hashable, CaseIterable, Sendable {
  case frame, eth, vlan, arp, ipv4, ipv6, tcp, udp, icmp, icmpv6

  var isTransport: Bool { [.tcp, .udp, .icmp, .icmpv6].contains(self) }
  /// Network and transport layers: an ICMP error or a tunnel adds more of them.
  var repeatsInside: Bool { [.ipv4, .ipv6, .tcp, .udp, .icmp, .icmpv6].contains(self) }

  /// The layer a protocol's own item stands for.
  init?(_ proto: ProtocolID) {
    switch proto {
    case .frame: self = .frame
    case .eth: self = .eth
    case .vlan: self = .vlan
    case .arp: self = .arp
    case .ip: self = .ipv4
    case .ipv6: self = .ipv6
    case .tcp: self = .tcp
    case .udp: self = .udp
    case .icmp: self = .icmp
    case .icmpv6: self = .icmpv6
    default: return nil
    }
  }
}

/// How a field's value compares: as an unsigned integer, or as an address
/// of several 32-bit words compared in order.
enum FieldType: Sendable {
  case integer, ipv4, ipv6, ether
}

/// Where one occurrence of a field sits in its layer, and what the
/// dissector must have read before it records it.
struct FieldSpot: Sendable {
  var layer: Layer
  /// Byte offset of the value's container from the layer's start (unused for frame lengths).
  var offset: UInt32
  /// Container bytes: 1, 2 or 4 for integers, 4 for IPv4, 6 for Ethernet, 16 for IPv6.
  var size: UInt32
  /// Applied to the container to get the value the dissector records.
  var operations: [ALU]
  /// Bytes of the layer the dissector reads before recording the field: a
  /// layer shorter than this (declared or captured) lacks it.
  var prerequisite: UInt32
  var condition: SpotCondition?
}

/// A field that the dissector records only when a value in the packet allows.
enum SpotCondition: Sendable {
  /// EtherType-or-length: the type field exists only above 1500.
  case typeNotLength
  /// TCP fields after the data offset need a data offset of at least 5.
  case tcpHeaderComplete
}

/// The fields a BPF program can test: those at fixed places in the
/// headers of `Layer`, recorded as their declarations place them.
/// Positions and masks come from the declarations; the table adds which
/// layer holds them, what the dissector reads first, and the few values
/// it computes (header lengths in bytes).
enum FieldModel {
  struct Entry: Sendable {
    var type: FieldType
    var spots: [FieldSpot]
    /// A flag: its constants may also be `true` and `false`.
    var isBoolean = false
    /// `frame.cap_len`, which only the capture knows.
    var captureLength = false
  }

  static let fields: [FieldID: Entry] = {
    var table: [FieldID: Entry] = [:]
    func add(
      _ name: String, _ layer: Layer, prerequisite: UInt32, _ condition: SpotCondition? = nil, operations: [ALU]? = nil
    ) {
      guard let id = Registry.field(named: name), let (type, spot) = declared(id, layer, prerequisite, condition) else {
        return
      }
      var s = spot
      if let operations { s.operations = operations }
      var isBoolean = false
      if case .boolean = id.decl.kind { isBoolean = true }
      table[id] = Entry(type: type, spots: [s], isBoolean: isBoolean)
    }
    /// A field with several occurrences, each placed like another field (with its own prerequisite).
    func union(_ name: String, _ parts: [(String, UInt32)]) {
      guard let id = Registry.field(named: name) else { return }
      var spots: [FieldSpot] = []
      var type: FieldType?
      for (part, prerequisite) in parts {
        guard let partID = Registry.field(named: part), let entry = table[partID], entry.spots.count == 1 else { return }
        var spot = entry.spots[0]
        spot.prerequisite = prerequisite
        spots.append(spot)
        type = entry.type
      }
      if let type { table[id] = Entry(type: type, spots: spots) }
    }
    for name in ["frame.len", "frame.cap_len"] {
      guard let id = Registry.field(named: name) else { continue }
      table[id] = Entry(
        type: .integer, spots: [FieldSpot(layer: .frame, offset: 0, size: 4, operations: [], prerequisite: 0)],
        captureLength: name == "frame.cap_len")
    }
    add("eth.dst", .eth, prerequisite: 6)
    add("eth.src", .eth, prerequisite: 12)
    add("eth.type", .eth, prerequisite: 14, .typeNotLength)
    union("eth.addr", [("eth.dst", 6), ("eth.src", 12)])
    for name in ["vlan.priority", "vlan.dei", "vlan.id"] { add(name, .vlan, prerequisite: 2) }
    add("vlan.etype", .vlan, prerequisite: 4, .typeNotLength)
    add("ip.version", .ipv4, prerequisite: 1)
    add("ip.hdr_len", .ipv4, prerequisite: 1, operations: [.and(0x0f), .lsh(2)])
    for name in ["ip.dsfield", "ip.dsfield.dscp", "ip.dsfield.ecn"] { add(name, .ipv4, prerequisite: 2) }
    add("ip.len", .ipv4, prerequisite: 4)
    add("ip.id", .ipv4, prerequisite: 6)
    for name in ["ip.flags", "ip.flags.rb", "ip.flags.df", "ip.flags.mf"] { add(name, .ipv4, prerequisite: 7) }
    add("ip.frag_offset", .ipv4, prerequisite: 8)
    add("ip.ttl", .ipv4, prerequisite: 9)
    add("ip.proto", .ipv4, prerequisite: 10)
    add("ip.checksum", .ipv4, prerequisite: 12)
    add("ip.src", .ipv4, prerequisite: 16)
    add("ip.dst", .ipv4, prerequisite: 20)
    union("ip.addr", [("ip.src", 16), ("ip.dst", 20)])
    add("ipv6.version", .ipv6, prerequisite: 1)
    for name in ["ipv6.tclass", "ipv6.tclass.dscp", "ipv6.tclass.ecn", "ipv6.flow"] { add(name, .ipv6, prerequisite: 4) }
    add("ipv6.plen", .ipv6, prerequisite: 6)
    add("ipv6.nxt", .ipv6, prerequisite: 7)
    add("ipv6.hlim", .ipv6, prerequisite: 8)
    add("ipv6.src", .ipv6, prerequisite: 24)
    add("ipv6.dst", .ipv6, prerequisite: 40)
    union("ipv6.addr", [("ipv6.src", 24), ("ipv6.dst", 40)])
    // IPv6 also records `ip.version` (hidden), from its own first byte.
    if let v4 = Registry.field(named: "ip.version"), let v6 = Registry.field(named: "ipv6.version"),
      let ipv4 = table[v4], let ipv6 = table[v6]
    {
      table[v4] = Entry(type: .integer, spots: ipv4.spots + ipv6.spots)
    }
    add("tcp.srcport", .tcp, prerequisite: 2)
    add("tcp.dstport", .tcp, prerequisite: 4)
    union("tcp.port", [("tcp.srcport", 4), ("tcp.dstport", 4)])
    // The data offset is recorded in bytes once the first 14 bytes are read.
    add("tcp.hdr_len", .tcp, prerequisite: 14, operations: [.and(0xf0), .rsh(2)])
    for name in ["tcp.flags", "tcp.flags.res", "tcp.flags.ae", "tcp.flags.cwr", "tcp.flags.ece", "tcp.flags.urg",
                 "tcp.flags.ack", "tcp.flags.push", "tcp.flags.reset", "tcp.flags.syn", "tcp.flags.fin"] {
      add(name, .tcp, prerequisite: 14, .tcpHeaderComplete)
    }
    add("tcp.window_size_value", .tcp, prerequisite: 16, .tcpHeaderComplete)
    add("tcp.checksum", .tcp, prerequisite: 18, .tcpHeaderComplete)
    add("tcp.urgent_pointer", .tcp, prerequisite: 20, .tcpHeaderComplete)
    add("udp.srcport", .udp, prerequisite: 2)
    add("udp.dstport", .udp, prerequisite: 4)
    union("udp.port", [("udp.srcport", 4), ("udp.dstport", 4)])
    add("udp.length", .udp, prerequisite: 6)
    // ICMP reads its whole 4-byte header before recording any of it.
    for name in ["icmp.type", "icmp.code", "icmp.checksum"] { add(name, .icmp, prerequisite: 4) }
    add("icmpv6.type", .icmpv6, prerequisite: 1)
    add("icmpv6.code", .icmpv6, prerequisite: 2)
    add("icmpv6.checksum", .icmpv6, prerequisite: 4)
    return table
  }()

  /// The spot a fixed field's declaration gives: container offset, width
  /// and mask, as the dissector's `fixed` reads it.
  private static func declared(_ id: FieldID, _ layer: Layer, _ prerequisite: UInt32, _ condition: SpotCondition?)
    -> (FieldType, FieldSpot)?
  {
    let decl = id.decl
    guard let bits = decl.bits else { return nil }
    let type: FieldType
    switch decl.kind {
    case .uint, .boolean: type = .integer
    case .ipv4: type = .ipv4
    case .ipv6: type = .ipv6
    case .ether: type = .ether
    default: return nil
    }
    var size = decl.containerBytes
    let leading = decl.mask == 0 ? 0 : decl.mask.leadingZeroBitCount - (64 - size * 8)
    var offset = (bits.offset - leading) / 8
    // A 3-byte container (the IPv6 flow label) is read as the 4 bytes ending with it.
    if size == 3 && offset > 0 && decl.mask != 0 {
      size = 4
      offset -= 1
    }
    guard [1, 2, 4, 6, 16].contains(size), offset >= 0, type != .integer || size <= 4 else { return nil }
    var operations: [ALU] = []
    if decl.mask != 0 {
      operations.append(.and(UInt32(truncatingIfNeeded: decl.mask)))
      if decl.mask.trailingZeroBitCount > 0 { operations.append(.rsh(UInt32(decl.mask.trailingZeroBitCount))) }
    }
    return (type, FieldSpot(layer: layer, offset: UInt32(offset), size: UInt32(size), operations: operations,
                            prerequisite: prerequisite, condition: condition))
  }
}
