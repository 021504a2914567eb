/// ISO 8073/X.224 COTP, the connection-oriented transport protocol, as
/// TPKT carries it: each TPDU's length indicator and type, its
/// references, class, TPDU number and end-of-TSDU mark, and the
/// parameters of its variable part. A packet may hold several TPDUs, one
/// after the other. A first TPDU tshark refuses (unknown type, zero
/// length) leaves COTP out of the chain: the bytes are data.
enum COTP: UInt8, ProtocolModule {
  case item, li, type, destref, srcref, classNumber, extendedFormats, noExplicitFlowControl, tpduNumber, eot, cause,
    parameterCode, parameterLength, parameterValue, tpduSize, srcTSAP, srcTSAPBytes, dstTSAP, dstTSAPBytes

  static var protocolID: ProtocolID { .cotp }
  static var level: LayerLevel { .application }
  static let headerBits = 16
  static var variablePart: String? { "References, class, TPDU number, parameters; user data" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("cotp", "ISO 8073/X.224 COTP Connection-Oriented Transport Protocol")
    case .li: .uint("cotp.li", "Length", at: 0, bytes: 1, blurb: "Length Indicator, length of this header")
    case .type: .uint("cotp.type", "PDU Type", at: 1, bytes: 1, mask: 0xf0, base: .hex, values: .cotpTypes)
    case .destref: .loose("cotp.destref", "Destination reference", .uint(bytes: 2), base: .hex)
    case .srcref: .loose("cotp.srcref", "Source reference", .uint(bytes: 2), base: .hex)
    case .classNumber: .loose("cotp.class", "Class", .uint(bytes: 1), mask: 0xf0)
    case .extendedFormats: .loose("cotp.opts.extended_formats", "Extended formats", .boolean(bytes: 1), mask: 0x02)
    case .noExplicitFlowControl:
      .loose("cotp.opts.no_explicit_flow_control", "No explicit flow control", .boolean(bytes: 1), mask: 0x01)
    case .tpduNumber: .loose("cotp.tpdu-number", "TPDU number", .uint(bytes: 1), base: .hex, mask: 0x7f)
    case .eot: .loose("cotp.eot", "Last data unit", .boolean(bytes: 1), mask: 0x80, values: .yesNo)
    case .cause: .loose("cotp.cause", "Cause", .uint(bytes: 1), values: .cotpDisconnectReasons)
    case .parameterCode: .loose("cotp.parameter_code", "Parameter code", .uint(bytes: 1), base: .hex, values: .cotpParameters)
    case .parameterLength: .loose("cotp.parameter_length", "Parameter length", .uint(bytes: 1))
    case .parameterValue: .loose("cotp.parameter_value", "Parameter value", .bytes)
    case .tpduSize: .loose("cotp.tpdu_size", "TPDU size", .uint(bytes: 1))
    case .srcTSAP: .loose("cotp.src-tsap", "Source TSAP", .string)
    case .srcTSAPBytes: .loose("cotp.src-tsap-bytes", "Source TSAP", .bytes)
    case .dstTSAP: .loose("cotp.dst-tsap", "Destination TSAP", .string)
    case .dstTSAPBytes: .loose("cotp.dst-tsap-bytes", "Destination TSAP", .bytes)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    while offset < c.capturedLength {
      guard let tpdu = try COTPTPDU.read(&c, at: offset) else {
        guard offset == 0 else { return .stop }
        // tshark hands a refused packet to data, when its first TPDU's
        // header fits in the length TPKT gave it.
        c.withdrawn = true
        let whole = c.length > Int(try c.uint8(0))
        return whole ? .data(at: c.start, end: c.end) : .stop
      }
      switch tpdu.rest {
      case .nextTPDU: offset = tpdu.end
      case .userData: return tpdu.end < c.length ? .data(at: c.start + tpdu.end, end: c.end) : .stop
      case .fragment: return .stop
      }
    }
    return .stop
  }
}
