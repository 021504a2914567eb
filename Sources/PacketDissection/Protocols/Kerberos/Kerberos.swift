/// Kerberos V5 (RFC 4120) on UDP and TCP port 88; on TCP each message
/// follows a four-byte record mark. The messages (KDC requests and
/// replies, AP-REQ, AP-REP, KRB-ERROR) are read with `BERReader` down to
/// their principal names, realms, encryption types, tickets' and
/// encrypted parts' headers, and the pre-authentication data Wireshark
/// opens (an AP-REQ in PA-TGS-REQ, ETYPE-INFO2, PA-PAC-REQUEST). A
/// message cut by the segment's end is read as far as its bytes go.
enum Kerberos: UInt8, ProtocolModule {
  case item, recordMarkReserved, recordLength
  case asReq, asRep, tgsReq, tgsRep, apReq, apRep, krbError
  case pvno, msgType, padata, paDataElement, padataType, padataValue, includePAC, etypeInfo2Entry, info2Salt
  case reqBody, kdcOptions
  case kdcReserved, kdcForwardable, kdcForwarded, kdcProxiable, kdcProxy, kdcAllowPostdate, kdcPostdated, kdcUnused7,
    kdcRenewable, kdcUnused9, kdcUnused10, kdcOptHardwareAuth, kdcUnused12, kdcUnused13, kdcConstrainedDelegation,
    kdcCanonicalize, kdcRequestAnonymous, kdcUnused17, kdcUnused18, kdcUnused19, kdcUnused20, kdcUnused21, kdcUnused22,
    kdcUnused23, kdcUnused24, kdcUnused25, kdcDisableTransitedCheck, kdcRenewableOK, kdcEncTktInSkey, kdcUnused29,
    kdcRenew, kdcValidate
  case apOptions, apReserved, apUseSessionKey, apMutualRequired
  case cname, sname, nameType, cnameString, cNameString, snameString, sNameString
  case realm, crealm, from, till, rtime, nonce, etypeList, encType
  case ticket, tktVno, encPart, authenticator, encAuthorizationData, etype, kvno, cipher
  case ctime, cusec, stime, susec, errorCode, eText, eData

  static var protocolID: ProtocolID { .kerberos }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, 88), Binding(.tcpPort, 88)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("kerberos", "Kerberos")
    case .recordMarkReserved:
      .loose("kerberos.rm.reserved", "Reserved", .boolean(bytes: 4), mask: 0x8000_0000, values: .kerberosSet)
    case .recordLength: .loose("kerberos.rm.length", "Record Length", .uint(bytes: 4), mask: 0x7fff_ffff)
    case .asReq: .loose("kerberos.as_req_element", "as-req", .label)
    case .asRep: .loose("kerberos.as_rep_element", "as-rep", .label)
    case .tgsReq: .loose("kerberos.tgs_req_element", "tgs-req", .label)
    case .tgsRep: .loose("kerberos.tgs_rep_element", "tgs-rep", .label)
    case .apReq: .loose("kerberos.ap_req_element", "ap-req", .label)
    case .apRep: .loose("kerberos.ap_rep_element", "ap-rep", .label)
    case .krbError: .loose("kerberos.krb_error_element", "krb-error", .label)
    case .pvno: .loose("kerberos.pvno", "pvno", .uint(bytes: 4))
    case .msgType: .loose("kerberos.msg_type", "msg-type", .int(bytes: 4), values: .kerberosMessageTypes)
    case .padata: .loose("kerberos.padata", "padata", .uint(bytes: 4), blurb: "How many PA-DATA items")
    case .paDataElement: .loose("kerberos.PA_DATA_element", "PA-DATA", .label)
    case .padataType: .loose("kerberos.padata_type", "padata-type", .int(bytes: 4), values: .kerberosPADataTypes)
    case .padataValue: .loose("kerberos.padata_value", "padata-value", .bytes)
    case .includePAC: .loose("kerberos.include_pac", "include-pac", .boolean(bytes: 1), values: .kerberosBit)
    case .etypeInfo2Entry: .loose("kerberos.ETYPE_INFO2_ENTRY_element", "ETYPE-INFO2-ENTRY", .label)
    case .info2Salt: .loose("kerberos.info2_salt", "salt", .string)
    case .reqBody: .loose("kerberos.req_body_element", "req-body", .label)
    case .kdcOptions: .loose("kerberos.kdc_options", "kdc-options", .bytes)
    case .apOptions: .loose("kerberos.ap_options", "ap-options", .bytes)
    case .cname: .loose("kerberos.cname_element", "cname", .label)
    case .sname: .loose("kerberos.sname_element", "sname", .label)
    case .nameType: .loose("kerberos.name_type", "name-type", .int(bytes: 4), values: .kerberosNameTypes)
    case .cnameString: .loose("kerberos.cname_string", "cname-string", .uint(bytes: 4), blurb: "How many names")
    case .cNameString: .loose("kerberos.CNameString", "CNameString", .string)
    case .snameString: .loose("kerberos.sname_string", "sname-string", .uint(bytes: 4), blurb: "How many names")
    case .sNameString: .loose("kerberos.SNameString", "SNameString", .string)
    case .realm: .loose("kerberos.realm", "realm", .string)
    case .crealm: .loose("kerberos.crealm", "crealm", .string)
    case .from: .loose("kerberos.from", "from", .absoluteTime)
    case .till: .loose("kerberos.till", "till", .absoluteTime)
    case .rtime: .loose("kerberos.rtime", "rtime", .absoluteTime)
    case .nonce: .loose("kerberos.nonce", "nonce", .uint(bytes: 4))
    case .etypeList: .loose("kerberos.kdc-req-body.etype", "etype", .uint(bytes: 4), blurb: "How many encryption types")
    case .encType: .loose("kerberos.ENCTYPE", "ENCTYPE", .int(bytes: 4), values: .kerberosEncryptionTypes)
    case .ticket: .loose("kerberos.ticket_element", "ticket", .label)
    case .tktVno: .loose("kerberos.tkt_vno", "tkt-vno", .uint(bytes: 4))
    case .encPart: .loose("kerberos.enc_part_element", "enc-part", .label)
    case .authenticator: .loose("kerberos.authenticator_element", "authenticator", .label)
    case .encAuthorizationData: .loose("kerberos.enc_authorization_data_element", "enc-authorization-data", .label)
    case .etype: .loose("kerberos.etype", "etype", .int(bytes: 4), values: .kerberosEncryptionTypes)
    case .kvno: .loose("kerberos.kvno", "kvno", .uint(bytes: 4))
    case .cipher: .loose("kerberos.cipher", "cipher", .bytes)
    case .ctime: .loose("kerberos.ctime", "ctime", .absoluteTime)
    case .cusec: .loose("kerberos.cusec", "cusec", .uint(bytes: 4))
    case .stime: .loose("kerberos.stime", "stime", .absoluteTime)
    case .susec: .loose("kerberos.susec", "susec", .uint(bytes: 4))
    case .errorCode: .loose("kerberos.error_code", "error-code", .int(bytes: 4), values: .kerberosErrorCodes)
    case .eText: .loose("kerberos.e_text", "e-text", .string)
    case .eData: .loose("kerberos.e_data", "e-data", .bytes)
    case .apReserved, .apUseSessionKey, .apMutualRequired:
      Self.optionBit("kerberos.APOptions.", KerberosNames.apOptions, Int(rawValue - Self.apReserved.rawValue))
    default:
      Self.optionBit("kerberos.KDCOptions.", KerberosNames.kdcOptions, Int(rawValue - Self.kdcReserved.rawValue))
    }
  }

  /// One bit of an options BIT STRING, a field over the byte that holds it.
  private static func optionBit(_ prefix: String, _ names: [(name: String, label: String)], _ bit: Int) -> FieldDecl {
    .loose(prefix + names[bit].name, names[bit].label, .boolean(bytes: 1), mask: 0x80 >> UInt64(bit % 8), values: .kerberosBit)
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let layers = c.dissection.layers
    // A further record of a segment (`Next.furtherPDU`) is over TCP too.
    if layers.last?.listed == false || (layers.count >= 2 && layers[layers.count - 2].protocolID == .tcp) {
      // Every segment TCP hands on starts a record to tshark, which
      // follows its length across segments before it looks inside.
      let recordEnd = c.capturedLength >= 4 ? 4 + Int(try c.uint32(0) & 0x7fff_ffff) : nil
      if let recordEnd { TCPSegment.pdu(c, at: 0, length: recordEnd) }
      // With reassembly, a record cut short (or its mark) waits for the
      // segments with the rest, showing nothing.
      if c.canDesegment, recordEnd ?? .max > c.capturedLength {
        c.needMore(at: 0, recordEnd.map { $0 - c.capturedLength })
        c.withdrawn = true
        // tshark cleared Info before it asked.
        if layers.last?.listed != false { c.dissection.infoBeforeRequest = "" }
        return .stop
      }
      if let recordEnd { TCPSegment.dissectsPDU(c, at: 0, length: recordEnd) }
      // Several records may share a segment: tshark reads each in turn.
      let next: Next =
        if let recordEnd, recordEnd < c.length { .furtherPDU(.kerberos, at: c.start + recordEnd, end: c.end) } else { .stop }
      // One that starts no record (its reserved bit set, or no message of
      // the mark's length after it) continues an earlier record (whose
      // start was not seen), and no dissector is given it.
      guard c.capturedLength > 4, let mark = try? UInt64(c.uint32(0)), mark >> 31 == 0,
        KerberosWalk.messageTags.contains(c.bytes.byte(4)),
        let message = BERReader(view: c.bytes).element(at: 4, end: c.capturedLength, cut: true),
        message.declaredEnd == 4 + Int(mark)
      else {
        c.withdrawn = true
        return next
      }
      try c.add(recordMarkReserved, at: 0, 4, value: mark >> 31)
      try c.add(recordLength, at: 0, 4, value: mark & 0x7fff_ffff)
      c.limit(to: 4 + Int(mark))
      try walkMessage(c, at: 4)
      return next
    }
    try walkMessage(c, at: 0)
    return .stop
  }

  /// Reads the message that starts `offset` bytes into the layer.
  private static func walkMessage(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    let walk = KerberosWalk(c: c, ber: BERReader(view: c.bytes))
    guard let message = walk.ber.part(at: offset, end: c.capturedLength) else { return }
    try walk.message(message, depth: 1)
  }
}
