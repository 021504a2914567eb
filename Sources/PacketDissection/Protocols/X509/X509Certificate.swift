import PacketWire

/// Reads a DER certificate (RFC 5280 section 4.1) that a TLS Certificate
/// message carries whole, into `x509af.*`, `x509if.*` and `x509sat.*`
/// fields, as Wireshark 4.0 does, and notes the protocols Wireshark enters
/// on the way (`x509sat` for each attribute value of a name, `x509ce` for
/// each standard extension, ...) in `chain`, in order, for the caller to
/// list in `frame.protocols`. A malformed element ends the walk: the fields
/// before it stay, as in Wireshark.
struct X509Certificate {
  let c: LayerCursor
  let ber: BERReader
  /// Where the reader's byte 0 sits in the layer.
  let origin: Int
  /// Depth of the certificate's own field below the layer's item.
  let depth: UInt8
  var chain: [ProtocolID] = []

  init(_ c: LayerCursor, bytes: ByteView, origin: Int, depth: UInt8) {
    self.c = c
    ber = BERReader(view: bytes)
    self.origin = origin
    self.depth = depth
  }

  /// The certificate whose DER bytes are at `offset`, `length` long.
  mutating func read(at offset: Int, length: Int) throws(DissectionStop) {
    guard let certificate = ber.element(at: offset, end: offset + length), certificate.isUniversal(BERTag.sequence)
    else { return }
    let parts = ber.children(of: certificate)
    guard let signed = parts.first, signed.isUniversal(BERTag.sequence) else { return }
    try signedCertificate(signed)
    guard parts.count >= 3 else { return }
    try algorithm(parts[1], depth: 1)
    try bitString(X509AF.encrypted, parts[2], depth: 1)
  }

  /// A distinguished name alone (a CertificateRequest's certificate authority).
  mutating func distinguishedName(at offset: Int, length: Int) throws(DissectionStop) {
    guard let name = ber.element(at: offset, end: offset + length) else { return }
    try self.name(name, depth: 1)
  }

  // MARK: Recording

  private func add(_ field: some FieldIdentity, _ e: BERElement, value: UInt64 = 0, depth extra: UInt8) throws(DissectionStop) {
    try c.add(field, at: origin + e.contentStart, e.contentLength, value: value, depth: depth + extra)
  }

  private func text(_ field: some FieldIdentity, _ e: BERElement, _ value: @autoclosure () -> String?, depth extra: UInt8) {
    guard c.wants(field), let value = value() else { return }
    c.computed(field, at: origin + e.contentStart, e.contentLength, bytes: Array(value.utf8), depth: depth + extra)
  }

  private func bitString(_ field: X509AF, _ e: BERElement, depth extra: UInt8) throws(DissectionStop) {
    guard e.isUniversal(BERTag.bitString), e.contentLength >= 1 else { return }
    try c.add(field, at: origin + e.contentStart + 1, e.contentLength - 1, depth: depth + extra)
  }

  // MARK: The certificate

  private mutating func signedCertificate(_ signed: BERElement) throws(DissectionStop) {
    var parts = ber.children(of: signed)[...]
    if let first = parts.first, first.tagClass == .context, first.tag == 0 {
      if let inner = ber.firstChild(of: first), inner.isUniversal(BERTag.integer), let version = ber.integer(inner) {
        try add(X509AF.version, inner, value: UInt64(bitPattern: version), depth: 2)
      }
      parts = parts.dropFirst()
    }
    guard let serial = parts.popFirst(), serial.isUniversal(BERTag.integer) else { return }
    try add(X509AF.serialNumber, serial, depth: 2)
    guard let signature = parts.popFirst() else { return }
    try algorithm(signature, depth: 2)
    guard let issuer = parts.popFirst() else { return }
    try name(issuer, depth: 4)
    guard let validity = parts.popFirst() else { return }
    for time in ber.children(of: validity).prefix(2) { try self.time(time, depth: 4) }
    guard let subject = parts.popFirst() else { return }
    try name(subject, depth: 4)
    guard let keyInfo = parts.popFirst() else { return }
    let key = ber.children(of: keyInfo)
    if let keyAlgorithm = key.first { try algorithm(keyAlgorithm, depth: 3) }
    if key.count > 1 { try bitString(X509AF.subjectPublicKey, key[1], depth: 3) }
    for part in parts where part.tagClass == .context && part.tag == 3 {
      if let list = ber.firstChild(of: part) { try extensions(list) }
    }
  }

  /// An AlgorithmIdentifier: its id, and the parameters Wireshark reads
  /// through PKCS #1 (RSASSA-PSS's hash and mask generation algorithms, an
  /// elliptic curve's name).
  private mutating func algorithm(_ e: BERElement, depth extra: UInt8) throws(DissectionStop) {
    let parts = ber.children(of: e)
    guard let id = parts.first, id.isUniversal(BERTag.oid) else { return }
    let oid = ber.oidText(id)
    text(X509AF.algorithmID, id, oid, depth: extra + 1)
    guard parts.count > 1, let oid, X509OID.pkcs1Parameters.contains(oid) else { return }
    chain.append(.pkcs1)
    guard oid == X509OID.rsassaPSS else { return }
    for parameter in ber.children(of: parts[1]) where parameter.tagClass == .context && parameter.tag <= 1 {
      if let inner = ber.firstChild(of: parameter), let innerID = ber.firstChild(of: inner), innerID.isUniversal(BERTag.oid) {
        text(X509AF.algorithmID, innerID, ber.oidText(innerID), depth: extra + 3)
      }
    }
  }

  /// A validity time: UTCTime as Wireshark writes it, GeneralizedTime as a time.
  private func time(_ e: BERElement, depth extra: UInt8) throws(DissectionStop) {
    let digits = ber.contents(e).copyBytes()
    if e.isUniversal(BERTag.utcTime) {
      text(X509AF.utcTime, e, X509Time.utcText(digits), depth: extra)
    } else if e.isUniversal(BERTag.generalizedTime), let nanoseconds = X509Time.generalized(digits) {
      try add(X509AF.generalizedTime, e, value: UInt64(bitPattern: nanoseconds), depth: extra)
    }
  }

  /// A Name: its sequence of relative distinguished names, each a set of
  /// attributes, whose values Wireshark reads through `x509sat`.
  private mutating func name(_ e: BERElement, depth extra: UInt8) throws(DissectionStop) {
    guard e.isUniversal(BERTag.sequence) else { return }
    for part in ber.children(of: e) where part.isUniversal(BERTag.set) {
      let attributes = ber.children(of: part)
      try add(X509IF.rdnItems, part, value: UInt64(attributes.count), depth: extra)
      for attribute in attributes {
        let pair = ber.children(of: attribute)
        guard let type = pair.first, type.isUniversal(BERTag.oid) else { continue }
        let oid = ber.oidText(type)
        text(X509IF.oid, type, oid, depth: extra + 2)
        guard pair.count > 1, let oid, let kind = X509OID.attributeKinds[oid] else { continue }
        chain.append(.x509sat)
        try attributeValue(pair[1], kind: kind, depth: extra + 2)
      }
    }
  }

  private func attributeValue(_ e: BERElement, kind: X509OID.AttributeKind, depth extra: UInt8) throws(DissectionStop) {
    switch kind {
    case .country:
      if e.isUniversal(BERTag.printableString) { try add(X509SAT.countryName, e, depth: extra) }
    case .printable:
      if e.isUniversal(BERTag.printableString) { try add(X509SAT.printableStringValue, e, depth: extra) }
    case .ia5:
      if e.isUniversal(BERTag.ia5String) { try add(X509SAT.ia5String, e, depth: extra) }
    case .directory:
      guard e.tagClass == .universal else { return }
      let choice: (UInt64, X509SAT)
      switch e.tag {
      case BERTag.teletexString: choice = (0, .teletexString)
      case BERTag.printableString: choice = (1, .printableString)
      case BERTag.universalString: choice = (2, .universalString)
      case BERTag.bmpString: choice = (3, .bmpString)
      case BERTag.utf8String: choice = (4, .uTF8String)
      default: return
      }
      try c.add(X509SAT.directoryString, at: origin + e.start, e.end - e.start, value: choice.0, depth: depth + extra)
      switch choice.1 {
      case .bmpString: text(choice.1, e, X509Text.ucs(ber.contents(e), width: 2), depth: extra + 1)
      case .universalString: text(choice.1, e, X509Text.ucs(ber.contents(e), width: 4), depth: extra + 1)
      default: try add(choice.1, e, depth: extra + 1)
      }
    }
  }

  // MARK: Extensions

  private mutating func extensions(_ list: BERElement) throws(DissectionStop) {
    let items = ber.children(of: list)
    try add(X509AF.extensions, list, value: UInt64(items.count), depth: 2)
    for item in items {
      let parts = ber.children(of: item)
      guard let id = parts.first, id.isUniversal(BERTag.oid), let oid = ber.oidText(id) else { continue }
      text(X509AF.extensionID, id, oid, depth: 4)
      guard let value = parts.last, parts.count > 1, value.isUniversal(BERTag.octetString) else { continue }
      guard let reader = X509OID.extensionReader(oid) else { continue }
      chain.append(reader)
      guard let inner = ber.element(at: value.contentStart, end: value.contentEnd) else { continue }
      if oid == X509OID.certificatePolicies {
        policyQualifiers(inner)
      } else if oid == X509OID.signedCertificateTimestamps {
        try timestampSignatures(inner)
      } else if X509OID.extensionsWithNames.contains(oid) {
        try directoryNames(in: inner, level: 0)
      }
    }
  }

  /// Each policy's qualifiers that Wireshark reads through PKIX1Explicit.
  private mutating func policyQualifiers(_ policies: BERElement) {
    for policy in ber.children(of: policies) {
      let parts = ber.children(of: policy)
      guard parts.count > 1 else { continue }
      for qualifier in ber.children(of: parts[1]) {
        guard let id = ber.firstChild(of: qualifier), id.isUniversal(BERTag.oid), let oid = ber.oidText(id) else { continue }
        if X509OID.explicitQualifiers.contains(oid) { chain.append(.pkix1explicit) }
      }
    }
  }

  /// The signature algorithm of each signed certificate timestamp (RFC
  /// 6962 section 3.3), which TLS's reader of the list records as a
  /// handshake's (`tls.handshake.sig_hash_alg`). The list is TLS-encoded
  /// inside an OCTET STRING.
  private func timestampSignatures(_ list: BERElement) throws(DissectionStop) {
    guard list.isUniversal(BERTag.octetString) else { return }
    let view = ber.view
    func uint16(_ at: Int) -> Int { Int(view.uncheckedUInt(at: at, length: 2)) }
    var at = list.contentStart
    guard at + 2 <= list.contentEnd else { return }
    let end = min(list.contentEnd, at + 2 + uint16(at))
    at += 2
    while at + 2 <= end {
      let timestampEnd = at + 2 + uint16(at)
      guard timestampEnd <= end else { return }
      // Version (1), log id (32), time (8), then the extensions and the signature.
      let extensions = at + 2 + 41
      guard extensions + 2 <= timestampEnd else { return }
      let signature = extensions + 2 + uint16(extensions)
      guard signature + 2 <= timestampEnd else { return }
      let algorithm = UInt64(uint16(signature))
      try c.add(TLS.signatureAlgorithm, at: origin + signature, 2, value: algorithm, depth: depth + 7)
      try c.add(TLS.signatureHash, at: origin + signature, 1, value: algorithm >> 8, depth: depth + 8)
      try c.add(TLS.signatureSignature, at: origin + signature + 1, 1, value: algorithm & 0xff, depth: depth + 8)
      at = timestampEnd
    }
  }

  /// The names a GeneralNames holds as `directoryName` ([4]), wherever the
  /// extension nests them.
  private mutating func directoryNames(in e: BERElement, level: Int) throws(DissectionStop) {
    guard e.constructed, level < BERReader.maximumDepth else { return }
    if e.isContext(4) {
      if let inner = ber.firstChild(of: e) { try name(inner, depth: 6) }
      return
    }
    for child in ber.children(of: e) { try directoryNames(in: child, level: level + 1) }
  }
}
