import PacketWire

/// What a hello's fingerprints are made of, gathered while it is read.
struct TLSHelloFacts {
  /// The hello's own version field.
  var version: UInt16 = 0
  /// In the order they come, GREASE values left out (the lists below too).
  var ciphers: [UInt16] = []
  var extensions: [UInt16] = []
  var groups: [UInt16] = []
  var pointFormats: [UInt8] = []
  var signatureAlgorithms: [UInt16] = []
  var supportedVersions: [UInt16] = []
  /// The first ALPN protocol's bytes, if any.
  var alpn: [UInt8]?

  /// GREASE values (RFC 8701): 0x0a0a, 0x1a1a, … 0xfafa.
  static func isGREASE(_ value: UInt16) -> Bool { value & 0x0f0f == 0x0a0a && value >> 8 == value & 0xff }

  /// JA3's text (Salesforce): version, ciphers, extensions, groups and
  /// point formats, in decimal, as tshark's `tls.handshake.ja3_full`.
  var ja3String: String {
    var out = ByteWriter(capacity: 256)
    FieldText.appendDecimal(UInt64(version), to: &out)
    for list in [ciphers, extensions, groups, pointFormats.map(UInt16.init)] {
      out.append(UInt8(ascii: ","))
      Self.append(list, separator: UInt8(ascii: "-"), hex: false, to: &out)
    }
    return out.text
  }

  /// JA3S's text: the server's version, chosen cipher and extensions.
  var ja3sString: String {
    var out = ByteWriter(capacity: 128)
    FieldText.appendDecimal(UInt64(version), to: &out)
    for list in [ciphers, extensions] {
      out.append(UInt8(ascii: ","))
      Self.append(list, separator: UInt8(ascii: "-"), hex: false, to: &out)
    }
    return out.text
  }

  /// Writes `values` joined by `separator`, each in decimal or as four
  /// lowercase hex digits: written as bytes, since a hello's lists are
  /// long and a String per number cost more than the hello's dissection.
  private static func append(_ values: [UInt16], separator: UInt8, hex: Bool, to out: inout ByteWriter) {
    let digits: StaticString = "0123456789abcdef"
    for (i, value) in values.enumerated() {
      if i > 0 { out.append(separator) }
      guard hex else {
        FieldText.appendDecimal(UInt64(value), to: &out)
        continue
      }
      for shift in stride(from: 12, through: 0, by: -4) { out.append(digits.utf8Start[Int(value >> UInt16(shift)) & 15]) }
    }
  }

  /// `values` as four hex digits each, joined by commas (JA4's lists).
  private static func hexList(_ values: [UInt16]) -> String {
    var out = ByteWriter(capacity: 5 * values.count + 1)
    append(values, separator: UInt8(ascii: ","), hex: true, to: &out)
    return out.text
  }

  /// JA4 as FoxIO's specification defines it (technical_details/JA4.md):
  /// `t13d1516h2_8daaf6152771_e5627efa2ab1`.
  func ja4(transport: TLSHandshakeReader.Transport) -> String {
    var out = transport == .quic ? "q" : "t"
    out += Self.ja4Version(supportedVersions.max() ?? version)
    out += extensions.contains(TLSExtensionType.serverName) ? "d" : "i"
    out += Self.twoDigits(ciphers.count) + Self.twoDigits(extensions.count)
    out += Self.ja4ALPN(alpn ?? [])
    out += "_" + Self.truncatedHash(Self.hexList(ciphers.sorted()))
    let listed = extensions.filter { $0 != TLSExtensionType.serverName && $0 != TLSExtensionType.alpn }.sorted()
    var extensionText = Self.hexList(listed)
    if !signatureAlgorithms.isEmpty { extensionText += "_" + Self.hexList(signatureAlgorithms) }
    out += "_" + (listed.isEmpty ? "000000000000" : Self.truncatedHash(extensionText))
    return out
  }

  static func ja4Version(_ version: UInt16) -> String {
    switch version {
    case 0x0304: "13"
    case 0x0303: "12"
    case 0x0302: "11"
    case 0x0301: "10"
    case 0x0300: "s3"
    case 0x0002: "s2"
    case 0xfeff: "d1"
    case 0xfefd: "d2"
    case 0xfefc: "d3"
    default: "00"
    }
  }

  static func twoDigits(_ count: Int) -> String {
    let n = min(count, 99)
    return n < 10 ? "0\(n)" : String(n)
  }

  /// The first and last characters of the first ALPN value; their hex
  /// digits when either is not alphanumeric; `00` without one.
  static func ja4ALPN(_ value: [UInt8]) -> String {
    guard let first = value.first, let last = value.last else { return "00" }
    func alphanumeric(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) }
    if alphanumeric(first) && alphanumeric(last) { return String(decoding: [first, last], as: UTF8.self) }
    let digits = Array("0123456789abcdef")
    return String([digits[Int(first >> 4)], digits[Int(last & 0x0f)]])
  }

  /// The first 12 hex digits of the text's SHA-256; twelve zeros for no text.
  static func truncatedHash(_ text: String) -> String {
    text.isEmpty ? "000000000000" : String(TLSDigest.sha256Hex(text).prefix(12))
  }
}
