/// TLS's value names on its fields, from the generated tables, and the
/// short version names of the Protocol column.
extension ValueNames {
  static let tlsContentTypes = ValueNames(TLSValueNames.contentType)
  static let tlsVersions = ValueNames(TLSValueNames.version)
  static let tlsHandshakeTypes = ValueNames(TLSValueNames.handshakeType)
  static let tlsCipherSuites = ValueNames(TLSValueNames.cipherSuite)
  static let tlsCipherSpecs = ValueNames(TLSValueNames.cipherSpec)
  static let tlsCompressionMethods = ValueNames(TLSValueNames.compressionMethod)
  static let tlsExtensionTypes = ValueNames(TLSValueNames.extensionType)
  static let tlsGroups = ValueNames(TLSValueNames.group)
  static let tlsSignatureSchemes = ValueNames(TLSValueNames.signatureScheme)
  static let tlsSignatureHashes = ValueNames(TLSValueNames.signatureHash)
  static let tlsSignatureSignatures = ValueNames(TLSValueNames.signatureSignature)
  static let tlsECPointFormats = ValueNames(TLSValueNames.ecPointFormat)
  static let tlsServerNameTypes = ValueNames(TLSValueNames.serverNameType)
  static let tlsAlertLevels = ValueNames(TLSValueNames.alertLevel)
  static let tlsAlertDescriptions = ValueNames(TLSValueNames.alertDescription)
}

enum TLSNames {
  /// Wireshark's `ssl_version_short_names`: the Protocol column.
  static func shortVersion(_ version: UInt16) -> String? {
    switch version {
    case 0x0002: "SSLv2"
    case 0x0300: "SSLv3"
    case 0x0301: "TLSv1"
    case 0x0302: "TLSv1.1"
    case 0x0303: "TLSv1.2"
    case 0x0304: "TLSv1.3"
    case 0x0101: "TLCP"
    case 0xfeff: "DTLSv1.0"
    case 0xfefd: "DTLSv1.2"
    case 0x0100: "DTLS 1.0 (OpenSSL pre 0.9.8f)"
    default: nil
    }
  }
}
