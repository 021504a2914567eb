/// Names for the values of fields whose numbers mean little to a reader
/// of a layout diagram: the kinds of TCP options, as Wireshark's Info
/// column abbreviates them.
enum LayoutValueNames {
  static func name(_ field: String, _ value: UInt64) -> String? {
    switch (field, value) {
    case ("tcp.option_kind", 0): "EOL"
    case ("tcp.option_kind", 1): "NOP"
    case ("tcp.option_kind", 2): "MSS"
    case ("tcp.option_kind", 3): "WS"
    case ("tcp.option_kind", 4): "SACK_PERM"
    case ("tcp.option_kind", 5): "SACK"
    case ("tcp.option_kind", 8): "TS"
    default: nil
    }
  }
}
