/// The Simple and Protected GSS-API Negotiation Mechanism (RFC 4178, with
/// Microsoft's `negHints`): a negTokenInit's mechanism list, flags,
/// token and hints, or a negTokenTarg's (NegTokenResp's) result, mechanism,
/// token and MIC. The token goes to the mechanism that reads it (NTLMSSP,
/// or Kerberos's GSS token); that mechanism reads the MIC after it too
/// (`listsVerifier`), as tshark hands it to the mechanism's verifier
/// dissector.
enum SPNEGO: UInt8, ProtocolModule {
  case item, negTokenInit, mechTypes, mechType, reqFlags, mechToken, negHints, hintName, negTokenTarg, negResult,
    supportedMech, responseToken, mechListMIC

  static var protocolID: ProtocolID { .spnego }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("spnego", "Simple Protected Negotiation")
    case .negTokenInit: .loose("spnego.negTokenInit_element", "negTokenInit", .label)
    case .mechTypes: .loose("spnego.mechTypes", "mechTypes", .uint(bytes: 4), blurb: "How many mechanisms")
    case .mechType: .loose("spnego.MechType", "MechType", .string, blurb: "An object identifier")
    case .reqFlags: .loose("spnego.reqFlags", "reqFlags", .bytes)
    case .mechToken: .loose("spnego.mechToken", "mechToken", .bytes)
    case .negHints: .loose("spnego.negHints_element", "negHints", .label)
    case .hintName: .loose("spnego.hintName", "hintName", .string)
    case .negTokenTarg: .loose("spnego.negTokenTarg_element", "negTokenTarg", .label)
    case .negResult: .loose("spnego.negResult", "negResult", .uint(bytes: 4), values: .spnegoNegResults)
    case .supportedMech: .loose("spnego.supportedMech", "supportedMech", .string, blurb: "An object identifier")
    case .responseToken: .loose("spnego.responseToken", "responseToken", .bytes)
    case .mechListMIC: .loose("spnego.mechListMIC", "mechListMIC", .bytes)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let ber = BERReader(view: c.bytes)
    // A token in GSS-API's initial framing naming SPNEGO (a DCE/RPC
    // bind's) is read past the framing.
    var start = 0
    if c.capturedLength > 0, c.bytes.byte(0) == 0x60, let framing = ber.part(at: 0, end: c.capturedLength),
      let oid = ber.part(at: framing.contentStart, end: framing.contentEnd), oid.isUniversal(BERTag.oid),
      ber.oidText(oid) == GSSAPI.spnegoOID
    {
      start = oid.end
    }
    guard let choice = ber.part(at: start, end: c.capturedLength), choice.tagClass == .context,
      choice.tag <= 1, let body = ber.part(at: choice.contentStart, end: choice.contentEnd),
      body.isUniversal(BERTag.sequence)
    else { return .stop }
    let initial = choice.tag == 0
    try c.add(initial ? negTokenInit : negTokenTarg, at: body.start, body.end - body.start)
    var mechanisms: [String] = []
    var token: BERElement?
    var mic: BERElement?
    for part in ber.parts(of: body) where part.tagClass == .context {
      guard let value = ber.part(at: part.contentStart, end: part.contentEnd) else { continue }
      switch (initial, part.tag) {
      case (true, 0):
        let types = ber.parts(of: value)
        try c.add(mechTypes, at: value.contentStart, value.contentLength, value: value.isCut ? 0 : UInt64(types.count), depth: 2)
        for type in types where type.isUniversal(BERTag.oid) {
          guard let text = ber.oidText(type) else { continue }
          mechanisms.append(text)
          c.computed(mechType, at: type.contentStart, type.contentLength, bytes: Array(text.utf8), depth: 3)
        }
      case (true, 1):
        try c.add(reqFlags, at: value.contentStart, value.contentLength, depth: 2)
      case (true, 2):
        try c.add(mechToken, at: value.contentStart, value.contentLength, depth: 2)
        token = value
      case (true, 3) where value.isUniversal(BERTag.sequence):
        try c.add(negHints, at: value.start, value.end - value.start, depth: 2)
        for hint in ber.parts(of: value) where hint.isContext(0) {
          guard let name = ber.part(at: hint.contentStart, end: hint.contentEnd) else { continue }
          try c.add(hintName, at: name.contentStart, name.contentLength, depth: 3)
        }
      case (true, 3), (true, 4), (false, 3):
        try c.add(mechListMIC, at: value.contentStart, value.contentLength, depth: 2)
        mic = value
      case (false, 0):
        guard value.isUniversal(BERTag.enumerated), let result = ber.integer(value) else { continue }
        try c.add(negResult, at: value.contentStart, value.contentLength, value: UInt64(bitPattern: result), depth: 2)
      case (false, 1):
        guard value.isUniversal(BERTag.oid), let text = ber.oidText(value) else { continue }
        mechanisms.append(text)
        c.computed(supportedMech, at: value.contentStart, value.contentLength, bytes: Array(text.utf8), depth: 2)
      case (false, 2):
        try c.add(responseToken, at: value.contentStart, value.contentLength, depth: 2)
        token = value
      default:
        break
      }
    }
    if let token, token.contentLength > 0 {
      // With no mechanism named (a later negTokenTarg), any may be Kerberos.
      guard let next = mechanism(of: c, token.contentStart, kerberos: mechanisms.first.map(GSSAPI.isKerberos) ?? true)
      else { return .stop }
      // The mechanism's layer runs on over the MIC, which it reads too.
      let end = mic.map { $0.contentEnd > token.contentEnd ? $0.contentEnd : token.contentEnd } ?? token.contentEnd
      return .layer(next, at: c.start + token.contentStart, end: c.start + end)
    }
    // A MIC alone goes to the verifier of the negotiated mechanism.
    if let mic, mic.contentLength > 0 {
      let kerberos = mechanisms.first.map(GSSAPI.isKerberos)
      let next: ProtocolID =
        (kerberos ?? !NTLMSSP.starts(c.packet, at: c.start + mic.contentStart) && isKerberosToken(c, mic.contentStart))
        ? .spnegoKRB5 : .ntlmssp
      return .layer(next, at: c.start + mic.contentStart, end: c.start + mic.contentEnd)
    }
    return .stop
  }

  /// The mechanism that reads the token at `offset`: NTLMSSP by its
  /// signature, Kerberos by its GSS framing, or, when the mechanism may be
  /// Kerberos, by a bare AP-REQ or AP-REP.
  private static func mechanism(of c: LayerCursor, _ offset: Int, kerberos: Bool) -> ProtocolID? {
    if NTLMSSP.starts(c.packet, at: c.start + offset) { return .ntlmssp }
    guard offset < c.capturedLength else { return nil }
    let first = c.bytes.byte(offset)
    return first == 0x60 || (kerberos && (first == 0x6e || first == 0x6f)) ? .spnegoKRB5 : nil
  }

  /// Whether the token at `offset` is a Kerberos GSS token: framed, or
  /// a bare per-message token of RFC 4121 (MIC 04 04, wrap 05 04).
  private static func isKerberosToken(_ c: LayerCursor, _ offset: Int) -> Bool {
    guard offset < c.capturedLength else { return false }
    let first = c.bytes.byte(offset)
    if first == 0x60 { return true }
    return offset + 1 < c.capturedLength && c.bytes.byte(offset + 1) == 0x04 && (first == 0x04 || first == 0x05)
  }

  /// Where the MIC of the SPNEGO message a mechanism's token came from
  /// lies, from the mechanism layer's start, when it follows the token:
  /// tshark reads it with the mechanism's verifier, listing the mechanism
  /// once more. The SPNEGO layer's bytes are read again, since its records
  /// hold only the fields a question wants.
  static func verifier(after c: LayerCursor) -> Range<Int>? {
    let d = c.dissection
    let index = d.layers.count - 2
    guard index >= 0, d.layers[index].protocolID == .spnego else { return nil }
    let layer = d.layers[index]
    let ber = BERReader(view: c.packet.slice(layer.start, max(0, min(layer.dataEnd, c.packet.count) - layer.start)))
    guard let choice = ber.part(at: 0, end: ber.view.count), choice.tagClass == .context, choice.tag <= 1,
      let body = ber.part(at: choice.contentStart, end: choice.contentEnd)
    else { return nil }
    for part in ber.parts(of: body) where part.tagClass == .context && part.tag >= 3 {
      guard let value = ber.part(at: part.contentStart, end: part.contentEnd), value.isUniversal(BERTag.octetString)
      else { continue }
      let start = layer.start + value.contentStart - c.start
      return start > 0 ? start..<(start + value.contentLength) : nil
    }
    return nil
  }
}

extension ValueNames {
  static let spnegoNegResults = ValueNames(SPNEGONames.negResult)
}
