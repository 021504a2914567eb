import Foundation
import PacketDissection
import Testing

@testable import PacketRender

/// The layout diagrams: every protocol's against its committed text
/// (Goldens/layout/NAME.txt), and every field of the protocols the RFCs
/// draw starting and ending at the RFC's bit, both in the declarations and
/// in the drawn walls.
///
/// After a deliberate change, regenerate the texts with
/// `PKTSH_WRITE_LAYOUT_GOLDENS=1 swift test --filter LayoutTests` and read
/// the diff: the walls must still line up.
@Suite struct LayoutTests {
  static let writeGoldens = ProcessInfo.processInfo.environment["PKTSH_WRITE_LAYOUT_GOLDENS"] != nil

  static func golden(_ name: String) -> String { RenderPaths.goldens + "/layout/" + name + ".txt" }

  static func check(_ text: String, against name: String) throws {
    if writeGoldens {
      try text.write(toFile: golden(name), atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: golden(name), encoding: .utf8)
    #expect(text == expected, "\(name): the diagram differs from Goldens/layout/\(name).txt")
  }

  @Test(arguments: Registry.protocols.map(\.name))
  func diagramMatchesItsGolden(_ name: String) throws {
    let proto = try #require(Registry.protocols.first { $0.name == name })
    try Self.check(LayoutDiagram.render(proto), against: name)
  }

  /// A SYN with options (frame 55 of many-protocols.pcap): the options are
  /// drawn as the packet has them.
  @Test func liveDiagramShowsThePacketsOptions() throws {
    var text = ""
    try eachDissection(RenderPaths.corpus + "/real/many-protocols.pcap", limit: 55) { d in
      guard d.frame.number == 55 else { return }
      for (index, layer) in d.layers.enumerated() where layer.protocolID == .tcp {
        text += LayoutDiagram.render(d, layer: index)
      }
    }
    #expect(text.contains("|Kind = 2 (MSS) |  Length = 4   |       MSS Value = 1460        |"))
    #expect(text.contains("|Kind = 1 (NOP) | Kind = 3 (WS) |  Length = 3   |Shift count = 2|"))
    try Self.check(text, against: "live-tcp-syn")
  }

  /// (filter name, first bit, width in bits) of each field, from the RFC
  /// figures; bit 0 is the most significant bit of the first byte.
  static let rfcFields: [String: [(String, Int, Int)]] = [
    // RFC 791 section 3.1; DSCP and ECN: RFC 2474 and RFC 3168.
    "ip": [
      ("ip.version", 0, 4), ("ip.hdr_len", 4, 4), ("ip.dsfield", 8, 8), ("ip.dsfield.dscp", 8, 6),
      ("ip.dsfield.ecn", 14, 2), ("ip.len", 16, 16), ("ip.id", 32, 16), ("ip.flags", 48, 3),
      ("ip.flags.rb", 48, 1), ("ip.flags.df", 49, 1), ("ip.flags.mf", 50, 1), ("ip.frag_offset", 51, 13),
      ("ip.ttl", 64, 8), ("ip.proto", 72, 8), ("ip.checksum", 80, 16), ("ip.src", 96, 32), ("ip.dst", 128, 32),
    ],
    // RFC 9293 section 3.1, with bit 103 of its reserved bits taken by
    // Accurate ECN's AE flag.
    "tcp": [
      ("tcp.srcport", 0, 16), ("tcp.dstport", 16, 16), ("tcp.seq", 32, 32), ("tcp.ack", 64, 32),
      ("tcp.hdr_len", 96, 4), ("tcp.flags", 100, 12), ("tcp.flags.res", 100, 3), ("tcp.flags.ae", 103, 1),
      ("tcp.flags.cwr", 104, 1), ("tcp.flags.ece", 105, 1), ("tcp.flags.urg", 106, 1), ("tcp.flags.ack", 107, 1),
      ("tcp.flags.push", 108, 1), ("tcp.flags.reset", 109, 1), ("tcp.flags.syn", 110, 1), ("tcp.flags.fin", 111, 1),
      ("tcp.window_size_value", 112, 16), ("tcp.checksum", 128, 16), ("tcp.urgent_pointer", 144, 16),
    ],
    // RFC 768.
    "udp": [("udp.srcport", 0, 16), ("udp.dstport", 16, 16), ("udp.length", 32, 16), ("udp.checksum", 48, 16)],
    // RFC 792.
    "icmp": [("icmp.type", 0, 8), ("icmp.code", 8, 8), ("icmp.checksum", 16, 16)],
    // RFC 4443 section 2.1.
    "icmpv6": [("icmpv6.type", 0, 8), ("icmpv6.code", 8, 8), ("icmpv6.checksum", 16, 16)],
    // RFC 8200 section 3; the traffic class's DSCP and ECN: RFC 2474 and RFC 3168.
    "ipv6": [
      ("ipv6.version", 0, 4), ("ipv6.tclass", 4, 8), ("ipv6.tclass.dscp", 4, 6), ("ipv6.tclass.ecn", 10, 2),
      ("ipv6.flow", 12, 20), ("ipv6.plen", 32, 16), ("ipv6.nxt", 48, 8), ("ipv6.hlim", 56, 8),
      ("ipv6.src", 64, 128), ("ipv6.dst", 192, 128),
    ],
    // RFC 8200 sections 4.3 to 4.6.
    "ipv6.hopopts": [("ipv6.hopopts.nxt", 0, 8), ("ipv6.hopopts.len", 8, 8)],
    "ipv6.dstopts": [("ipv6.dstopts.nxt", 0, 8), ("ipv6.dstopts.len", 8, 8)],
    "ipv6.routing": [
      ("ipv6.routing.nxt", 0, 8), ("ipv6.routing.len", 8, 8), ("ipv6.routing.type", 16, 8),
      ("ipv6.routing.segleft", 24, 8),
    ],
    "ipv6.fraghdr": [
      ("ipv6.fraghdr.nxt", 0, 8), ("ipv6.fraghdr.reserved_octet", 8, 8), ("ipv6.fraghdr.offset", 16, 13),
      ("ipv6.fraghdr.reserved_bits", 29, 2), ("ipv6.fraghdr.more", 31, 1), ("ipv6.fraghdr.ident", 32, 32),
    ],
    // RFC 826 (ar$hrd, ar$pro, ar$hln, ar$pln, ar$op).
    "arp": [
      ("arp.hw.type", 0, 16), ("arp.proto.type", 16, 16), ("arp.hw.size", 32, 8), ("arp.proto.size", 40, 8),
      ("arp.opcode", 48, 16),
    ],
    // IEEE 802.3 clause 3.2; the U/L and I/G bits are the two low bits of
    // an address's first octet (IEEE 802 clause 8.2).
    "eth": [
      ("eth.dst", 0, 48), ("eth.dst.lg", 6, 1), ("eth.dst.ig", 7, 1), ("eth.src", 48, 48), ("eth.src.lg", 54, 1),
      ("eth.src.ig", 55, 1), ("eth.type", 96, 16),
    ],
    // IEEE 802.1Q clause 9.6: PCP, DEI, VID, then the EtherType.
    "vlan": [("vlan.priority", 0, 3), ("vlan.dei", 3, 1), ("vlan.id", 4, 12), ("vlan.etype", 16, 16)],
    "ieee8021ad": [("ieee8021ad.priority", 0, 3), ("ieee8021ad.dei", 3, 1), ("ieee8021ad.id", 4, 12)],
    // RFC 1035 section 4.1.1 (16 bits a row there); AD and CD: RFC 4035 section 3.2.
    "dns": [
      ("dns.id", 0, 16), ("dns.flags", 16, 16), ("dns.flags.response", 16, 1), ("dns.flags.opcode", 17, 4),
      ("dns.flags.authoritative", 21, 1), ("dns.flags.truncated", 22, 1), ("dns.flags.recdesired", 23, 1),
      ("dns.flags.recavail", 24, 1), ("dns.flags.z", 25, 1), ("dns.flags.authenticated", 26, 1),
      ("dns.flags.checkdisable", 27, 1), ("dns.flags.rcode", 28, 4), ("dns.count.queries", 32, 16),
      ("dns.count.answers", 48, 16), ("dns.count.auth_rr", 64, 16), ("dns.count.add_rr", 80, 16),
    ],
    // The tcpdump LINKTYPE_LINUX_SLL description (version 1).
    "sll": [
      ("sll.pkttype", 0, 16), ("sll.hatype", 16, 16), ("sll.halen", 32, 16), ("sll.src.other", 48, 64),
      ("sll.ltype", 112, 16),
    ],
    // The 4-byte address family of DLT_NULL.
    "null": [("null.family", 0, 32)],
  ]

  @Test(arguments: rfcFields.keys.sorted())
  func fieldsSitWhereTheRFCPutsThem(_ name: String) throws {
    let proto = try #require(Registry.protocols.first { $0.name == name })
    let rows = Self.rows(LayoutDiagram.render(proto))
    let boxes = LayoutDiagram.boxes(proto)
    for (field, start, width) in Self.rfcFields[name] ?? [] {
      let decl = try #require(proto.fields.first { $0.name == field }, "\(field) is not declared")
      #expect(decl.bits == BitRange(offset: start, width: width), "\(field): declared at \(String(describing: decl.bits))")
      // The walls before the first bit and after the last.
      for (bit, wall) in [(start, start % 32), (start + width - 1, (start + width - 1) % 32 + 1)] {
        let row = bit / 32
        try #require(row < rows.count, "\(field): row \(row) is not drawn")
        for line in rows[row] {
          let characters = Array(line)
          #expect(
            2 * wall < characters.count && characters[2 * wall] == "|",
            "\(field): no wall at column \(2 * wall) of row \(row): \(line)")
        }
      }
      // A field drawn as one box has no wall inside it.
      guard let box = boxes.first(where: { $0.name == field }), box.bits == [start..<(start + width)] else { continue }
      for bit in (start + 1)..<(start + width) where bit % 32 != 0 {
        for line in rows[bit / 32] {
          #expect(Array(line)[2 * (bit % 32)] != "|", "\(field): a wall inside it at bit \(bit): \(line)")
        }
      }
    }
  }

  /// The content lines of each row of a diagram: the lines between the
  /// `+` lines, after the title and the two rulers.
  static func rows(_ diagram: String) -> [[String]] {
    var rows: [[String]] = []
    var current: [String] = []
    for line in diagram.split(separator: "\n").dropFirst(3) {
      guard line.first == "|" || line.first == ":" || line.first == "+" else { break }
      if line.first == "+" {
        if !current.isEmpty { rows.append(current) }
        current = []
      } else {
        current.append(String(line))
      }
    }
    return rows
  }

  @Test func flagsAreWrittenDownwards() {
    let lines = LayoutDiagram.render(Registry.decl(.tcp)).split(separator: "\n")
    // As RFC 9293 draws the control bits, with AccECN's AE before them.
    #expect(lines.contains("|Header |     |A|C|E|U|A|P|R|S|F|                               |"))
    #expect(lines.contains("|Length | RES |E|W|C|R|C|S|S|Y|I|            Window             |"))
    #expect(lines.contains("|       |     | |R|E|G|K|H|T|N|N|                               |"))
    #expect(lines.contains("  PSH  Push (tcp.flags.push)"))
  }

  @Test func variablePartsAreDottedAsInRFC9293() {
    let lines = LayoutDiagram.render(Registry.decl(.udp)).split(separator: "\n")
    #expect(lines.suffix(4) == [
      "|                                                               :",
      ":                             Data                              :",
      ":                                                               |",
      "+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+",
    ])
  }

  @Test func tablesListEveryField() {
    let table = FieldTable.render(Registry.decl(.ip)).split(separator: "\n")
    #expect(table.count == Registry.decl(.ip).fields.count + 1)
    #expect(table.contains { $0.hasPrefix("ip.flags.df ") && $0.contains("FT_BOOLEAN") && $0.contains("49      1") })
    // Spaces collapsed: the key column is as wide as the widest binding.
    let protocols = ProtocolList.render().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    #expect(protocols.contains("ethertype 0x0800 → ip"))
    #expect(protocols.contains("ip.proto 6 → tcp"))
    #expect(protocols.contains("udp.port 53 → dns"))
  }
}
