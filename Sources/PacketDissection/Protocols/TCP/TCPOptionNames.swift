/// The kinds of TCP options (`tcp.option_kind`), as Wireshark's Info
/// column abbreviates them: short enough for a layout diagram's boxes.
enum TCPOptionNames {
  static func kind(_ value: UInt64) -> String? {
    switch value {
    case 0: "EOL"
    case 1: "NOP"
    case 2: "MSS"
    case 3: "WS"
    case 4: "SACK_PERM"
    case 5: "SACK"
    case 8: "TS"
    default: nil
    }
  }
}

extension ValueNames {
  static let tcpOptionKinds = ValueNames(TCPOptionNames.kind, fitLayoutBoxes: true)
}
