/// Value names of the certificate fields, as Wireshark's tree shows them.
enum X509Names {
  static func version(_ code: UInt64) -> String? {
    switch code {
    case 0: "v1"
    case 1: "v2"
    case 2: "v3"
    default: nil
    }
  }

  /// The choices of a DirectoryString (X.520), by their number.
  static func directoryString(_ code: UInt64) -> String? {
    switch code {
    case 0: "teletexString"
    case 1: "printableString"
    case 2: "universalString"
    case 3: "bmpString"
    case 4: "uTF8String"
    default: nil
    }
  }
}

extension ValueNames {
  static let x509Versions = ValueNames(X509Names.version)
  static let x509DirectoryStrings = ValueNames(X509Names.directoryString)
}
