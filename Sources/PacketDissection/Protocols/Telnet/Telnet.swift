/// Telnet (RFC 854, RFC 855), as Wireshark 4.0 dissects a segment: text
/// between commands as lines (`telnet.data`), and each command after an
/// IAC byte: WILL, WON'T, DO and DON'T with their option, a suboption
/// (SB) with its option and parameters up to the next single IAC. The
/// parameters of Terminal Type and X Display Location (IS or SEND, and a
/// value), of window size (NAWS) and of remote flow control are read; the
/// bytes of suboptions Wireshark has no reader for are option data.
enum Telnet: UInt8, ProtocolModule {
  case item, command, subcommand, data, optionData, stringValue, nawsWidth, nawsHeight, remoteFlowControl

  static var protocolID: ProtocolID { .telnet }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.tcpPort, 23)]

  static let interpretAsCommand: UInt8 = 255
  /// Options whose suboptions Wireshark reads with fields pktsh does not
  /// declare (authentication, encryption, TN3270E, COM port, …): no option data.
  static let optionsWithReaders: Set<UInt8> = [7, 10, 11, 12, 13, 14, 15, 16, 27, 29, 37, 38, 40, 44, 46]
  static let suboption: UInt8 = 250

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("telnet", "Telnet")
    case .command: .loose("telnet.cmd", "Command", .uint(bytes: 1), values: .telnetCommands)
    case .subcommand: .loose("telnet.subcmd", "Subcommand", .uint(bytes: 1), values: .telnetOptions)
    case .data: .loose("telnet.data", "Data", .string)
    case .optionData: .loose("telnet.option_data", "Option data", .bytes)
    case .stringValue: .loose("telnet.string_subopt.value", "Value", .string)
    case .nawsWidth: .loose("telnet.naws_subopt.width", "Width", .uint(bytes: 2))
    case .nawsHeight: .loose("telnet.naws_subopt.height", "Height", .uint(bytes: 2))
    case .remoteFlowControl: .loose("telnet.rfc_subopt.cmd", "Command", .uint(bytes: 1))
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var offset = 0
    let bytes = c.bytes
    while offset < c.length {
      var iac = offset
      while iac < c.capturedLength, bytes.byte(iac) != interpretAsCommand { iac += 1 }
      guard iac < c.capturedLength else {
        addText(c, from: offset, to: c.capturedLength)
        // Bytes the capture cut off: the search ran past them.
        try c.check(offset, c.length - offset)
        break
      }
      addText(c, from: offset, to: iac)
      offset = try commandAt(c, iac)
    }
    return .stop
  }

  /// Text as lines, each with its line end (CR, LF or CR LF).
  private static func addText(_ c: LayerCursor, from start: Int, to end: Int) {
    var offset = start
    let bytes = c.bytes
    while offset < end {
      var lineEnd = offset
      while lineEnd < end, bytes.byte(lineEnd) != 0x0d, bytes.byte(lineEnd) != 0x0a { lineEnd += 1 }
      var next = lineEnd
      if lineEnd < end {
        next += 1
        // CR LF ends a line, and so does CR NUL (RFC 854's bare CR).
        if bytes.byte(lineEnd) == 0x0d, next < end, bytes.byte(next) == 0x0a || bytes.byte(next) == 0 { next += 1 }
      }
      c.computed(data, at: offset, next - offset, bytes: HTTP.asciiText(bytes.slice(offset, next - offset).copyBytes()))
      offset = next
    }
  }

  /// The command whose IAC is at `start`; answers where the next part starts.
  private static func commandAt(_ c: LayerCursor, _ start: Int) throws(DissectionStop) -> Int {
    // An IAC that ends the segment: tshark's read past the end shows in
    // Info (see `summarize`), and the packet is not malformed.
    guard start + 1 != c.length else { return c.length }
    let code = try c.uint8(start + 1)
    try c.add(command, at: start + 1, 1, value: UInt64(code), depth: 2)
    switch code {
    case 251...254:
      guard start + 2 < c.length else { return start + 2 }
      try c.add(subcommand, at: start + 2, 1, value: UInt64(try c.uint8(start + 2)), depth: 2)
      return start + 3
    case suboption:
      return try suboptionAt(c, start)
    default:
      return start + 2
    }
  }

  /// A suboption: its option, then its parameters up to the next IAC that
  /// is not doubled (or the end of the segment).
  private static func suboptionAt(_ c: LayerCursor, _ start: Int) throws(DissectionStop) -> Int {
    let option = try c.uint8(start + 2)
    try c.add(subcommand, at: start + 2, 1, value: UInt64(option), depth: 2)
    let bytes = c.bytes
    var end = start + 3
    var escaped: [Int] = []
    while end < c.capturedLength {
      if bytes.byte(end) == interpretAsCommand {
        guard end + 1 < c.capturedLength, bytes.byte(end + 1) == interpretAsCommand else { break }
        escaped.append(end)
        end += 2
        continue
      }
      end += 1
    }
    if end == c.capturedLength { end = c.length }
    let length = end - (start + 3)
    guard length > 0 else { return end }
    try c.check(start + 3, length)
    // Doubled IACs stand for one.
    var parameters: [UInt8] = []
    var i = start + 3
    while i < end {
      parameters.append(bytes.byte(i))
      i += escaped.contains(i) ? 2 : 1
    }
    switch option {
    case 24, 35:
      stringSuboption(c, parameters, at: start + 3, length: length)
    case 31 where parameters.count == 4:
      try c.add(nawsWidth, at: start + 3, 2, value: UInt64(parameters[0]) << 8 | UInt64(parameters[1]), depth: 3)
      try c.add(nawsHeight, at: start + 5, 2, value: UInt64(parameters[2]) << 8 | UInt64(parameters[3]), depth: 3)
    case 33:
      try c.add(remoteFlowControl, at: start + 3, 1, value: UInt64(parameters[0]), depth: 3)
    case 31:
      break
    case _ where optionsWithReaders.contains(option):
      break
    default:
      try c.add(optionData, at: start + 3, length, depth: 3)
    }
    return end
  }

  /// Terminal Type and X Display Location: IS (0) and the value, or SEND (1).
  private static func stringSuboption(_ c: LayerCursor, _ parameters: [UInt8], at offset: Int, length: Int) {
    guard let verb = parameters.first else { return }
    try? c.add(subcommand, at: offset, 1, value: UInt64(verb), depth: 3)
    if verb == 0 && parameters.count > 1 {
      c.computed(stringValue, at: offset + 1, length - 1, bytes: HTTP.asciiText(parameters[1...]), depth: 3)
    }
  }
}
