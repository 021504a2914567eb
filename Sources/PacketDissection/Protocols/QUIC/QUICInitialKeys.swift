import Crypto
import _CryptoExtras

/// The keys that protect one direction of a connection's Initial packets,
/// derived from the client's first Destination Connection ID as RFC 9001
/// section 5.2 says (RFC 9369 section 3.3 for version 2). Every primitive
/// is swift-crypto's: HKDF with SHA-256, AES-128-GCM, and the single AES
/// block of header protection.
struct QUICInitialKeys {
  let key: SymmetricKey
  let iv: [UInt8]
  let headerProtection: SymmetricKey

  /// The salt of the initial secret, chosen by version as Wireshark 4.0
  /// chooses it: version 2's, the drafts' own (draft 29's for the versions
  /// reserved to force version negotiation, 0x?a?a?a?a, as Wireshark takes
  /// them), and version 1's for every other version.
  static func salt(_ version: UInt32) -> [UInt8] {
    if version & 0x0f0f_0f0f == 0x0a0a_0a0a { return salt(0xff00_001d) }
    return switch version {
    case QUICNames.version2:
      [0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9]
    case 0xff00_001d...0xff00_0020:  // drafts 29 to 32
      [0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99]
    case 0xff00_0017...0xff00_001c, 0xface_b002, 0xface_b00e:  // drafts 23 to 28, and mvfst's versions based on 27
      [0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7, 0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02]
    case 0xff00_0015...0xff00_0016, 0xface_b001:  // drafts 21 and 22, and mvfst's version based on 22
      [0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a, 0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a]
    default:
      [0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a]
    }
  }

  /// The keys for packets the client (`fromServer` false) or the server sends.
  init(version: UInt32, clientDCID: [UInt8], fromServer: Bool) {
    let salt = Self.salt(version)
    let initial = HKDF<SHA256>.extract(inputKeyMaterial: SymmetricKey(data: clientDCID), salt: salt)
    let secret = Self.expandLabel(SymmetricKey(data: Array(initial)), fromServer ? "server in" : "client in", 32)
    let prefix = version == QUICNames.version2 ? "quicv2 " : "quic "
    key = Self.expandLabel(secret, prefix + "key", 16)
    iv = Self.expandLabel(secret, prefix + "iv", 12).withUnsafeBytes { Array($0) }
    headerProtection = Self.expandLabel(secret, prefix + "hp", 16)
  }

  /// TLS 1.3's HKDF-Expand-Label (RFC 8446 section 7.1) with an empty context.
  private static func expandLabel(_ secret: SymmetricKey, _ label: String, _ length: Int) -> SymmetricKey {
    let full = Array(("tls13 " + label).utf8)
    let info = [UInt8(length >> 8), UInt8(length & 0xff), UInt8(full.count)] + full + [0]
    return HKDF<SHA256>.expand(pseudoRandomKey: secret, info: info, outputByteCount: length)
  }

  /// The header protection mask for a 16-byte sample (RFC 9001 section 5.4.3).
  func mask(_ sample: [UInt8]) -> [UInt8]? {
    var block = sample
    do {
      try AES.permute(&block, key: headerProtection)
    } catch {
      return nil
    }
    return block
  }

  /// Opens a payload: `header` is the unprotected header up to the packet
  /// number, `sealed` the ciphertext with its 16-byte tag. Nil when
  /// authentication fails.
  func open(header: [UInt8], sealed: [UInt8], packetNumber: UInt64) -> [UInt8]? {
    guard sealed.count >= 16 else { return nil }
    var nonce = iv
    for i in 0..<8 { nonce[nonce.count - 1 - i] ^= UInt8(truncatingIfNeeded: packetNumber >> (8 * UInt64(i))) }
    do {
      let box = try AES.GCM.SealedBox(
        nonce: AES.GCM.Nonce(data: nonce), ciphertext: sealed[..<(sealed.count - 16)],
        tag: sealed[(sealed.count - 16)...])
      let plain = try AES.GCM.open(box, using: key, authenticating: header)
      return plain.withUnsafeBytes { Array($0) }
    } catch {
      return nil
    }
  }
}
