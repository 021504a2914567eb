import PacketCapture
import PacketDissection
import PacketLanguage
import PacketWire

/// Fields read from raw bytes where a packet's shape allows, without
/// dissecting: what `stats` groups and adds up when every value it reads
/// is a field at a fixed place (`ip.src`, `tcp.dstport`, `frame.len`).
///
/// A classic BPF program, built by the same rules as `FastFilter`'s, sorts
/// each packet into a `Shape`; under a shape every field has known
/// occurrences at known offsets, read here as the dissector records them.
/// A packet the program cannot sort exactly (an ICMP error quoting a
/// datagram, a tunnel, stacked VLAN tags, a cut-short header) is left to
/// the caller to dissect, so the values are always the dissector's.
public struct FastFields: Sendable {
  /// Each field's type: its values are 1 word (integers and IPv4
  /// addresses), 2 (an Ethernet address: 4 bytes, then 2) or 4 (IPv6).
  public let types: [FieldType]
  private let interpreter: BPFInterpreter
  private let linkType: LinkType
  /// What to read for each shape the program answers, field by field:
  /// its steps are `steps[starts[shape]..<starts[shape + 1]]`.
  private let steps: [Step]
  private let starts: [Int]
  /// The most words a packet of any shape has.
  private let mostWords: Int

  /// One word of an occurrence of field `field`, or the test that decides
  /// whether the dissector records the occurrence at all.
  private struct Step: Sendable {
    var field: Int
    var load: Load
    /// Set for a test: when the loaded value fails it, the next `skip`
    /// steps (the occurrence's words) are not read.
    var test: Condition?
    var skip = 0
  }

  /// A `Value` as one load, a mask and a shift.
  private struct Load: Sendable {
    enum From: Sendable {
      case absolute
      /// After the IPv4 header whose first byte is at `header`.
      case indexed
      case wireLength
    }

    var from: From
    var offset: Int
    var header = 0
    var size: UInt32
    var mask: UInt32 = ~0
    var shiftRight: UInt32 = 0
    var shiftLeft: UInt32 = 0

    init?(_ value: Value) {
      switch value.source {
      case .absolute(let at, let size): (from, offset, self.size) = (.absolute, Int(at), size)
      case .indexed(let at, let size, let header):
        (from, offset, self.size, self.header) = (.indexed, Int(at), size, Int(header))
      case .wireLength: (from, offset, size) = (.wireLength, 0, 4)
      }
      // The declarations' operations: a mask, then a shift.
      for op in value.operations {
        switch op {
        case .and(let k) where shiftRight == 0 && shiftLeft == 0: mask &= k
        case .rsh(let k) where shiftRight == 0 && shiftLeft == 0 && k < 32: shiftRight = k
        case .lsh(let k) where shiftRight == 0 && shiftLeft == 0 && k < 32: shiftLeft = k
        default: return nil
        }
      }
    }

    /// The value; nil past the captured bytes.
    @inline(__always)
    func value(_ bytes: ByteView, wire: UInt32) -> UInt32? {
      let at: Int
      switch from {
      case .absolute: at = offset
      case .indexed:
        guard let h = bytes[header] else { return nil }
        at = Int(h & 0x0f) << 2 + offset
      case .wireLength:
        return ((wire & mask) >> shiftRight) << shiftLeft
      }
      guard bytes.contains(at, Int(size)), let base = bytes.base else { return nil }
      let loaded: UInt32 =
        switch size {
        case 1: UInt32(base.load(fromByteOffset: at, as: UInt8.self))
        case 2: UInt32(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
        default: UInt32(bigEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
        }
      return ((loaded & mask) >> shiftRight) << shiftLeft
    }
  }

  /// Nil when a field has no fixed place (`tcp.len`, `frame.cap_len`, a
  /// field of another protocol) or the link type has no translation.
  public init?(_ fields: [FieldID], linkType: LinkType) {
    var subjects: [Subject] = []
    for id in fields {
      guard let entry = FieldModel.fields[id], !entry.captureLength, let first = entry.spots.first else { return nil }
      subjects.append(Subject(layer: first.layer, field: entry, mask: nil))
    }
    var builder = ProgramBuilder(
      check: .and(subjects.map(Check.present)), linkType: linkType,
      location: SourceLocation(line: 1, column: 1, offset: 0, length: 0), sortsOnly: true)
    guard let program = try? builder.build() else { return nil }
    var steps: [Step] = []
    var starts: [Int] = []
    var mostWords = 0
    for shape in builder.shapes {
      starts.append(steps.count)
      var words = 0
      for (field, subject) in subjects.enumerated() {
        for o in Check.occurrences(subject, shape) {
          switch o.present {
          case .constant(true): break
          case .test(let value, let test):
            guard let load = Load(value) else { return nil }
            steps.append(Step(field: field, load: load, test: test, skip: o.words.count))
          default: return nil
          }
          for word in o.words {
            guard let load = Load(word) else { return nil }
            steps.append(Step(field: field, load: load))
          }
          words += o.words.count
        }
      }
      mostWords = max(mostWords, words)
    }
    starts.append(steps.count)
    interpreter = BPFInterpreter(program)
    self.linkType = linkType
    types = subjects.map { $0.field!.type }
    self.steps = steps
    self.starts = starts
    self.mostWords = mostWords
  }

  /// Reads every field's occurrences in `record` into `reading`; false
  /// when only dissection can say what they are (`reading` is then
  /// incomplete): a packet the program leaves unsure, of another link
  /// type, or whose capture cut off bytes a value needs.
  public func read(_ record: PacketRecord, into reading: inout FieldReading) -> Bool {
    let bytes = record.bytes
    let wire = UInt32(truncatingIfNeeded: record.originalLength)
    guard record.linkType == linkType, bytes.count <= record.originalLength else { return false }
    let shape = Int(interpreter.run(bytes, wireLength: wire, outOfBounds: BPFProgram.unsure)) - 1
    guard shape >= 0 && shape < starts.count - 1 else { return false }
    if reading.words.count < mostWords { reading.words = Array(repeating: 0, count: mostWords) }
    if reading.ends.count != types.count { reading.ends = Array(repeating: 0, count: types.count) }
    let first = starts[shape]
    let last = starts[shape + 1]
    return steps.withUnsafeBufferPointer { steps in
      reading.words.withUnsafeMutableBufferPointer { words in
        reading.ends.withUnsafeMutableBufferPointer { ends in
          var n = 0
          var field = 0
          var i = first
          while i < last {
            let step = steps[i]
            i += 1
            while field < step.field {
              ends[field] = n
              field += 1
            }
            guard let a = step.load.value(bytes, wire: wire) else { return false }
            if let test = step.test {
              let holds =
                switch test {
                case .equal(let k): a == k
                case .greater(let k): a > k
                case .greaterOrEqual(let k): a >= k
                case .anyBits(let k): a & k != 0
                }
              if !holds { i += step.skip }
            } else {
              words[n] = a
              n += 1
            }
          }
          while field < ends.count {
            ends[field] = n
            field += 1
          }
          return true
        }
      }
    }
  }
}

/// The fields `FastFields` read from one packet, reused from packet to
/// packet: every occurrence's words, field after field.
public struct FieldReading: Sendable {
  /// The words; those past the last field's end are left over from other packets.
  public internal(set) var words: [UInt32] = []
  /// Where each field's words end in `words` (they start where the field before ends).
  public internal(set) var ends: [Int] = []

  public init() {}
}
