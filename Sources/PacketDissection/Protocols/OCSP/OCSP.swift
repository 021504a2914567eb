import PacketWire

/// Online Certificate Status Protocol (RFC 6960 section 4), a request or
/// response HTTP hands on by its Content-Type (`application/ocsp-request`,
/// `application/ocsp-response`). Read with `BERReader`: the top-level
/// fields of the request list, the response status and type and, in a
/// basic response, the responder, each single response and the
/// certificates (read as TLS's are). As in Wireshark, each extension or
/// response type OCSP registers lists `ocsp` again in the chain, and the
/// names and extensions of certificates list the X.509 protocols.
enum OCSP: UInt8, ProtocolModule {
  case item, requestList, responseStatus, responseTypeID, responderID, byKey, responses, issuerNameHash,
    issuerKeyHash, serialNumber, certStatus, requestExtensions, certs

  static var protocolID: ProtocolID { .ocsp }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ocsp", "Online Certificate Status Protocol")
    case .requestList: .loose("ocsp.requestList", "requestList", .uint(bytes: 4), base: .dec)
    case .responseStatus: .loose("ocsp.responseStatus", "responseStatus", .uint(bytes: 4), base: .dec, values: .ocspResponseStatus)
    case .responseTypeID: .loose("ocsp.responseType.id", "ResponseType Id", .string)
    case .responderID: .loose("ocsp.responderID", "responderID", .uint(bytes: 4), base: .dec, values: .ocspResponderID)
    case .byKey: .loose("ocsp.byKey", "byKey", .bytes)
    case .responses: .loose("ocsp.responses", "responses", .uint(bytes: 4), base: .dec)
    case .issuerNameHash: .loose("ocsp.issuerNameHash", "issuerNameHash", .bytes)
    case .issuerKeyHash: .loose("ocsp.issuerKeyHash", "issuerKeyHash", .bytes)
    case .serialNumber: .loose("ocsp.serialNumber", "serialNumber", .bytes)
    case .certStatus: .loose("ocsp.certStatus", "certStatus", .uint(bytes: 4), base: .dec, values: .ocspCertStatus)
    case .requestExtensions: .loose("ocsp.requestExtensions", "requestExtensions", .uint(bytes: 4), base: .dec)
    case .certs: .loose("ocsp.certs", "certs", .uint(bytes: 4), base: .dec)
    }
  }

  /// `id-pkix-ocsp` (RFC 6960 section 4.4): OCSP's own extensions and the
  /// basic response type, which Wireshark's OCSP dissector registers.
  static let ownArc = "1.3.6.1.5.5.7.48.1."

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var walk = OCSPWalk(c)
    defer { for proto in walk.chain { c.listInChain(proto) } }
    guard let top = walk.ber.element(at: 0, end: c.capturedLength, cut: true), top.isUniversal(BERTag.sequence) else { return .stop }
    if HTTP.mediaType(c.state.httpBodyContentType) == "application/ocsp-request" {
      try walk.request(top)
    } else {
      try walk.response(top)
    }
    return .stop
  }
}

/// One walk over an OCSP message's elements, noting the protocols entered.
struct OCSPWalk {
  let c: LayerCursor
  let ber: BERReader
  var chain: [ProtocolID] = []

  init(_ c: LayerCursor) {
    self.c = c
    ber = BERReader(view: c.bytes)
  }

  /// The elements inside `e`, the last one possibly cut off where the
  /// bytes stop: Wireshark reads a message the segment cuts up to the cut.
  private func elements(in e: BERElement) -> [BERElement] {
    var result = ber.children(of: e)
    if e.constructed, let cut = ber.element(at: result.last?.end ?? e.contentStart, end: e.contentEnd, cut: true) {
      result.append(cut)
    }
    return result
  }

  private func first(_ e: BERElement) -> BERElement? {
    e.constructed ? ber.element(at: e.contentStart, end: e.contentEnd, cut: true) : nil
  }

  private func add(_ field: OCSP, _ e: BERElement, value: UInt64 = 0) throws(DissectionStop) {
    try c.add(field, at: e.contentStart, e.contentLength, value: value, depth: 2)
  }

  /// OCSPRequest: the TBSRequest's request list and extensions.
  mutating func request(_ top: BERElement) throws(DissectionStop) {
    guard let tbs = first(top), tbs.isUniversal(BERTag.sequence) else { return }
    for part in elements(in: tbs) {
      if part.isUniversal(BERTag.sequence) {
        let requests = elements(in: part)
        try add(.requestList, part, value: UInt64(requests.count))
        for request in requests {
          if let certID = first(request) { try self.certID(certID) }
        }
      } else if part.isContext(2), let list = first(part) {
        try add(.requestExtensions, list, value: UInt64(elements(in: list).count))
        extensions(list)
      }
    }
  }

  /// OCSPResponse: the status, and a basic response's contents.
  mutating func response(_ top: BERElement) throws(DissectionStop) {
    let parts = elements(in: top)
    guard let status = parts.first, status.isUniversal(BERTag.enumerated) else { return }
    try add(.responseStatus, status, value: ber.unsigned(status) ?? 0)
    guard parts.count > 1, parts[1].isContext(0), let bytes = first(parts[1]) else { return }
    let pair = elements(in: bytes)
    guard let type = pair.first, type.isUniversal(BERTag.oid), let oid = ber.oidText(type) else { return }
    if c.wants(OCSP.responseTypeID) { c.computed(OCSP.responseTypeID, at: type.contentStart, type.contentLength, bytes: Array(oid.utf8), depth: 2) }
    guard oid == OCSP.ownArc + "1", pair.count > 1, pair[1].isUniversal(BERTag.octetString) else { return }
    chain.append(.ocsp)
    guard let basic = ber.element(at: pair[1].contentStart, end: pair[1].contentEnd, cut: true), basic.isUniversal(BERTag.sequence)
    else { return }
    let pieces = elements(in: basic)
    if let data = pieces.first, data.isUniversal(BERTag.sequence) { try responseData(data) }
    if pieces.count > 1 { algorithm(pieces[1]) }
    for piece in pieces.dropFirst(3) where piece.isContext(0) {
      guard let list = first(piece) else { continue }
      let certificates = elements(in: list)
      try add(.certs, list, value: UInt64(certificates.count))
      for certificate in certificates {
        var reader = X509Certificate(c, bytes: c.bytes, origin: 0, depth: c.depth / 2 * 2 + 2)
        try reader.read(at: certificate.start, length: certificate.end - certificate.start)
        chain += reader.chain
      }
    }
  }

  /// ResponseData: responder, single responses, and (after them, in [1])
  /// the response extensions.
  private mutating func responseData(_ data: BERElement) throws(DissectionStop) {
    var afterResponses = false
    for part in elements(in: data) {
      if part.isContext(1) && !afterResponses {
        try add(.responderID, part, value: 1)
        if let name = first(part) {
          var reader = X509Certificate(c, bytes: c.bytes, origin: 0, depth: c.depth / 2 * 2 + 2)
          try reader.distinguishedName(at: name.start, length: name.end - name.start)
          chain += reader.chain
        }
      } else if part.isContext(1) {
        if let list = first(part) { extensions(list) }
      } else if part.isContext(2) {
        try add(.responderID, part, value: 2)
        if let key = first(part), key.isUniversal(BERTag.octetString) { try add(.byKey, key) }
      } else if part.isUniversal(BERTag.sequence) {
        afterResponses = true
        let singles = elements(in: part)
        try add(.responses, part, value: UInt64(singles.count))
        for single in singles {
          let fields = elements(in: single)
          if let certID = fields.first { try self.certID(certID) }
          if fields.count > 1, fields[1].tagClass == .context { try add(.certStatus, fields[1], value: UInt64(fields[1].tag)) }
          for field in fields.dropFirst(2) where field.isContext(1) {
            if let list = first(field) { extensions(list) }
          }
        }
      }
    }
  }

  /// CertID: hash algorithm, the issuer's name and key hashes, the serial.
  private func certID(_ e: BERElement) throws(DissectionStop) {
    let parts = elements(in: e)
    if let algorithm = parts.first { self.algorithm(algorithm) }
    guard parts.count >= 4 else { return }
    try add(.issuerNameHash, parts[1])
    try add(.issuerKeyHash, parts[2])
    try add(.serialNumber, parts[3])
  }

  /// An AlgorithmIdentifier's object identifier (X.509's field).
  private func algorithm(_ e: BERElement) {
    guard c.wants(X509AF.algorithmID), let id = first(e), id.isUniversal(BERTag.oid), let oid = ber.oidText(id) else { return }
    c.computed(X509AF.algorithmID, at: id.contentStart, id.contentLength, bytes: Array(oid.utf8), depth: 3)
  }

  /// Extensions: each one OCSP or X.509 registers lists its protocol.
  private mutating func extensions(_ list: BERElement) {
    for item in elements(in: list) {
      guard let id = first(item), id.isUniversal(BERTag.oid), let oid = ber.oidText(id) else { continue }
      if oid.hasPrefix(OCSP.ownArc) {
        chain.append(.ocsp)
      } else if let reader = X509OID.extensionReader(oid) {
        chain.append(reader)
      }
    }
  }
}
