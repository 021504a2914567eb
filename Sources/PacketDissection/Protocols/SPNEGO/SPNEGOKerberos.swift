/// The Kerberos V5 GSS-API mechanism's tokens (RFC 4121 and 1964), as
/// Wireshark's SPNEGO dissector reads them under its `spnego-krb5` name:
/// the GSS framing's OID when present, the token ID, and the Kerberos
/// message of an AP-REQ, AP-REP or KRB-ERROR token (read by
/// `KerberosWalk`, with no `kerberos` layer of its own, as in tshark's
/// chain), and the headers of wrap and MIC tokens (`SPNEGOKerberosWrap`).
enum SPNEGOKerberos: UInt8, ProtocolModule {
  case item, blob, oid, tokenID
  case signingAlgorithm, sealingAlgorithm, sendSequence, checksum, confounder
  case cfxFlags, acceptorSubkey, sealed, sendByAcceptor, filler, cfxExtraCount, cfxRotationCount, cfxSequence

  static var protocolID: ProtocolID { .spnegoKRB5 }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("spnego-krb5", "SPNEGO-KRB5")
    case .blob: .loose("spnego.krb5.blob", "krb5_blob", .bytes)
    case .oid: .loose("spnego.krb5_oid", "KRB5 OID", .string)
    case .tokenID: .loose("spnego.krb5.tok_id", "krb5_tok_id", .uint(bytes: 2), base: .hex, values: .spnegoKerberosTokens)
    case .signingAlgorithm:
      .loose("spnego.krb5.sgn_alg", "krb5_sgn_alg", .uint(bytes: 2), base: .hex, values: .spnegoKerberosSigning)
    case .sealingAlgorithm:
      .loose("spnego.krb5.seal_alg", "krb5_seal_alg", .uint(bytes: 2), base: .hex, values: .spnegoKerberosSealing)
    case .sendSequence: .loose("spnego.krb5.snd_seq", "krb5_snd_seq", .bytes)
    case .checksum: .loose("spnego.krb5.sgn_cksum", "krb5_sgn_cksum", .bytes)
    case .confounder: .loose("spnego.krb5.confounder", "krb5_confounder", .bytes)
    case .cfxFlags: .loose("spnego.krb5.cfx_flags", "krb5_cfx_flags", .uint(bytes: 1), base: .hex)
    case .acceptorSubkey:
      .loose("spnego.krb5.acceptor_subkey", "AcceptorSubkey", .boolean(bytes: 1), mask: 0x04, values: .spnegoSet)
    case .sealed: .loose("spnego.krb5.sealed", "Sealed", .boolean(bytes: 1), mask: 0x02, values: .spnegoSet)
    case .sendByAcceptor:
      .loose("spnego.krb5.send_by_acceptor", "SendByAcceptor", .boolean(bytes: 1), mask: 0x01, values: .spnegoSet)
    case .filler: .loose("spnego.krb5.filler", "krb5_filler", .bytes)
    case .cfxExtraCount: .loose("spnego.krb5.cfx_ec", "krb5_cfx_ec", .uint(bytes: 2))
    case .cfxRotationCount: .loose("spnego.krb5.cfx_rrc", "krb5_cfx_rrc", .uint(bytes: 2))
    case .cfxSequence: .loose("spnego.krb5.cfx_seq", "krb5_cfx_seq", .uint(bytes: 8))
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let verifier = SPNEGO.verifier(after: c)
    try token(c, 0..<(verifier?.lowerBound ?? c.capturedLength))
    if let verifier {
      c.listAgain()
      try token(c, verifier)
    }
    // A token the segment cuts ends the packet as tshark's read of it does.
    if c.capturedLength < c.length { throw .truncated }
    return .stop
  }

  /// One token in `bytes` (offsets from the layer's start).
  private static func token(_ c: LayerCursor, _ bytes: Range<Int>) throws(DissectionStop) {
    let ber = BERReader(view: c.bytes)
    var at = bytes.lowerBound
    var end = min(bytes.upperBound, c.capturedLength)
    guard at < end else { return }
    try c.add(blob, at: at, end - at)
    if c.bytes.byte(at) == 0x60 {
      guard let framing = ber.part(at: at, end: end), let oidElement = ber.part(at: framing.contentStart, end: framing.contentEnd),
        oidElement.isUniversal(BERTag.oid), let text = ber.oidText(oidElement)
      else { return }
      c.computed(oid, at: oidElement.contentStart, oidElement.contentLength, bytes: Array(text.utf8), depth: 2)
      at = oidElement.end
      end = framing.end
    }
    // A bare AP-REQ or AP-REP (SPNEGO's token of a Kerberos mechanism) is
    // a Kerberos message with no token id.
    if c.bytes.byte(at) == 0x6e || c.bytes.byte(at) == 0x6f {
      guard let message = ber.part(at: at, end: end) else { return }
      try KerberosWalk(c: c, ber: ber).message(message, depth: 2)
      return
    }
    guard at + 2 <= end else { return }
    // Little-endian, as tshark reads it (RFC 1964 writes 01 00 for an AP-REQ).
    let id = try c.uint16(at).byteSwapped
    try c.add(tokenID, at: at, 2, value: UInt64(id), depth: 2, flags: .littleEndian)
    // AP-REQ, AP-REP and KRB-ERROR carry a Kerberos message.
    guard id <= 3, let message = ber.part(at: at + 2, end: end) else { return }
    try KerberosWalk(c: c, ber: ber).message(message, depth: 3)
  }
}

extension ValueNames {
  static let spnegoKerberosTokens = ValueNames(SPNEGONames.kerberosToken)
  static let spnegoKerberosSigning = ValueNames(SPNEGONames.signingAlgorithm)
  static let spnegoKerberosSealing = ValueNames(SPNEGONames.sealingAlgorithm)
  static let spnegoSet = ValueNames.flagLabels(set: "Set", notSet: "Not set")
}
