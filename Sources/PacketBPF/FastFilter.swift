import PacketCapture
import PacketDissection
import PacketLanguage
import PacketWire

/// A filter decided from raw bytes where it can be, without dissecting.
///
/// Made from a checked filter for one link type. `decide` answers
/// `.yes` or `.no` exactly as the dissector and `CompiledFilter` would
/// (with `only` and `deepest` set from the filter, as a scan does), or
/// `.unsure` for the packets only dissection can decide: the caller then
/// dissects those. `program` is the same test as classic BPF for
/// `SO_ATTACH_FILTER`: it answers 0 for no and a nonzero snap length
/// (`BPFProgram.yes` or `BPFProgram.unsure`) otherwise, so the kernel
/// passes both yes and unsure packets and user space re-decides them.
public struct FastFilter: Sendable {
  public enum Decision: Sendable, Equatable {
    case yes, no, unsure
  }

  public let program: BPFProgram
  /// `program`, decoded for running here.
  private let interpreter: BPFInterpreter
  public let linkType: LinkType
  /// The filter reads `frame.cap_len`, which the program takes to equal
  /// the wire length: `decide` is unsure for packets the capture cut short,
  /// and a kernel filter is only exact when the snap length keeps whole packets.
  public let readsCaptureLength: Bool

  /// Translates a checked filter for packets of `linkType`. Throws why
  /// the filter needs dissection (at the part that does) or cannot be a
  /// valid program (too long, for one); nothing else, whatever `filter` is.
  public init(_ filter: CheckedTest, linkType: LinkType) throws(BPFUnsupported) {
    let check = try Check(filter)
    var builder = ProgramBuilder(check: check, linkType: linkType, location: filter.location)
    program = try builder.build()
    interpreter = BPFInterpreter(program)
    self.linkType = linkType
    readsCaptureLength = check.subjects.contains { $0.field?.captureLength == true }
  }

  /// Whether `record` passes the filter, or `.unsure` when only
  /// dissection can say (also for packets of another link type, and when
  /// a capture holds more bytes than the wire length it records).
  @inline(__always)
  public func decide(_ record: PacketRecord) -> Decision {
    let captured = record.bytes.count
    let wire = record.originalLength
    guard record.linkType == linkType, captured <= wire else { return .unsure }
    if readsCaptureLength && captured != wire { return .unsure }
    // Bytes the capture did not keep were there on the wire: a load that
    // needs them cannot be answered from the file.
    let result = interpreter.run(
      record.bytes, wireLength: UInt32(truncatingIfNeeded: wire), outOfBounds: captured < wire ? BPFProgram.unsure : 0)
    return result == 0 ? .no : result == BPFProgram.unsure ? .unsure : .yes
  }
}
