/// TPKT, ISO transport on TCP (RFC 1006), on TCP port 102 and on 3389
/// (where RDP runs over it): a version, a reserved byte and the length of
/// the packet, header included, before a COTP TPDU. As tshark, a segment
/// that does not start with version 3 is the continuation of an earlier
/// packet; with TCP reassembly, a packet (or header) cut short waits for
/// the segments with its rest. The segment's first packet is dissected.
enum TPKT: UInt8, ProtocolModule {
  case item, version, reserved, length, continuationData

  static var protocolID: ProtocolID { .tpkt }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.tcpPort, 102), Binding(.tcpPort, 3389)]
  static let headerBits = 32
  static var variablePart: String? { "COTP TPDU" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("tpkt", "TPKT - ISO on TCP - RFC1006")
    case .version: .uint("tpkt.version", "Version", at: 0, bytes: 1, blurb: "Version, only version 3 is defined")
    case .reserved: .uint("tpkt.reserved", "Reserved", at: 1, bytes: 1, blurb: "Reserved, should be 0")
    case .length: .uint("tpkt.length", "Length", at: 2, bytes: 2, blurb: "Length of data unit, including this header")
    case .continuationData: .loose("tpkt.continuation_data", "Continuation data", .bytes)
    }
  }

  static let currentVersion: UInt8 = 3

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard try c.uint8(0) == currentVersion else {
      try c.add(continuationData, at: 0, c.capturedLength)
      return .stop
    }
    if c.canDesegment {
      let declared = c.capturedLength >= 4 ? Int(try c.uint16(2)) : nil
      if declared ?? .max > c.capturedLength {
        // For a header cut short, one more segment: tshark asks no count
        // that a second request would contradict.
        c.needMore(at: 0, declared.map { $0 - c.capturedLength })
        c.withdrawn = true
        // tshark emptied Info before it asked.
        c.dissection.infoBeforeRequest = ""
        return .stop
      }
    }
    try c.fixed(version)
    try c.fixed(reserved)
    let declared = Int(try c.fixed(length))
    // Nothing captured after the header: no COTP, as in tshark.
    guard c.capturedLength > 4 else { return .stop }
    // A length under the header's own leaves COTP the rest of the segment.
    let end = declared >= 4 ? c.start + declared : c.end
    return .layer(.cotp, at: c.start + 4, end: end)
  }
}
