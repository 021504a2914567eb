/// OCSP's enumerations (RFC 6960 section 4.2.1), as Wireshark names them.
enum OCSPNames {
  static let responseStatus: [UInt64: String] = [
    0: "successful", 1: "malformedRequest", 2: "internalError", 3: "tryLater", 5: "sigRequired", 6: "unauthorized",
  ]
  static let responderID: [UInt64: String] = [1: "byName", 2: "byKey"]
  static let certStatus: [UInt64: String] = [0: "good", 1: "revoked", 2: "unknown"]
}

extension ValueNames {
  static let ocspResponseStatus = ValueNames { OCSPNames.responseStatus[$0] }
  static let ocspResponderID = ValueNames { OCSPNames.responderID[$0] }
  static let ocspCertStatus = ValueNames { OCSPNames.certStatus[$0] }
}
