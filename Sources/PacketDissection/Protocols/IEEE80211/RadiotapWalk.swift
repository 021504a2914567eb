import PacketWire

/// The fields of a radiotap header, found as the radiotap standard places
/// them: the presence words first, then each present field aligned to its
/// natural boundary counted from the header's start. Walks the radiotap
/// namespace (its bit numbers start again after a "radiotap namespace
/// next" bit) and skips vendor namespaces by their skip length; stops at
/// the first field whose size it does not know, as Wireshark's iterator does.
struct RadiotapWalk {
  /// A present field: its bit in the radiotap namespace and its offset
  /// from the header's start.
  struct Field {
    let bit: Int
    let offset: Int
  }

  /// The presence words, each with its offset and whether it starts the
  /// radiotap namespace afresh (the first word, or one after bit 29).
  struct Word {
    let value: UInt32
    let offset: Int
    let freshNamespace: Bool
  }

  private(set) var words: [Word] = []
  private(set) var fields: [Field] = []

  /// Alignment and size of the fields of the radiotap namespace, by bit.
  static let shapes: [(align: Int, size: Int)] = [
    (8, 8), (1, 1), (1, 1), (2, 4), (2, 2), (1, 1), (1, 1), (2, 2), (2, 2), (2, 2), (1, 1), (1, 1), (1, 1), (1, 1),
    (2, 2), (2, 2), (1, 1), (1, 1), (4, 8), (1, 3), (4, 8), (2, 12), (8, 12), (2, 12), (2, 12), (2, 6), (1, 1),
    (2, 4),
  ]

  /// Walks the header in `header` (its bytes, from the version byte to the
  /// header's declared length).
  init(_ header: ByteView) {
    var offset = 4
    var fresh = true
    while let value = header.uint32LittleEndian(at: offset) {
      words.append(Word(value: value, offset: offset, freshNamespace: fresh))
      offset += 4
      if value & 0xa000_0000 == 0 { break }
      fresh = value & 0x2000_0000 != 0
      if value & 0x8000_0000 == 0 { break }
    }
    var inRadiotap = true
    var continued = false
    for word in words {
      if inRadiotap {
        var bits = word.value & 0x1fff_ffff
        // Bits 32 and up of the radiotap namespace have no known sizes.
        if continued && bits != 0 { return }
        while bits != 0 {
          let bit = bits.trailingZeroBitCount
          bits &= bits - 1
          guard bit < Self.shapes.count else { return }
          let shape = Self.shapes[bit]
          offset = (offset + shape.align - 1) / shape.align * shape.align
          guard offset + shape.size <= header.count else { return }
          fields.append(Field(bit: bit, offset: offset))
          offset += shape.size
        }
      }
      if word.value & 0x4000_0000 != 0 {
        // A vendor namespace: OUI, sub-namespace and the length of its data.
        offset = (offset + 1) / 2 * 2
        guard let skip = header.uint16LittleEndian(at: offset + 4) else { return }
        offset += 6 + Int(skip)
        inRadiotap = false
        continued = false
      } else if word.value & 0x2000_0000 != 0 {
        inRadiotap = true
        continued = false
      } else {
        continued = true
      }
    }
  }

  /// The offset of the last field with `bit`, if present.
  func offset(of bit: Int) -> Int? { fields.last { $0.bit == bit }?.offset }
}

/// What a radiotap header says about the radio and the frame after it, as
/// Wireshark's `wlan_radio` and 802.11 dissectors read it.
struct RadiotapFacts {
  var tsft: UInt64?
  var flags: UInt8?
  var rate: UInt8?
  var frequency: UInt16?
  var channelFlags: UInt16?
  var signal: Int8?
  var noise: Int8?
  var hasMCS = false
  var hasVHT = false
  var hasHE = false

  /// The facts of the radiotap header at packet offset `start`.
  init(_ packet: ByteView, at start: Int) {
    guard let length = packet.uint16LittleEndian(at: start + 2), Int(length) >= 8 else { return }
    let header = packet.slice(start, min(Int(length), max(0, packet.count - start)))
    let walk = RadiotapWalk(header)
    for field in walk.fields {
      let at = field.offset
      switch field.bit {
      case 0: tsft = header.uint64LittleEndian(at: at)
      case 1: flags = header.uint8(at: at)
      case 2: rate = header.uint8(at: at)
      case 3:
        frequency = header.uint16LittleEndian(at: at)
        channelFlags = header.uint16LittleEndian(at: at + 2)
      case 5: signal = header.uint8(at: at).map { Int8(bitPattern: $0) }
      case 6: noise = header.uint8(at: at).map { Int8(bitPattern: $0) }
      case 19: hasMCS = true
      case 21: hasVHT = true
      case 23: hasHE = true
      default: break
      }
    }
  }

  /// Whether the 802.11 frame ends with its frame check sequence.
  var frameHasFCS: Bool { (flags ?? 0) & 0x10 != 0 }
}
