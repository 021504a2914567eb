/// One packet's row in tshark's default one-line output: number, time,
/// source, destination, protocol, length, info.
public struct SummaryColumns: Sendable, Equatable {
  public var number: Int
  /// Seconds since the first packet, already formatted.
  public var time: String
  public var source: String
  public var destination: String
  /// The protocol column, in Wireshark's spelling (`TCP`, `IPv4`, `ICMPv6`).
  public var protocolName: String
  /// Bytes on the wire (`frame.len`).
  public var length: Int
  public var info: String

  public init(
    number: Int, time: String, source: String, destination: String, protocolName: String,
    length: Int, info: String
  ) {
    self.number = number
    self.time = time
    self.source = source
    self.destination = destination
    self.protocolName = protocolName
    self.length = length
    self.info = info
  }

  /// The row as tshark prints it: number right-aligned in 5, time
  /// right-aligned in 10, source right-aligned in 12, ` → `, destination
  /// left-aligned in 12, then protocol, length and info separated by
  /// single spaces. Wider values push the rest along.
  ///
  /// With `colour`, `protocolColour` (an ANSI SGR parameter string such as
  /// `"32"`) paints the protocol column.
  public func line(colour: Bool = false, protocolColour: String? = nil) -> String {
    var protocolText = protocolName
    if colour, let code = protocolColour { protocolText = ANSI.paint(protocolText, code) }
    return Self.padLeft(String(number), 5) + " " + Self.padLeft(time, 10) + " "
      + Self.padLeft(source, 12) + " \u{2192} " + Self.padRight(destination, 12) + " "
      + protocolText + " " + String(length) + " " + info
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    let count = text.utf8.count
    return count >= width ? text : String(repeating: " ", count: width - count) + text
  }

  static func padRight(_ text: String, _ width: Int) -> String {
    let count = text.utf8.count
    return count >= width ? text : text + String(repeating: " ", count: width - count)
  }
}
