/// Protocols Wireshark enters while it reads a certificate's extensions
/// and algorithm parameters: each is listed in `frame.protocols` once for
/// every value it reads (`X509Certificate` says which). pktsh shows no
/// field of theirs.

/// X.509 Certificate Extensions (`2.5.29.*`).
enum X509CE: UInt8, ProtocolModule {
  case item
  static var protocolID: ProtocolID { .x509ce }
  static var level: LayerLevel { .application }
  var declaration: FieldDecl { .protocolItem("x509ce", "X.509 Certificate Extensions") }
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}

/// PKIX1Implicit: the Authority Information Access extension.
enum PKIX1Implicit: UInt8, ProtocolModule {
  case item
  static var protocolID: ProtocolID { .pkix1implicit }
  static var level: LayerLevel { .application }
  var declaration: FieldDecl { .protocolItem("pkix1implicit", "PKIX1Implitit") }
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}

/// PKIX1Explicit: a certificate policy's qualifiers (CPS pointer, user notice).
enum PKIX1Explicit: UInt8, ProtocolModule {
  case item
  static var protocolID: ProtocolID { .pkix1explicit }
  static var level: LayerLevel { .application }
  var declaration: FieldDecl { .protocolItem("pkix1explicit", "PKIX1Explicit") }
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}

/// PKCS #1: the parameters of RSASSA-PSS and of an elliptic-curve public key.
enum PKCS1: UInt8, ProtocolModule {
  case item
  static var protocolID: ProtocolID { .pkcs1 }
  static var level: LayerLevel { .application }
  var declaration: FieldDecl { .protocolItem("pkcs-1", "PKCS#1") }
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}

/// Netscape's certificate extensions (`2.16.840.1.113730.1.*`).
enum NetscapeCertificateExtensions: UInt8, ProtocolModule {
  case item
  static var protocolID: ProtocolID { .nsCertExts }
  static var level: LayerLevel { .application }
  var declaration: FieldDecl { .protocolItem("ns_cert_exts", "NetScape Certificate Extensions") }
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next { .stop }
}
