import PacketWire

/// pcapng option codes this reader uses.
enum PcapngOption {
  static let endOfOptions: UInt16 = 0
  static let comment: UInt16 = 1
  static let interfaceName: UInt16 = 2
  static let interfaceDescription: UInt16 = 3
  static let timestampResolution: UInt16 = 9
  static let timestampOffset: UInt16 = 14

  /// Calls `body` with each option's code and value, in order. Stops at
  /// `opt_endofopt` or at the first option that does not fit in `view`
  /// (a malformed option list loses its tail, never the block).
  static func forEach(
    in view: ByteView, bigEndian: Bool, _ body: (_ code: UInt16, _ value: ByteView) -> Void
  ) {
    let bytes = OrderedBytes(view: view, bigEndian: bigEndian)
    var offset = 0
    while let code = bytes.uint16(at: offset), let length = bytes.uint16(at: offset + 2) {
      if code == endOfOptions { return }
      let valueStart = offset + 4
      guard view.contains(valueStart, Int(length)) else { return }
      body(code, view.slice(valueStart, Int(length)))
      offset = valueStart + ((Int(length) + 3) & ~3)
    }
  }

  /// An option's UTF-8 text, without the NUL padding some writers leave.
  static func string(_ value: ByteView) -> String {
    value.withUnsafeBytes { buffer in
      var text = buffer[...]
      while text.last == 0 { text = text.dropLast() }
      return String(decoding: text, as: UTF8.self)
    }
  }
}
