import PacketLanguage

/// What a program's guards have established about a packet before the
/// filter proper runs: which layers the dissector will produce, each once,
/// and where. Under a shape every field the filter reads has known
/// occurrences at known offsets, so the filter is a plain formula over
/// packet bytes. Dimensions the filter does not read are left at `none`.
struct Shape: Hashable {
  var ethernet = false
  /// Offset of the one 802.1Q tag.
  var vlan: UInt32?
  var network = Network.none
  var transport = Transport.none

  enum Network: Hashable {
    case none, arp
    /// An IPv4 header at this offset, version 4, header length 5 or more,
    /// total length covering the header and inside the frame.
    case ipv4(UInt32)
    /// An IPv6 header at this offset, version 6, payload inside the frame.
    case ipv6(UInt32)
  }

  enum Transport: Hashable {
    case none, tcp, udp, icmp, icmpv6

    var layer: Layer? {
      switch self {
      case .none: nil
      case .tcp: .tcp
      case .udp: .udp
      case .icmp: .icmp
      case .icmpv6: .icmpv6
      }
    }
  }

  func has(_ layer: Layer) -> Bool {
    switch layer {
    case .frame: true
    case .eth: ethernet
    case .vlan: vlan != nil
    case .arp: network == .arp
    case .ipv4: if case .ipv4 = network { true } else { false }
    case .ipv6: if case .ipv6 = network { true } else { false }
    case .tcp, .udp, .icmp, .icmpv6: transport.layer == layer
    }
  }

  /// Where `size` bytes at `offset` of `layer` are read from, when the shape has the layer.
  func source(_ layer: Layer, _ offset: UInt32, size: UInt32) -> Source? {
    guard has(layer) else { return nil }
    switch layer {
    case .frame: return .wireLength
    case .eth: return .absolute(offset, size: size)
    case .vlan: return vlan.map { .absolute($0 + offset, size: size) }
    case .arp: return nil
    case .ipv4, .ipv6, .tcp, .udp, .icmp, .icmpv6:
      switch network {
      case .ipv4(let at):
        // After the IPv4 header, offsets count from its variable end.
        return layer.isTransport ? .indexed(at + offset, size: size, header: at) : .absolute(at + offset, size: size)
      case .ipv6(let at): return .absolute(at + (layer.isTransport ? 40 : 0) + offset, size: size)
      default: return nil
      }
    }
  }
}

/// One occurrence of a field under a shape: when the dissector records it,
/// and its value as words (one for integers and IPv4 addresses).
struct Occurrence {
  var present: Predicate
  var words: [Value]
}

extension Check {
  /// The filter's meaning for packets of `shape`.
  func predicate(in shape: Shape) -> Predicate {
    switch self {
    case .and(let operands): return .all(operands.map { $0.predicate(in: shape) })
    case .or(let operands): return .any(operands.map { $0.predicate(in: shape) })
    case .xor(let operands):
      // Left to right: (a ^^ b) ^^ c.
      var parity = Predicate.no
      for operand in operands {
        let (x, y) = (parity, operand.predicate(in: shape))
        parity = .any([.all([x, .negation(y)]), .all([.negation(x), y])])
      }
      return parity
    case .not(let a): return .negation(a.predicate(in: shape))
    case .present(let s):
      guard s.field != nil else { return .constant(shape.has(s.layer)) }
      return .any(Check.occurrences(s, shape).map(\.present))
    case .nonzero(let s):
      return .any(Check.occurrences(s, shape).map { .all([$0.present, .test($0.words[0], .anyBits(s.mask ?? ~0))]) })
    case .compare(let s, let op, let operand):
      let found = Check.occurrences(s, shape)
      func holds(_ o: Occurrence, _ r: Relation) -> Predicate { relation(o.words, r, operand) }
      let somePresent = Predicate.any(found.map(\.present))
      switch op {
      case .equal: return .any(found.map { .all([$0.present, holds($0, .equal)]) })
      case .notEqual:
        return .all([somePresent] + found.map { .any([.negation($0.present), .negation(holds($0, .equal))]) })
      case .allEqual:
        return .all([somePresent] + found.map { .any([.negation($0.present), holds($0, .equal)]) })
      case .anyNotEqual: return .any(found.map { .all([$0.present, .negation(holds($0, .equal))]) })
      case .less: return .any(found.map { .all([$0.present, holds($0, .less)]) })
      case .lessOrEqual: return .any(found.map { .all([$0.present, holds($0, .lessOrEqual)]) })
      case .greater: return .any(found.map { .all([$0.present, holds($0, .greater)]) })
      case .greaterOrEqual: return .any(found.map { .all([$0.present, holds($0, .greaterOrEqual)]) })
      }
    case .member(let s, let items):
      return .any(Check.occurrences(s, shape).map { o in
        .all([o.present, .any(items.map { low, high in
          guard let high else { return relation(o.words, .equal, low) }
          return .all([relation(o.words, .greaterOrEqual, low), relation(o.words, .lessOrEqual, high)])
        })])
      })
    }
  }

  /// The field's occurrences in packets of `shape`: none when its layer is absent.
  static func occurrences(_ s: Subject, _ shape: Shape) -> [Occurrence] {
    guard let entry = s.field else { return [] }
    return entry.spots.compactMap { spot in
      let wordSizes: [UInt32] =
        switch entry.type {
        case .integer, .ipv4: [spot.size]
        case .ether: [4, 2]
        case .ipv6: [4, 4, 4, 4]
        }
      var words: [Value] = []
      var offset = spot.offset
      for size in wordSizes {
        guard let source = shape.source(spot.layer, offset, size: size) else { return nil }
        words.append(Value(source: source, operations: spot.operations))
        offset += size
      }
      if let mask = s.mask { words[0] = words[0].masked(mask) }
      var present = Predicate.yes
      switch spot.condition {
      case .typeNotLength:
        if let source = shape.source(spot.layer, spot.offset, size: 2) {
          present = .test(Value(source: source), .greater(1500))
        }
      case .tcpHeaderComplete:
        if let source = shape.source(.tcp, 12, size: 1) { present = .test(Value(source: source), .greaterOrEqual(0x50)) }
      case nil:
        break
      }
      return Occurrence(present: present, words: words)
    }
  }

  /// `words r operand`, as Wireshark compares: integers numerically,
  /// addresses word by word under the constant's prefix mask.
  private func relation(_ words: [Value], _ r: Relation, _ operand: Operand) -> Predicate {
    switch operand {
    case .integer(let c):
      return Predicate.compare(words[0], r, c)
    case .words(let constant, let masks):
      var kept: [(Value, UInt32)] = []
      var values: [UInt32] = []
      for (i, word) in words.enumerated() where i < constant.count && masks[i] != 0 {
        let mask = masks[i]
        kept.append((UInt64(mask) >= word.maximum ? word : word.masked(mask), mask))
        values.append(constant[i] & mask)
      }
      return Predicate.compare(words: kept, r, values)
    }
  }
}
