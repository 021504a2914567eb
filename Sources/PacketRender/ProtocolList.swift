import PacketDissection

/// `protocols`: what pktsh dissects, and how each layer finds the next
/// (the dispatch tables of the declarations: `ethertype 0x0800 → ip`).
public enum ProtocolList {
  public static func render() -> String {
    var out = "Protocols:\n"
    var rows: [[String]] = []
    for proto in Registry.protocols {
      rows.append(["  " + proto.name, proto.label, "\(proto.level)"])
    }
    out += TextTable.render(rows)
    out += "\nBindings (table and value → the protocol that takes the payload):\n"
    var bindings: [(Binding, String)] = []
    for proto in Registry.protocols {
      for binding in proto.bindings { bindings.append((binding, proto.name)) }
    }
    let order = DispatchTable.allCases
    bindings.sort { a, b in
      a.0.table != b.0.table
        ? (order.firstIndex(of: a.0.table) ?? 0) < (order.firstIndex(of: b.0.table) ?? 0) : a.0.value < b.0.value
    }
    out += TextTable.render(bindings.map { ["  " + $0.0.table.rawValue + " " + key($0.0), "→ " + $0.1] })
    return out
  }

  /// EtherTypes and Linux protocol numbers in hex, as they are written; the rest in decimal.
  private static func key(_ binding: Binding) -> String {
    switch binding.table {
    case .ethertype, .sllProtocol, .greProto, .pppProtocol, .chdlcProtocol:
      let digits = String(binding.value, radix: 16)
      return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    default:
      return String(binding.value)
    }
  }
}
