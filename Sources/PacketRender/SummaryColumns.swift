import PacketDissection
import PacketWire

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
    var out = ByteWriter(capacity: 128)
    Self.append(
      number: number, time: { $0.append(time) }, source: { $0.append(source) },
      destination: { $0.append(destination) }, protocolName: protocolName, protocolColour: colour ? protocolColour : nil, length: length,
      info: { $0.append(info) }, to: &out)
    return out.text
  }

  /// Writes a row laid out as `line` lays it out into `out`, the time,
  /// addresses and Info written by `time`, `source`, `destination` and `info`;
  /// `protocolColour` paints the protocol column.
  static func append(
    number: Int, time: (inout ByteWriter) -> Void, source: (inout ByteWriter) -> Void,
    destination: (inout ByteWriter) -> Void,
    protocolName: String, protocolColour: String?, length: Int, info: (inout ByteWriter) -> Void, to out: inout ByteWriter
  ) {
    var start = out.count
    FieldText.appendDecimal(UInt64(clamping: number), to: &out)
    out.padLeft(from: start, width: 5)
    out.append(UInt8(ascii: " "))
    start = out.count
    time(&out)
    out.padLeft(from: start, width: 10)
    out.append(UInt8(ascii: " "))
    start = out.count
    source(&out)
    out.padLeft(from: start, width: 12)
    out.append(contentsOf: " \u{2192} ".utf8)
    start = out.count
    destination(&out)
    out.padRight(from: start, width: 12)
    out.append(UInt8(ascii: " "))
    if let protocolColour {
      out.append(contentsOf: ANSI.paint(protocolName, protocolColour).utf8)
    } else {
      out.append(protocolName)
    }
    out.append(UInt8(ascii: " "))
    FieldText.appendDecimal(UInt64(clamping: length), to: &out)
    out.append(UInt8(ascii: " "))
    info(&out)
  }
}
