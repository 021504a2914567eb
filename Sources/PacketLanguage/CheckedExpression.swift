import PacketDissection

/// A filter after checking: the one form every back end reads (the
/// closure evaluator, the classic BPF builder, and any evaluator of
/// values to come).
///
/// `Checker` makes it from a parsed `Expr` with `let` names substituted:
/// names are resolved to `FieldID`s, literals are read once as the type of
/// what they are compared with (`Constant`), functions, slices and sets
/// are resolved, and each node keeps where it was written, so that a back
/// end that cannot handle a node reports the place.
public struct CheckedTest: Sendable {
  public let form: Form
  public let location: SourceLocation

  /// Wireshark's semantics: a test of a value holds when some occurrence
  /// satisfies it, except where an operator says otherwise.
  public indirect enum Form: Sendable {
    /// Two or more operands joined by one operator, left to right.
    case logical(LogicalOp, [CheckedTest])
    case not(CheckedTest)
    /// A field or protocol alone: it occurs in the packet.
    case present(FieldID)
    /// `field#layers` alone: it occurs in one of those layers.
    case presentInLayers(FieldID, LayerRanges)
    /// `value op constant`. A constant written on the left is moved to
    /// the right, its operator mirrored (`5 < x` is `x > 5`).
    case compareConstant(CompareOp, CheckedValue, Constant)
    /// `value op value`, of compatible types.
    case compare(CompareOp, CheckedValue, CheckedValue)
    /// `value contains "bytes"`.
    case containsConstant(CheckedValue, [UInt8])
    /// `value contains value`, both byte-like.
    case contains(CheckedValue, CheckedValue)
    /// `value matches "pattern"`, the pattern compiled.
    case matches(CheckedValue, RegularExpression)
    /// `value in {a, b, c..d}`: some occurrence equals a value or lies in a range.
    case member(CheckedValue, [SetMember])
    /// `all a op b`: every occurrence of the relation's left value
    /// satisfies it, and there is one.
    case every(CheckedTest)
    /// A value alone (`tcp.flags & 0x02`, `len(http.host)`): some
    /// occurrence is a nonzero number or a non-empty byte string.
    case nonzero(CheckedValue)
  }

  public init(_ form: Form, at location: SourceLocation) {
    self.form = form
    self.location = location
  }
}

/// A value after checking: its type, where it was written, and how it is computed.
public struct CheckedValue: Sendable {
  public let type: ValueType
  public let form: Form
  public let location: SourceLocation

  public indirect enum Form: Sendable {
    /// Each occurrence of a field, as its kind reads (a protocol: its bytes).
    case field(FieldID)
    /// A protocol Wireshark has and pktsh does not dissect (`fc`): no
    /// value in any packet.
    case absent
    /// Each occurrence of a protocol as the bytes from its first byte to the
    /// end of the data it was handed, its payload included: what tshark's
    /// `contains` and `matches` search (`eth contains "GET"`).
    case protocolData(ProtocolID)
    /// `field#layers`: each occurrence in those layers of its protocol,
    /// as its kind reads or (for slices and `len`) as its wire bytes.
    case fieldInLayers(FieldID, LayerRanges, wireBytes: Bool)
    /// Each occurrence of a field as the bytes it has on the wire (an IPv4
    /// address is four bytes): what slices and `len` read of a field that
    /// is not byte-like.
    case wireBytes(FieldID)
    /// An integer literal in arithmetic, or a value a command prints.
    case integer(Int64)
    /// A quoted string a command prints (`echo "total"`).
    case string([UInt8])
    /// A test as a value: one boolean per packet (`print tcp.port == 80`
    /// prints `true` or `false`, as Wireshark 4.4's columns do).
    case test(CheckedTest)
    /// `value[ranges]`: bytes; the empty string where a range falls outside (tshark 4.0).
    case slice(CheckedValue, SliceRanges)
    /// `len(value)`: the number of bytes.
    case length(CheckedValue)
    /// `count(field)`: the number of occurrences, one value per packet;
    /// none where the field does not occur (`count(ip.addr) == 0` holds
    /// for no packet, in tshark too).
    case count(FieldID)
    /// `upper(value)`, `lower(value)`: ASCII letters converted.
    case caseFolded(CheckedValue, upper: Bool)
    /// `bytes & mask`: each value's bytes and the mask's, byte by byte, as
    /// long as the shorter. As a test alone it holds when a byte is not zero.
    case maskedBytes(CheckedValue, [UInt8])
    /// `address & mask` (`ip.src & 255.0.0.0`): each IPv4 or IPv6 value
    /// and the mask, bit by bit, an address again (an IPv4 mask in `low`).
    /// As a test alone it holds when a bit is set.
    case maskedAddress(CheckedValue, high: UInt64, low: UInt64)
    /// Integer arithmetic, wrapping; dividing by zero gives no value.
    case arithmetic(ArithmeticOp, CheckedValue, CheckedValue)
    /// `-value`, wrapping.
    case negate(CheckedValue)
    /// `max(a, b, …)`, `min(a, b, …)`: the greatest or least of every
    /// occurrence of every argument, one value per packet (Wireshark 4.2).
    case extreme([CheckedValue], greatest: Bool)
    /// `abs(value)`: each value's magnitude, wrapping at `Int64.min`.
    case absolute(CheckedValue)
    /// `string(value)`: each value as the text `print` gives it.
    case text(CheckedValue)
    /// A `let` name given its value when the script runs: that value, or
    /// none before it has one.
    case variable(ScriptVariable)
  }

  public init(_ form: Form, type: ValueType, at location: SourceLocation) {
    self.form = form
    self.type = type
    self.location = location
  }

  /// The field it reads, when it is a field and nothing more.
  public var field: FieldID? {
    if case .field(let id) = form { return id }
    return nil
  }
}

/// One element of a checked set.
public enum SetMember: Sendable {
  case value(Constant)
  /// `low..high`, inclusive.
  case range(Constant, Constant)
}
