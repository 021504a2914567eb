import PacketWire

/// What a program's dissector adds to RPC's Info after the procedure, read
/// from the arguments or results after the RPC header: Portmap's program
/// and port, NFS's file handle hash, name and error status.
enum RPCDetail {
  static func text(_ f: LayerFields, program: UInt64, version: UInt64, procedure: UInt64, isCall: Bool) -> String {
    let d = f.dissection
    guard f.layer + 1 < d.layers.count else { return "" }
    let body = XDRReader(packet: d.packet, offset: d.layers[f.layer + 1].start, end: d.layers[f.layer + 1].end)
    switch program {
    case 100_000: return PortmapDetail.text(body, version: version, procedure: procedure, isCall: isCall)
    case 100_003 where version == 3: return NFSDetail.textV3(body, procedure: procedure, isCall: isCall)
    case 100_005 where isCall && (procedure == 1 || procedure == 3):
      // MNT and UMNT name the directory.
      var arguments = body
      guard let path = arguments.opaque(limit: 1024) else { return "" }
      return " " + String(decoding: arguments.bytes(path), as: UTF8.self)
    default: return ""
    }
  }
}

/// Reads XDR (RFC 4506) items one after another, within bounds: nil past
/// the end.
struct XDRReader {
  let packet: ByteView
  var offset: Int
  let end: Int

  init(packet: ByteView, offset: Int, end: Int) {
    self.packet = packet
    self.offset = offset
    self.end = min(end, packet.count)
  }

  mutating func uint32() -> UInt32? {
    guard offset + 4 <= end, let value = packet.uint32(at: offset) else { return nil }
    offset += 4
    return value
  }

  /// A variable-length opaque item: its bytes' place, padded to four.
  mutating func opaque(limit: Int = 1024) -> Range<Int>? {
    guard let size = uint32(), Int(size) <= limit, offset + Int(size) <= end else { return nil }
    let range = offset..<offset + Int(size)
    offset += (Int(size) + 3) & ~3
    return range
  }

  func bytes(_ range: Range<Int>) -> [UInt8] { range.map { packet.byte($0) } }
}
