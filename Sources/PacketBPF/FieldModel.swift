import PacketDissection

/// The layers whose fields a BPF program can read.
enum Layer: Hashable, CaseIterable, Sendable {
  case frame, eth, vlan, arp, ipv4, ipv6, tcp, udp, icmp, icmpv6

  var isTransport: Bool { [.tcp, .udp, .icmp, .icmpv6].contains(self) }
  /// Network and transport layers, which an ICMP error or a tunnel adds
  /// more of, and link layers, which tunnels (GRE, VXLAN, Geneve) add.
  var repeatsInside: Bool { [.eth, .vlan, .arp, .ipv4, .ipv6, .tcp, .udp, .icmp, .icmpv6].contains(self) }

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
public enum FieldType: Sendable {
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
typealias SpotCondition = KernelCondition

/// The fields a BPF program can test: those the declarations give a
/// `KernelRead` for, in the protocols of `Layer`. Positions and masks come
/// from the declarations, and so do the facts that the dissector
/// guarantees: what it reads before recording a field, the values that
/// decide whether it records it, and the values it computes (header
/// lengths in bytes).
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
    var copies: [(FieldID, [(of: FieldID, after: Int)])] = []
    var alsoRecorded: [(FieldID, FieldSpot)] = []
    for proto in Registry.protocols {
      guard let layer = Layer(proto.id) else { continue }
      for (index, decl) in proto.fields.enumerated() {
        let id = FieldID(proto.id, index)
        switch decl.kernel {
        case .fixed(let after, let condition, let wordsAsBytes, let also)?:
          guard let (type, spot) = declared(id, layer, UInt32(after), condition, wordsAsBytes: wordsAsBytes) else {
            continue
          }
          var isBoolean = false
          if case .boolean = decl.kind { isBoolean = true }
          table[id] = Entry(type: type, spots: [spot], isBoolean: isBoolean)
          if let also { alsoRecorded.append((also, spot)) }
        case .copies(let parts)?:
          copies.append((id, parts))
        case .wireLength?, .capturedLength?:
          var captured = false
          if case .capturedLength? = decl.kernel { captured = true }
          table[id] = Entry(
            type: .integer, spots: [FieldSpot(layer: layer, offset: 0, size: 4, operations: [], prerequisite: 0)],
            captureLength: captured)
        case nil:
          continue
        }
      }
    }
    // Each copy sits where its part does, with its own prerequisite.
    for (id, parts) in copies {
      var spots: [FieldSpot] = []
      var type: FieldType?
      for (part, after) in parts {
        guard let entry = table[part], entry.spots.count == 1 else { continue }
        var spot = entry.spots[0]
        spot.prerequisite = UInt32(after)
        spots.append(spot)
        type = entry.type
      }
      if let type, spots.count == parts.count { table[id] = Entry(type: type, spots: spots) }
    }
    for (id, spot) in alsoRecorded {
      guard let entry = table[id] else { continue }
      table[id] = Entry(type: .integer, spots: entry.spots + [spot])
    }
    return table
  }()

  /// The spot a fixed field's declaration gives: container offset, width
  /// and mask, as the dissector's `fixed` reads it.
  private static func declared(
    _ id: FieldID, _ layer: Layer, _ prerequisite: UInt32, _ condition: SpotCondition?, wordsAsBytes: Bool
  ) -> (FieldType, FieldSpot)? {
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
      // Words recorded as bytes: shift two places less to the right.
      let shift = decl.mask.trailingZeroBitCount - (wordsAsBytes ? 2 : 0)
      if shift > 0 { operations.append(.rsh(UInt32(shift))) }
      if shift < 0 { operations.append(.lsh(UInt32(-shift))) }
    }
    return (type, FieldSpot(layer: layer, offset: UInt32(offset), size: UInt32(size), operations: operations,
                            prerequisite: prerequisite, condition: condition))
  }
}
