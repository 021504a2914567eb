import PacketDissection
import PacketWire

/// The text of a computed value, as `tshark -T fields` (4.0) prints a
/// field of its type: integers in decimal whatever the field's base (a
/// computed value has no base), addresses as usual, bytes as hex digits,
/// strings escaped, time offsets as seconds with nine decimals, a decimal
/// number with three. A test's
/// value, which tshark 4.0 cannot print, is `true` or `false`, as Wireshark
/// 4.4 prints a filter column. A field printed alone keeps its own
/// format (`FieldText`), base included.
public enum ValueText {
  public static func append(_ value: RuntimeValue, type: ValueType, to out: inout ByteWriter) {
    switch value {
    case .integer(let n):
      if type == .boolean {
        out.append(contentsOf: (n != 0 ? "true" : "false").utf8)
        return
      }
      if n < 0 { out.append(UInt8(ascii: "-")) }
      guard type == .decimal else {
        FieldText.appendDecimal(n.magnitude, to: &out)
        return
      }
      // Thousandths, as `stats` prints an average: `612.500`.
      FieldText.appendDecimal(n.magnitude / 1000, to: &out)
      out.append(UInt8(ascii: "."))
      let fraction = n.magnitude % 1000
      if fraction < 100 { out.append(UInt8(ascii: "0")) }
      if fraction < 10 { out.append(UInt8(ascii: "0")) }
      FieldText.appendDecimal(fraction, to: &out)
    case .ipv4(let address):
      FieldText.appendIPv4(address, to: &out)
    case .ipv6(let high, let low):
      withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { FieldText.appendIPv6(ByteView($0), to: &out) }
    case .bytes(let bytes):
      switch type {
      case .string: FieldText.appendEscaped(bytes, to: &out)
      case .ether: FieldText.appendEther(bytes, to: &out)
      default: FieldText.appendHex(bytes, to: &out)
      }
    case .time(let nanoseconds):
      if type == .absoluteTime {
        out.append(contentsOf: FieldText.absoluteTime(nanoseconds).utf8)
      } else {
        FieldText.appendRelativeTime(nanoseconds, to: &out)
      }
    }
  }
}
