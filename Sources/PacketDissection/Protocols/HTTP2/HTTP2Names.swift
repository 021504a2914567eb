/// HTTP/2 frame types (RFC 9113 section 6, RFC 7838, RFC 8336, RFC 9218),
/// as Wireshark names them.
enum HTTP2Names {
  static let frameTypes: [UInt64: String] = [
    0: "DATA", 1: "HEADERS", 2: "PRIORITY", 3: "RST_STREAM", 4: "SETTINGS", 5: "PUSH_PROMISE", 6: "PING",
    7: "GOAWAY", 8: "WINDOW_UPDATE", 9: "CONTINUATION", 10: "ALTSVC", 11: "BLOCKED", 12: "ORIGIN",
    16: "PRIORITY_UPDATE",
  ]
}

extension ValueNames {
  static let http2FrameTypes = ValueNames { HTTP2Names.frameTypes[$0] }
}
