/// The DTLS fields that are TLS's under another prefix: a handshake
/// message's body is the same in both, and TLS's reader fills either.
extension DTLS {
  /// The TLS field this one mirrors, if any.
  var tlsField: TLS? {
    switch self {
    case .handshakeVersion: .handshakeVersion
    case .random: .random
    case .randomTime: .randomTime
    case .randomBytes: .randomBytes
    case .sessionIDLength: .sessionIDLength
    case .sessionID: .sessionID
    case .cipherSuitesLength: .cipherSuitesLength
    case .cipherSuite: .cipherSuite
    case .compressionMethodsLength: .compressionMethodsLength
    case .compressionMethod: .compressionMethod
    case .extensionsLength: .extensionsLength
    case .extensionType: .extensionType
    case .extensionLength: .extensionLength
    case .serverNameListLength: .serverNameListLength
    case .serverNameType: .serverNameType
    case .serverNameLength: .serverNameLength
    case .serverName: .serverName
    case .supportedGroupsLength: .supportedGroupsLength
    case .supportedGroup: .supportedGroup
    case .ecPointFormatsLength: .ecPointFormatsLength
    case .ecPointFormat: .ecPointFormat
    case .signatureAlgorithmsLength: .signatureAlgorithmsLength
    case .signatureAlgorithm: .signatureAlgorithm
    case .signatureHash: .signatureHash
    case .signatureSignature: .signatureSignature
    case .alpnLength: .alpnLength
    case .alpnStringLength: .alpnStringLength
    case .alpnString: .alpnString
    case .supportedVersionsLength: .supportedVersionsLength
    case .supportedVersion: .supportedVersion
    case .keyShareClientLength: .keyShareClientLength
    case .keyShareGroup: .keyShareGroup
    case .keyShareExchangeLength: .keyShareExchangeLength
    case .keyShareExchange: .keyShareExchange
    case .keyShareSelectedGroup: .keyShareSelectedGroup
    case .renegotiationInfoLength: .renegotiationInfoLength
    case .certificatesLength: .certificatesLength
    case .certificateLength: .certificateLength
    case .certificate: .certificate
    case .ja3Full: .ja3Full
    case .ja3: .ja3
    case .ja3sFull: .ja3sFull
    case .ja3s: .ja3s
    default: nil
    }
  }

  /// The DTLS field for each TLS field (by raw value); nil where DTLS has none.
  static let fromTLS: [DTLS?] = {
    var table = [DTLS?](repeating: nil, count: TLS.allCases.count)
    for field in DTLS.allCases {
      if let tls = field.tlsField { table[Int(tls.rawValue)] = field }
    }
    return table
  }()

  /// A TLS field's declaration under `dtls.` (`tls.handshake.random` gives
  /// `dtls.handshake.random`), with no fixed place.
  static func renamed(_ tls: FieldDecl) -> FieldDecl {
    FieldDecl(
      "d" + tls.name, tls.label, tls.kind, base: tls.base, mask: tls.mask, blurb: tls.blurb, values: tls.values)
  }
}
