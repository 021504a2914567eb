/// Where a fixed field's container sits and how to cut the value out of it:
/// the declaration reduced to plain integers, so the hot path copies no
/// strings or arrays.
struct FieldLayout {
  /// Offset of the container's first byte from the layer's start.
  var byteOffset: Int32 = 0
  /// Container width in bytes.
  var count: Int32 = 0
  /// The field's bits within the container (all ones for whole-byte
  /// fields), and how far to shift them down.
  var mask: UInt64 = ~0
  var shift: UInt8 = 0
}

/// How a field's value is written as text: the two parts of its
/// declaration that `FieldText` reads, without the declaration's strings
/// (copying a `FieldDecl` retains and releases each of them).
struct FieldFormat {
  var kind: FieldKind = .label
  var base: DisplayBase = .none
}

/// The registry flattened into arrays, made once and shared by every
/// dissector: levels by protocol, fixed-field layouts and value formats by
/// `FieldID.raw`, and
/// one 65,536-entry table per dispatch table (keys are 16-bit ports,
/// EtherTypes and smaller numbers).
final class FastTables: Sendable {
  static let shared = FastTables()

  let levels: [LayerLevel]
  let layouts: [FieldLayout]
  let formats: [FieldFormat]
  /// `dispatch[table][key]` is the protocol's raw value, or `none`.
  let dispatch: [[UInt8]]
  static let none: UInt8 = 0xff

  private init() {
    let protocols = Registry.protocols
    levels = protocols.map(\.level)
    var layouts = [FieldLayout](repeating: FieldLayout(), count: protocols.count << 8)
    var formats = [FieldFormat](repeating: FieldFormat(), count: protocols.count << 8)
    for proto in protocols {
      for (index, decl) in proto.fields.enumerated() {
        formats[Int(FieldID(proto.id, index).raw)] = FieldFormat(kind: decl.kind, base: decl.base)
        guard let bits = decl.bits else { continue }
        let container = decl.containerBytes
        let count = container > 0 ? container : bits.width / 8
        // A masked field's bits start inside its container; step back to its first byte.
        let leading = decl.mask == 0 ? 0 : decl.mask.leadingZeroBitCount - (64 - count * 8)
        layouts[Int(FieldID(proto.id, index).raw)] = FieldLayout(
          byteOffset: Int32((bits.offset - leading) / 8), count: Int32(count),
          mask: decl.mask == 0 ? ~0 : decl.mask, shift: UInt8(decl.mask.trailingZeroBitCount & 63))
      }
    }
    self.layouts = layouts
    self.formats = formats
    var dispatch = [[UInt8]](
      repeating: [UInt8](repeating: FastTables.none, count: 65536), count: DispatchTable.allCases.count)
    for proto in protocols {
      for binding in proto.bindings where binding.value < 65536 {
        dispatch[binding.table.index][Int(binding.value)] = proto.id.rawValue
      }
    }
    self.dispatch = dispatch
  }

  @inline(__always) func lookup(_ table: DispatchTable, _ key: UInt32) -> ProtocolID? {
    guard key < 65536 else { return nil }
    let raw = dispatch[table.index][Int(key)]
    return raw == FastTables.none ? nil : ProtocolID(rawValue: raw)
  }
}

extension DispatchTable {
  /// The table's slot in `FastTables.dispatch`.
  var index: Int {
    switch self {
    case .linkType: 0
    case .ethertype: 1
    case .ipProto: 2
    case .tcpPort: 3
    case .udpPort: 4
    case .nullFamily: 5
    case .sllProtocol: 6
    case .greProto: 7
    case .pppProtocol: 8
    case .chdlcProtocol: 9
    }
  }
}
