/// Writes pcapng blocks, little-endian, one section, nanosecond timestamps.
enum PcapngEncoder {
  static func sectionHeader(into out: inout [UInt8]) {
    out.appendLittleEndian(PcapngIndexer.BlockType.sectionHeader)
    out.appendLittleEndian(UInt32(28))
    out.appendLittleEndian(PcapngIndexer.byteOrderMagic)
    out.appendLittleEndian(UInt16(1))  // version 1.0
    out.appendLittleEndian(UInt16(0))
    out.appendLittleEndian(Int64(-1))  // section length not given
    out.appendLittleEndian(UInt32(28))
  }

  /// An Interface Description Block with if_name, if_description and
  /// if_tsresol = 9 (timestamps are written in nanoseconds).
  static func interfaceDescription(_ interface: CaptureInterface, into out: inout [UInt8]) -> String? {
    guard let linkType = UInt16(exactly: interface.linkType.rawValue) else {
      return "link type \(interface.linkType) does not fit in pcapng's 16 bits"
    }
    var body: [UInt8] = []
    body.appendLittleEndian(linkType)
    body.appendLittleEndian(UInt16(0))
    body.appendLittleEndian(interface.snapLength)
    var options: [(UInt16, [UInt8])] = []
    if let name = interface.name { options.append((PcapngOption.interfaceName, Array(name.utf8))) }
    if let text = interface.description {
      options.append((PcapngOption.interfaceDescription, Array(text.utf8)))
    }
    options.append((PcapngOption.timestampResolution, [TimestampResolution.nanoseconds.rawValue]))
    if let problem = appendOptions(options, to: &body) { return problem }
    return block(type: PcapngIndexer.BlockType.interfaceDescription, body: body, into: &out)
  }

  /// An Enhanced Packet Block for interface `id`, comments as opt_comment.
  static func enhancedPacket(_ packet: PacketRecord, interface id: Int, into out: inout [UInt8]) -> String? {
    guard let nanoseconds = packet.timestamp.nanosecondsSinceEpoch, nanoseconds >= 0 else {
      return "timestamp \(packet.timestamp) is outside what this writer supports (1970 to 2262)"
    }
    var options: [UInt8] = []
    let comments = packet.comments.map { (PcapngOption.comment, Array($0.utf8)) }
    if let problem = appendOptions(comments, to: &options) { return problem }
    let data = packet.bytes
    let padded = (data.count + 3) & ~3
    guard let captured = UInt32(exactly: data.count), let length = UInt32(exactly: 32 + padded + options.count)
    else { return "a packet of \(data.count) bytes is too large for pcapng" }
    // Written straight into `out`: packet bytes are copied once.
    out.appendLittleEndian(PcapngIndexer.BlockType.enhancedPacket)
    out.appendLittleEndian(length)
    out.appendLittleEndian(UInt32(id))
    out.appendLittleEndian(UInt32(UInt64(nanoseconds) >> 32))
    out.appendLittleEndian(UInt32(truncatingIfNeeded: nanoseconds))
    out.appendLittleEndian(captured)
    out.appendLittleEndian(UInt32(clamping: packet.originalLength))
    out.append(data)
    out.appendPadding(after: data.count)
    out.append(contentsOf: options)
    out.appendLittleEndian(length)
    return nil
  }

  /// Appends options and the closing opt_endofopt (nothing when empty).
  private static func appendOptions(_ options: [(UInt16, [UInt8])], to body: inout [UInt8]) -> String? {
    guard !options.isEmpty else { return nil }
    for (code, value) in options {
      guard let length = UInt16(exactly: value.count) else {
        return "an option of \(value.count) bytes is longer than pcapng allows (65535)"
      }
      body.appendLittleEndian(code)
      body.appendLittleEndian(length)
      body.append(contentsOf: value)
      body.appendPadding(after: value.count)
    }
    body.appendLittleEndian(PcapngOption.endOfOptions)
    body.appendLittleEndian(UInt16(0))
    return nil
  }

  private static func block(type: UInt32, body: [UInt8], into out: inout [UInt8]) -> String? {
    guard let length = UInt32(exactly: body.count + 12) else { return "a block is too large for pcapng" }
    out.appendLittleEndian(type)
    out.appendLittleEndian(length)
    out.append(contentsOf: body)
    out.appendLittleEndian(length)
    return nil
  }
}
