/// Differential: the compiled filter on the dissected packet (the truth)
/// against the BPF program that decides from raw bytes, on random filters
/// and packets. Wherever BPF says yes or no, the two must agree (traps
/// otherwise), as Tests/PacketBPFTests/EquivalenceTests checks on the corpus.
///
/// The filter is drawn from a grammar over the fields BPF supports, driven
/// by the input's bytes read from the end backwards; the packets are the
/// input read as a capture file (the seeds are capture files) and as one
/// packet of a link type the input chooses.
enum FilterTarget {
  static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
    var choices = Choices(data: data, remaining: size)
    let text = FilterGrammar.expression(&choices, depth: 0)
    let compiled: CompiledFilter
    do {
      compiled = CompiledFilter(try Checker().test(try Parser.expression(text)))
    } catch {
      // The grammar makes literals a field cannot hold (ip.ttl == 300),
      // which the checker refuses; nothing to compare then.
      return
    }
    let dissector = Dissector()
    dissector.restrict(to: compiled.fields)
    var fast: [UInt32: FastFilter?] = [:]
    func compare(_ record: PacketRecord) {
      let link = record.linkType.rawValue
      if fast[link] == nil { fast[link] = try? FastFilter(compiled.checked, linkType: record.linkType) }
      guard let filter = fast[link] ?? nil else { return }
      let decision = filter.decide(record)
      let truth = compiled.matches(dissector.dissect(record))
      if decision == .yes && !truth || decision == .no && truth {
        let bytes = (0..<min(record.bytes.count, 128)).map { hex(record.bytes.byte($0)) }.joined()
        fatalError("BPF says \(decision), dissection \(truth): '\(text)' on link type \(link), packet \(bytes)")
      }
    }
    if let file = FuzzInput.capture(data, size) {
      dissector.interfaces = file.interfaces
      var seen = 0
      _ = try? file.forEachPacket { record in
        compare(record)
        seen += 1
        return seen < 64
      }
    }
    // Each link type costs a BPF program: one, chosen by the input, per run.
    dissector.interfaces = []
    FuzzInput.eachLinkType(data, size, of: [choices.pick(FuzzInput.linkTypes)], compare)
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}

/// Bytes that make the grammar's choices, taken from the end of the
/// input; zeros once they run out.
struct Choices {
  let data: UnsafePointer<UInt8>
  var remaining: Int

  mutating func byte() -> UInt8 {
    guard remaining > 0 else { return 0 }
    remaining -= 1
    return data[remaining]
  }

  mutating func below(_ n: Int) -> Int { Int(byte()) % n }

  mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

  mutating func uint(bits: Int) -> UInt64 {
    var value: UInt64 = 0
    for _ in 0..<(bits + 7) / 8 { value = value << 8 | UInt64(byte()) }
    return bits >= 64 ? value : value & (1 << UInt64(bits) - 1)
  }
}

/// Filter text over the fields the BPF translation supports.
enum FilterGrammar {
  enum Kind { case unsigned(bits: Int), ipv4, ipv6, mac, flag }

  static let protocols = ["frame", "eth", "vlan", "arp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6"]

  static let fields: [(String, Kind)] = [
    ("frame.len", .unsigned(bits: 32)), ("frame.cap_len", .unsigned(bits: 32)),
    ("eth.type", .unsigned(bits: 16)), ("eth.src", .mac), ("eth.dst", .mac), ("eth.addr", .mac),
    ("vlan.id", .unsigned(bits: 12)), ("vlan.priority", .unsigned(bits: 3)), ("vlan.dei", .flag),
    ("vlan.etype", .unsigned(bits: 16)),
    ("ip.src", .ipv4), ("ip.dst", .ipv4), ("ip.addr", .ipv4), ("ip.proto", .unsigned(bits: 8)),
    ("ip.ttl", .unsigned(bits: 8)), ("ip.len", .unsigned(bits: 16)), ("ip.flags", .unsigned(bits: 8)),
    ("ip.flags.df", .flag), ("ip.flags.mf", .flag), ("ip.frag_offset", .unsigned(bits: 16)),
    ("ip.hdr_len", .unsigned(bits: 8)), ("ip.version", .unsigned(bits: 4)), ("ip.id", .unsigned(bits: 16)),
    ("ip.dsfield.dscp", .unsigned(bits: 6)), ("ip.checksum", .unsigned(bits: 16)),
    ("ipv6.src", .ipv6), ("ipv6.dst", .ipv6), ("ipv6.addr", .ipv6), ("ipv6.nxt", .unsigned(bits: 8)),
    ("ipv6.hlim", .unsigned(bits: 8)), ("ipv6.plen", .unsigned(bits: 16)), ("ipv6.flow", .unsigned(bits: 20)),
    ("ipv6.tclass", .unsigned(bits: 8)),
    ("tcp.port", .unsigned(bits: 16)), ("tcp.srcport", .unsigned(bits: 16)), ("tcp.dstport", .unsigned(bits: 16)),
    ("tcp.flags", .unsigned(bits: 12)), ("tcp.flags.syn", .flag), ("tcp.flags.ack", .flag),
    ("tcp.flags.fin", .flag), ("tcp.flags.reset", .flag), ("tcp.hdr_len", .unsigned(bits: 8)),
    ("tcp.window_size_value", .unsigned(bits: 16)), ("tcp.urgent_pointer", .unsigned(bits: 16)),
    ("udp.port", .unsigned(bits: 16)), ("udp.srcport", .unsigned(bits: 16)), ("udp.dstport", .unsigned(bits: 16)),
    ("udp.length", .unsigned(bits: 16)),
    ("icmp.type", .unsigned(bits: 8)), ("icmp.code", .unsigned(bits: 8)),
    ("icmpv6.type", .unsigned(bits: 8)), ("icmpv6.code", .unsigned(bits: 8)),
  ]

  static func expression(_ c: inout Choices, depth: Int) -> String {
    let choice = depth >= 4 ? c.below(3) : c.below(8)
    switch choice {
    case 0: return c.pick(protocols)
    case 1, 2: return comparison(&c)
    case 3: return c.pick(["!", "not "]) + expression(&c, depth: depth + 1)
    case 4: return "(" + expression(&c, depth: depth + 1) + ")"
    default:
      let op = c.pick([" && ", " || ", " xor ", " and ", " or "])
      return expression(&c, depth: depth + 1) + op + expression(&c, depth: depth + 1)
    }
  }

  static func comparison(_ c: inout Choices) -> String {
    let (name, kind) = c.pick(fields)
    let form = c.below(6)
    if form == 0 { return name }
    if form == 1 {
      let elements = (0...c.below(3)).map { _ in
        c.below(3) == 0 ? value(kind, &c) + ".." + value(kind, &c) : value(kind, &c)
      }
      return name + " in {" + elements.joined(separator: ", ") + "}"
    }
    if form == 2, case .unsigned = kind {
      return name + " & " + value(kind, &c) + c.pick(["", " == " + value(kind, &c), " != 0"])
    }
    let op = c.pick(["==", "!=", "<", "<=", ">", ">=", "===", "!=="])
    return name + " " + op + " " + value(kind, &c)
  }

  static func value(_ kind: Kind, _ c: inout Choices) -> String {
    switch kind {
    case .unsigned(let bits):
      let max = bits >= 64 ? UInt64.max : (1 << UInt64(bits)) - 1
      let v = c.pick([0, 1, max, c.uint(bits: 8), c.uint(bits: bits)])
      return c.below(4) == 0 ? "0x" + String(v, radix: 16) : String(v)
    case .flag:
      return c.pick(["0", "1", "true", "false"])
    case .ipv4:
      let address = (0..<4).map { _ in String(c.byte()) }.joined(separator: ".")
      return c.below(3) == 0 ? address + "/" + String(c.below(33)) : address
    case .ipv6:
      let groups = (0..<8).map { _ in String(c.uint(bits: 16), radix: 16) }
      let address = c.below(4) == 0 ? groups[0] + "::" + groups[7] : groups.joined(separator: ":")
      return c.below(3) == 0 ? address + "/" + String(c.below(129)) : address
    case .mac:
      return (0..<6).map { _ in String(c.byte(), radix: 16) }.joined(separator: c.pick([":", "-"]))
    }
  }
}
