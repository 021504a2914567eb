/// WebSocket opcodes (RFC 6455 section 11.8), as Wireshark names them.
enum WebSocketNames {
  static let opcodes: [UInt64: String] = [
    0: "Continuation", 1: "Text", 2: "Binary", 8: "Connection Close", 9: "Ping", 10: "Pong",
  ]
}

extension ValueNames {
  static let webSocketOpcodes = ValueNames { WebSocketNames.opcodes[$0] }
}
