import PacketDissection
import PacketWire

/// A checked value compiled once, ready to evaluate packet after packet:
/// what `print`, `count by`, `echo` and `stats` read.
///
/// `fields` tells the dissector what to record. A value has any number
/// of values in a packet: a field one per occurrence, arithmetic one per
/// pair of its operands' values (as Wireshark computes over repeated
/// fields), `count`, `max`, `min` and a test one.
public struct CompiledValue: @unchecked Sendable {
  public let checked: CheckedValue
  public let fields: [FieldID]
  private let produce: ClosureCompiler.Producer

  public init(_ checked: CheckedValue) {
    var compiler = ClosureCompiler()
    produce = compiler.values(checked)
    fields = compiler.used.sorted()
    self.checked = checked
  }

  /// Calls `visit` with each value in `dissection` until it answers true;
  /// answers whether it did. A value's bytes live only during its visit.
  @inline(__always)
  public func forEach(_ dissection: Dissection, _ visit: (RuntimeValue) -> Bool) -> Bool {
    produce(dissection, visit)
  }

  /// Appends the text of each value, joined by ',' (nothing when there is none).
  public func appendText(_ dissection: Dissection, to out: inout ByteWriter) {
    let type = checked.type
    var first = true
    _ = produce(dissection) { value in
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      ValueText.append(value, type: type, to: &out)
      return false
    }
  }
}
