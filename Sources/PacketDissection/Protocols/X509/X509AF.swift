/// X.509 Authentication Framework (RFC 5280 section 4.1): the fields of a
/// certificate that TLS carries whole in one segment, read by
/// `X509Certificate`. Wireshark reads them without entering the protocol,
/// so it never appears in `frame.protocols`.
enum X509AF: UInt8, ProtocolModule {
  case item, version, serialNumber, algorithmID, utcTime, generalizedTime, subjectPublicKey, extensions, extensionID,
    encrypted

  static var protocolID: ProtocolID { .x509af }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("x509af", "X.509 Authentication Framework")
    case .version: .loose("x509af.version", "version", .int(bytes: 4), values: .x509Versions)
    case .serialNumber: .loose("x509af.serialNumber", "serialNumber", .bytes)
    case .algorithmID: .loose("x509af.algorithm.id", "Algorithm Id", .string, blurb: "An object identifier")
    case .utcTime: .loose("x509af.utcTime", "utcTime", .string)
    case .generalizedTime: .loose("x509af.generalizedTime", "generalizedTime", .absoluteTime)
    case .subjectPublicKey: .loose("x509af.subjectPublicKey", "subjectPublicKey", .bytes)
    case .extensions: .loose("x509af.extensions", "extensions", .uint(bytes: 4), blurb: "How many extensions")
    case .extensionID: .loose("x509af.extension.id", "Extension Id", .string, blurb: "An object identifier")
    case .encrypted: .loose("x509af.encrypted", "encrypted", .bytes)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}

/// X.509 Information Framework: the attribute types of a name's parts.
enum X509IF: UInt8, ProtocolModule {
  case item, rdnItems, oid

  static var protocolID: ProtocolID { .x509if }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("x509if", "X.509 Information Framework")
    case .rdnItems: .loose("x509if.RDNSequence_item", "RDNSequence item", .uint(bytes: 4), blurb: "How many attributes the name part has")
    case .oid: .loose("x509if.oid", "Object Id", .string, blurb: "The attribute's type, an object identifier")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}

/// X.509 Selected Attribute Types: the values of a name's parts. Listed in
/// `frame.protocols` once for each value Wireshark reads through it.
enum X509SAT: UInt8, ProtocolModule {
  case item, directoryString, teletexString, printableString, universalString, bmpString, uTF8String, countryName,
    printableStringValue, ia5String

  static var protocolID: ProtocolID { .x509sat }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("x509sat", "X.509 Selected Attribute Types")
    case .directoryString: .loose("x509sat.DirectoryString", "DirectoryString", .uint(bytes: 4), values: .x509DirectoryStrings)
    case .teletexString: .loose("x509sat.teletexString", "teletexString", .string)
    case .printableString: .loose("x509sat.printableString", "printableString", .string)
    case .universalString: .loose("x509sat.universalString", "universalString", .string)
    case .bmpString: .loose("x509sat.bmpString", "bmpString", .string)
    case .uTF8String: .loose("x509sat.uTF8String", "uTF8String", .string)
    case .countryName: .loose("x509sat.CountryName", "CountryName", .string)
    case .printableStringValue: .loose("x509sat.PrintableString", "PrintableString", .string)
    case .ia5String: .loose("x509sat.IA5String", "IA5String", .string)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
