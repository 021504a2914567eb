import PacketDissection
import Testing

/// Holds every dissector to the `KernelRead` facts its declaration states,
/// on crafted packets: a layer cut one byte before a field's prerequisite
/// lacks the field, a layer of exactly the prerequisite has it, and a
/// packet that breaks the field's condition lacks it.
@Suite struct KernelReadTests {
  /// A whole layer of each protocol with kernel facts, every condition
  /// met, and the frame bytes in front of it.
  static func crafted(_ id: ProtocolID) -> (prefix: [UInt8], layer: [UInt8])? {
    let ipv4Prefix = { (proto: UInt8, length: Int) in
      NestedFrame.ethernet(NestedFrame.ipv4(Array(repeating: 0, count: length), protocol: proto), type: 0x0800)
        .dropLast(length)
    }
    let ipv6Prefix = { (next: UInt8, length: Int) in
      NestedFrame.ethernet(NestedFrame.ipv6(Array(repeating: 0, count: length), next: next), type: 0x86dd)
        .dropLast(length)
    }
    switch id {
    case .eth: return ([], NestedFrame.ethernet([], type: 0x0800))
    case .vlan: return (NestedFrame.ethernet([], type: 0x8100), [0x20, 0x05, 0x08, 0x00])
    case .ip: return (NestedFrame.ethernet([], type: 0x0800), NestedFrame.ipv4([], protocol: 253))
    case .ipv6: return (NestedFrame.ethernet([], type: 0x86dd), NestedFrame.ipv6([], next: 59))
    case .tcp:
      let tcp: [UInt8] = [0x30, 0x39, 0, 0x50, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x12, 0x72, 0x10, 0, 0, 0, 0]
      return (Array(ipv4Prefix(6, tcp.count)), tcp)
    case .udp:
      let udp: [UInt8] = [0x30, 0x39, 0x30, 0x3a, 0, 8, 0, 0]
      return (Array(ipv4Prefix(17, udp.count)), udp)
    case .icmp:
      let icmp: [UInt8] = [8, 0, 0, 0, 0, 1, 0, 1]
      return (Array(ipv4Prefix(1, icmp.count)), icmp)
    case .icmpv6:
      let icmp: [UInt8] = [128, 0, 0, 0, 0, 1, 0, 1]
      return (Array(ipv6Prefix(58, icmp.count)), icmp)
    default: return nil
    }
  }

  /// How many times `field` is recorded in the frame `prefix + layer[..<count]`.
  static func occurrences(of field: FieldID, _ prefix: [UInt8], _ layer: [UInt8], count: Int) throws -> Int {
    var found = 0
    try dissectFrame(prefix + layer.prefix(count)) { d in found = Array(d.occurrences(of: field)).count }
    return found
  }

  /// The layer with `condition` broken, for the field at `bits`.
  static func breaking(_ condition: KernelCondition, at bits: BitRange, in layer: [UInt8]) -> [UInt8] {
    var broken = layer
    switch condition {
    case .typeNotLength:
      broken[bits.offset / 8] = 0
      broken[bits.offset / 8 + 1] = 0x10
    case .tcpHeaderComplete:
      broken[12] = 0x40
    }
    return broken
  }

  static var protocolsWithFacts: [ProtocolID] {
    Registry.protocols.filter { p in p.id != .frame && p.fields.contains { $0.kernel != nil } }.map(\.id)
  }

  @Test(arguments: protocolsWithFacts)
  func dissectorKeepsItsKernelFacts(_ id: ProtocolID) throws {
    let proto = Registry.decl(id)
    let (prefix, layer) = try #require(Self.crafted(id), "no crafted packet for \(proto.name)")
    for (index, decl) in proto.fields.enumerated() {
      let field = FieldID(id, index)
      switch decl.kernel {
      case .fixed(let after, let condition, _, let also)?:
        let bits = try #require(decl.bits, "\(decl.name) has a kernel fact but no fixed place")
        #expect(after <= layer.count && after * 8 >= bits.end, "\(decl.name): prerequisite \(after) before its bytes")
        for recorded in [field] + (also.map { [$0] } ?? []) {
          #expect(try Self.occurrences(of: recorded, prefix, layer, count: after - 1) == 0,
                  "\(decl.name): recorded from \(after - 1) bytes")
          #expect(try Self.occurrences(of: recorded, prefix, layer, count: after) == 1,
                  "\(decl.name): not recorded from \(after) bytes")
        }
        if let condition {
          let broken = Self.breaking(condition, at: bits, in: layer)
          #expect(try Self.occurrences(of: field, prefix, broken, count: broken.count) == 0,
                  "\(decl.name): recorded though \(condition) fails")
        }
      case .copies(let parts)?:
        #expect(decl.bits == nil, "\(decl.name): a copy has no place of its own")
        for (part, after) in parts {
          #expect(part.protocolID == id && part.decl.bits != nil, "\(decl.name): copies \(part.decl.name)")
          for count in [after - 1, after] {
            let expected = parts.filter { $0.after <= count }.count
            #expect(try Self.occurrences(of: field, prefix, layer, count: count) == expected,
                    "\(decl.name): not \(expected) copies from \(count) bytes")
          }
        }
      case .wireLength?, .capturedLength?:
        Issue.record("\(decl.name): only the frame has packet lengths")
      case nil:
        continue
      }
    }
  }
}
