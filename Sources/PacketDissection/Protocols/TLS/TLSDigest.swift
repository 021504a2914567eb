import Crypto

/// The digests fingerprints are named by, from swift-crypto.
enum TLSDigest {
  /// JA3's MD5, in lowercase hex.
  static func md5Hex(_ text: String) -> String { hex(Insecure.MD5.hash(data: Array(text.utf8))) }

  /// JA4's SHA-256, in lowercase hex.
  static func sha256Hex(_ text: String) -> String { hex(SHA256.hash(data: Array(text.utf8))) }

  private static func hex(_ digest: some Sequence<UInt8>) -> String {
    // Bytes, then one String: appending Characters cost thousands of
    // instructions a byte.
    let digits: StaticString = "0123456789abcdef"
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits.utf8Start[Int(byte >> 4)])
      out.append(digits.utf8Start[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
