/// NetBIOS names as Wireshark writes them: 15 characters with trailing
/// spaces dropped and unprintable bytes as `<xx>`, then the name's type
/// byte as `<xx>` (RFC 1001 section 14).
enum NetBIOSName {
  /// The text of a name read from the message and its type byte (nil
  /// when it is not a NetBIOS name). Its first label, "first-level
  /// encoding" (two letters a byte, each taken as its distance from `A`,
  /// as Wireshark reads any letter `A`–`Z`), is decoded to at most 16
  /// bytes, and any scope after it kept as it was; otherwise Wireshark's
  /// complaint stands for the name.
  static func decode(_ text: [UInt8]) -> (text: [UInt8], type: UInt8?) {
    let label = text.prefix { $0 != UInt8(ascii: ".") }
    var bytes: [UInt8] = []
    var i = label.startIndex
    while i < label.endIndex {
      guard isLetter(label[i]) else { return illegal("1st character not between A and Z in first-level encoding") }
      guard i + 1 < label.endIndex else { return illegal("odd number of bytes") }
      guard isLetter(label[i + 1]) else { return illegal("2nd character not between A and Z in first-level encoding") }
      if bytes.count < 16 { bytes.append((label[i] &- UInt8(ascii: "A")) << 4 | (label[i + 1] &- UInt8(ascii: "A"))) }
      i += 2
    }
    guard bytes.count == 16 else { return illegal("\(bytes.count) bytes long") }
    var out = listed(Array(bytes.prefix(15)))
    out += Array("<\(FieldText.hexByte(bytes[15]))>".utf8)
    out += text[label.endIndex...]
    return (out, bytes[15])
  }

  private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

  private static func illegal(_ reason: String) -> (text: [UInt8], type: UInt8?) {
    (Array("Illegal NetBIOS name (\(reason))".utf8), nil)
  }

  /// What a name of this type is, as Wireshark describes it ("Unknown"
  /// for another type or no NetBIOS name).
  static func typeDescription(_ type: UInt8?) -> String {
    switch type {
    case 0x00, 0x02: "Workstation/Redirector"
    case 0x01: "Browser"
    case 0x03: "Messenger service/Main name"
    case 0x05: "Forwarded name"
    case 0x06: "RAS Server service"
    case 0x1b: "Domain Master Browser"
    case 0x1c: "Domain Controllers"
    case 0x1d: "Local Master Browser"
    case 0x1e: "Browser Election Service"
    case 0x1f: "Net DDE Service"
    case 0x20: "Server service"
    case 0x21: "RAS client service"
    case 0x22: "Exchange Interchange (MSMail Connector)"
    case 0x23: "Exchange Store"
    case 0x24: "Exchange Directory"
    case 0x2b: "Lotus Notes Server service"
    case 0x30: "Modem sharing server service"
    case 0x31: "Modem sharing client service"
    case 0x43: "SMS Clients Remote Control"
    case 0x44: "SMS Administrators Remote Control Tool"
    case 0x45: "SMS Clients Remote Chat"
    case 0x46: "SMS Clients Remote Transfer"
    case 0x4c, 0x52: "DEC Pathworks TCP/IP Service on Windows NT"
    case 0x6a: "Microsoft Exchange IMC"
    case 0x87: "Microsoft Exchange MTA"
    case 0xbe: "Network Monitor Agent"
    case 0xbf: "Network Monitor Analyzer"
    default: "Unknown"
    }
  }

  /// The first 15 bytes of a name: unprintable bytes as `<xx>`, trailing
  /// spaces dropped.
  static func listed(_ bytes: [UInt8]) -> [UInt8] {
    var end = bytes.count
    while end > 0 && bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
    var out: [UInt8] = []
    for byte in bytes.prefix(end) {
      if byte >= 0x20 && byte < 0x7f {
        out.append(byte)
      } else {
        out += Array("<\(FieldText.hexByte(byte))>".utf8)
      }
    }
    return out
  }
}
