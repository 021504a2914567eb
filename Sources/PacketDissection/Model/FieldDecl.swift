/// What a field holds, in Wireshark's terms (`FT_*`).
public enum FieldKind: Sendable, Equatable {
  /// The protocol's own item (`FT_PROTOCOL`): present when the layer is.
  case protocolItem
  /// A tree label with no value (`FT_NONE`).
  case label
  /// Unsigned integer stored in `bytes` bytes on the wire (`FT_UINTn`).
  case uint(bytes: Int)
  /// Signed integer (`FT_INTn`).
  case int(bytes: Int)
  /// A flag (`FT_BOOLEAN`): prints `1` or `0`.
  case boolean(bytes: Int)
  case ipv4, ipv6, ether
  /// Raw bytes (`FT_BYTES`): prints as lowercase hex without separators.
  case bytes
  /// Text (`FT_STRING`).
  case string
  /// Nanoseconds since the Unix epoch (`FT_ABSOLUTE_TIME`).
  case absoluteTime
  /// Signed nanoseconds (`FT_RELATIVE_TIME`).
  case relativeTime
  /// A frame number (`FT_FRAMENUM`).
  case frameNumber

  /// Wireshark's name for the type, as `tshark -G fields` prints it.
  public var wiresharkName: String {
    switch self {
    case .protocolItem: "FT_PROTOCOL"
    case .label: "FT_NONE"
    case .uint(let n): "FT_UINT\(n * 8)"
    case .int(let n): "FT_INT\(n * 8)"
    case .boolean: "FT_BOOLEAN"
    case .ipv4: "FT_IPv4"
    case .ipv6: "FT_IPv6"
    case .ether: "FT_ETHER"
    case .bytes: "FT_BYTES"
    case .string: "FT_STRING"
    case .absoluteTime: "FT_ABSOLUTE_TIME"
    case .relativeTime: "FT_RELATIVE_TIME"
    case .frameNumber: "FT_FRAMENUM"
    }
  }

  /// True for kinds whose value is an integer (compare and do arithmetic).
  public var isInteger: Bool {
    switch self {
    case .uint, .int, .boolean, .frameNumber: true
    default: false
    }
  }
}

/// How an integer is shown (Wireshark's `BASE_*`).
public enum DisplayBase: Sendable, Equatable {
  case none, dec, hex, oct, decHex, hexDec

  public var wiresharkName: String {
    switch self {
    case .none: "BASE_NONE"
    case .dec: "BASE_DEC"
    case .hex: "BASE_HEX"
    case .oct: "BASE_OCT"
    case .decHex: "BASE_DEC_HEX"
    case .hexDec: "BASE_HEX_DEC"
    }
  }
}

/// Where a field sits in its protocol's fixed header, counted in bits from
/// the first bit of the layer (bit 0 is the most significant bit of byte 0,
/// as the RFC diagrams number them).
public struct BitRange: Sendable, Equatable {
  public let offset: Int
  public let width: Int
  public init(offset: Int, width: Int) {
    self.offset = offset
    self.width = width
  }
  public var end: Int { offset + width }
}

/// One field of a protocol, as Wireshark registers it (`hf_register_info`).
///
/// A field with `bits` sits at a fixed place in the header: the dissector
/// reads it from the declaration, and the layout diagram draws it. Fields in
/// variable parts (options, records) have `bits == nil`; their dissectors
/// place each occurrence as they find it.
public struct FieldDecl: Sendable {
  /// The display-filter name, e.g. `ip.src`.
  public let name: String
  /// The human label, e.g. `Source Address`.
  public let label: String
  public let kind: FieldKind
  public let base: DisplayBase
  /// Position in the fixed header, if the field has one.
  public let bits: BitRange?
  /// Wireshark's bitmask over the field's container integer (0 when the
  /// field uses whole bytes).
  public let mask: UInt64
  /// A longer description, where the label alone would leave a reader guessing.
  public let blurb: String?
  /// Names this field also answers to (Scapy's spellings).
  public let aliases: [String]
  /// The short name the RFC diagrams use (`PSH`, `QR`), for the layout
  /// diagram where the label does not fit its box; nil when the last part
  /// of the filter name serves (`tcp.flags.syn` gives `SYN`).
  public let abbreviation: String?
  /// Names for the field's values, if it has them (integers only).
  public let values: ValueNames?
  /// What a kernel (BPF) program may read of the field, if anything.
  public let kernel: KernelRead?

  public init(
    _ name: String, _ label: String, _ kind: FieldKind, base: DisplayBase = .none,
    bits: BitRange? = nil, mask: UInt64 = 0, blurb: String? = nil, aliases: [String] = [],
    abbreviation: String? = nil, values: ValueNames? = nil, kernel: KernelRead? = nil
  ) {
    self.name = name
    self.label = label
    self.kind = kind
    self.base = base
    self.bits = bits
    self.mask = mask
    self.blurb = blurb
    self.aliases = aliases
    self.abbreviation = abbreviation
    self.values = values
    self.kernel = kernel
  }

  /// The width of the container integer in bytes (1 for booleans and bytes).
  public var containerBytes: Int {
    switch kind {
    case .uint(let n), .int(let n), .boolean(let n): n
    case .ipv4: 4
    case .ipv6: 16
    case .ether: 6
    default: 0
    }
  }
}

extension FieldDecl {
  /// The protocol's own item (case 0 of its fields): its filter name and
  /// tree label are the protocol's.
  static func protocolItem(_ name: String, _ label: String) -> FieldDecl {
    FieldDecl(name, label, .protocolItem)
  }

  /// An integer at a fixed byte offset of the header, optionally masked.
  /// The bit range is derived from the offset, the width and the mask.
  public static func uint(
    _ name: String, _ label: String, at byte: Int, bytes: Int, mask: UInt64 = 0,
    base: DisplayBase = .dec, blurb: String? = nil, aliases: [String] = [], abbreviation: String? = nil,
    values: ValueNames? = nil, kernel: KernelRead? = nil
  ) -> FieldDecl {
    FieldDecl(
      name, label, .uint(bytes: bytes), base: base,
      bits: fixedBits(at: byte, bytes: bytes, mask: mask), mask: mask, blurb: blurb, aliases: aliases,
      abbreviation: abbreviation, values: values, kernel: kernel)
  }

  /// A one-bit (or multi-bit) flag inside a fixed integer of `bytes` bytes.
  public static func flag(
    _ name: String, _ label: String, at byte: Int, bytes: Int, mask: UInt64, blurb: String? = nil,
    abbreviation: String? = nil, values: ValueNames? = nil, kernel: KernelRead? = nil
  ) -> FieldDecl {
    FieldDecl(
      name, label, .boolean(bytes: bytes), base: .none,
      bits: fixedBits(at: byte, bytes: bytes, mask: mask), mask: mask, blurb: blurb,
      abbreviation: abbreviation, values: values, kernel: kernel)
  }

  /// An address or other fixed-width value at a fixed offset.
  public static func fixed(
    _ name: String, _ label: String, _ kind: FieldKind, at byte: Int, bytes: Int, blurb: String? = nil,
    kernel: KernelRead? = nil
  ) -> FieldDecl {
    FieldDecl(name, label, kind, bits: BitRange(offset: byte * 8, width: bytes * 8), blurb: blurb, kernel: kernel)
  }

  /// A field found in a variable part, or computed (no fixed place).
  public static func loose(
    _ name: String, _ label: String, _ kind: FieldKind, base: DisplayBase = .none,
    mask: UInt64 = 0, blurb: String? = nil, aliases: [String] = [], values: ValueNames? = nil,
    kernel: KernelRead? = nil
  ) -> FieldDecl {
    let defaultBase: DisplayBase = kind.isInteger && base == .none ? .dec : base
    return FieldDecl(name, label, kind, base: {
      if case .boolean = kind { return .none }
      return defaultBase
    }(), mask: mask, blurb: blurb, aliases: aliases, values: values, kernel: kernel)
  }

  static func fixedBits(at byte: Int, bytes: Int, mask: UInt64) -> BitRange {
    let containerBits = bytes * 8
    guard mask != 0 else { return BitRange(offset: byte * 8, width: containerBits) }
    let leading = mask.leadingZeroBitCount - (64 - containerBits)
    let width = containerBits - leading - mask.trailingZeroBitCount
    return BitRange(offset: byte * 8 + leading, width: width)
  }
}
