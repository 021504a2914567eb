/// The Generic Security Service API's token framing (RFC 2743 section
/// 3.1), as SMB security blobs and LDAP SASL credentials carry it: an
/// initial context token (`[APPLICATION 0]`, the mechanism's OID, the
/// mechanism's token), handed to SPNEGO, the Kerberos mechanism or
/// NTLMSSP by that OID. A token without the framing is handed on by its
/// first bytes (NTLMSSP's signature, SPNEGO's choice tags), as tshark's
/// dissector does for the later tokens of a conversation.
enum GSSAPI: UInt8, ProtocolModule {
  case item, oid

  static var protocolID: ProtocolID { .gssapi }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("gss-api", "GSS-API Generic Security Service Application Program Interface")
    case .oid: .loose("gss-api.OID", "OID", .string)
    }
  }

  static let spnegoOID = "1.3.6.1.5.5.2"
  static let kerberosOID = "1.2.840.113554.1.2.2"
  static let microsoftKerberosOID = "1.2.840.48018.1.2.2"

  /// Whether `oid` names Kerberos (the IETF's or Microsoft's).
  static func isKerberos(_ oid: String) -> Bool { oid == kerberosOID || oid == microsoftKerberosOID }
  static let ntlmsspOID = "1.3.6.1.4.1.311.2.2.10"

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let ber = BERReader(view: c.bytes)
    guard c.capturedLength > 0 else { return .stop }
    guard c.bytes.byte(0) == 0x60 else {
      guard let next = mechanism(byContent: c, at: 0) else { return .stop }
      return .layer(next, at: c.start, end: c.end)
    }
    guard let token = ber.part(at: 0, end: c.capturedLength),
      let oidElement = ber.part(at: token.contentStart, end: token.contentEnd), oidElement.isUniversal(BERTag.oid),
      let text = ber.oidText(oidElement)
    else { return .stop }
    c.computed(oid, at: oidElement.contentStart, oidElement.contentLength, bytes: Array(text.utf8))
    let inner = oidElement.end
    switch text {
    case spnegoOID: return .layer(.spnego, at: c.start + inner, end: c.start + token.end)
    case kerberosOID, microsoftKerberosOID: return .layer(.spnegoKRB5, at: c.start + inner, end: c.start + token.end)
    case ntlmsspOID: return .layer(.ntlmssp, at: c.start + inner, end: c.start + token.end)
    default: return .stop
    }
  }

  /// The mechanism a token without the initial framing belongs to, by its
  /// first bytes: NTLMSSP's signature, or SPNEGO's `[0]` or `[1]` choice.
  static func mechanism(byContent c: LayerCursor, at offset: Int) -> ProtocolID? {
    if NTLMSSP.starts(c.packet, at: c.start + offset) { return .ntlmssp }
    guard offset < c.capturedLength else { return nil }
    let first = c.bytes.byte(offset)
    return first == 0xa0 || first == 0xa1 ? .spnego : nil
  }
}
