/// The object identifiers that decide how Wireshark reads a certificate's
/// parts: which attribute values and extensions it reads, and through
/// which protocol (each then listed in `frame.protocols`).
enum X509OID {
  /// How an attribute's value is typed (X.520).
  enum AttributeKind { case directory, country, printable, ia5 }

  /// The attribute types Wireshark's X509SAT reads, by their type.
  static let attributeKinds: [String: AttributeKind] = {
    var kinds: [String: AttributeKind] = ["2.5.4.6": .country, "2.5.4.5": .printable, "2.5.4.46": .printable,
      "1.2.840.113549.1.9.1": .ia5,  // emailAddress
    ]
    // commonName, surname, localityName, stateOrProvinceName, streetAddress,
    // organizationName, organizationalUnitName, title, description,
    // businessCategory, postalCode, postOfficeBox, name, givenName,
    // initials, generationQualifier, pseudonym.
    for arc in [3, 4, 7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 41, 42, 43, 44, 65] { kinds["2.5.4.\(arc)"] = .directory }
    return kinds
  }()

  static let rsassaPSS = "1.2.840.113549.1.1.10"
  /// Algorithms whose parameters Wireshark reads through PKCS #1: RSASSA-PSS and id-ecPublicKey.
  static let pkcs1Parameters: Set<String> = [rsassaPSS, "1.2.840.10045.2.1"]

  static let certificatePolicies = "2.5.29.32"
  static let signedCertificateTimestamps = "1.3.6.1.4.1.11129.2.4.2"
  /// Extensions holding GeneralNames: subject and issuer alternative names,
  /// CRL distribution points, authority key identifier.
  static let extensionsWithNames: Set<String> = ["2.5.29.17", "2.5.29.18", "2.5.29.31", "2.5.29.35"]
  /// Policy qualifiers Wireshark reads through PKIX1Explicit: CPS pointer, user notice.
  static let explicitQualifiers: Set<String> = ["1.3.6.1.5.5.7.2.1", "1.3.6.1.5.5.7.2.2"]

  /// The protocol Wireshark reads an extension's value through, if it reads it.
  static func extensionReader(_ oid: String) -> ProtocolID? {
    if oid.hasPrefix("2.5.29.") { return .x509ce }
    if oid.hasPrefix(OCSP.ownArc) { return .ocsp }  // OCSP No Check and OCSP's other extensions
    switch oid {
    case "1.3.6.1.5.5.7.1.1": return .pkix1implicit  // authorityInfoAccess
    case signedCertificateTimestamps: return .tls
    case "2.16.840.1.113730.1.1", "2.16.840.1.113730.1.2", "2.16.840.1.113730.1.3", "2.16.840.1.113730.1.4",
      "2.16.840.1.113730.1.7", "2.16.840.1.113730.1.8", "2.16.840.1.113730.1.12", "2.16.840.1.113730.1.13":
      return .nsCertExts
    default: return nil
    }
  }
}
