import Dispatch
import PacketDissection
import PacketWire

#if canImport(Glibc)
  import Glibc
#endif

/// Formats packets' text on a second thread while the calling thread
/// dissects the packets after them: on a machine with two cores, `show`
/// takes about as long as the slower of the two halves rather than both.
///
/// The calling thread hands each finished dissection over with `submit`,
/// which copies it (`Dissection.copy(of:)`) into one of a ring of `depth`
/// slots; the formatting thread writes each slot's text in turn, and the
/// calling thread takes the texts back in packet order (`emit`), so output
/// is the same, byte for byte, as formatting in line. Everything that
/// spans packets (TCP analysis, reassembly, conversations) stays with the
/// dissector on the calling thread; `format` reads only the copy in its
/// slot and tables written once before (field declarations).
///
/// `@unchecked Sendable`: the formatting thread and the calling thread
/// share the slots, but never one slot at once. Two semaphores hand each
/// slot over: `filled` after the calling thread wrote its dissection,
/// `formatted` after the formatting thread wrote its text; each signal
/// orders the writes before it with the reads after the matching wait.
/// `sent`, `received` and `closing` are the calling thread's; `closing` is
/// written only once the formatting thread has formatted every slot and
/// waits for the next, and is read by it only after that wait.
final class FormattingPipeline: @unchecked Sendable {
  /// One packet in flight: its dissection, copied, and its text.
  private final class Slot {
    let dissection = Dissection()
    var text = ByteWriter(capacity: 1 << 14)
  }

  private let slots: [Slot]
  private let format: @Sendable (Dissection, inout ByteWriter) -> Void
  private let filled = DispatchSemaphore(value: 0)
  private let formatted = DispatchSemaphore(value: 0)
  private let stopped = DispatchSemaphore(value: 0)
  private var sent = 0
  private var received = 0
  private var closing = false

  /// Whether a second thread can pay for itself: more than one core online.
  static var worthwhile: Bool { sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 }

  /// Starts the formatting thread; `format` writes one packet's text.
  /// Call `finish` before the pipeline goes away.
  init(depth: Int = 16, format: @escaping @Sendable (Dissection, inout ByteWriter) -> Void) {
    slots = (0..<max(1, depth)).map { _ in Slot() }
    self.format = format
    DispatchQueue.global().async { [self] in run() }
  }

  /// Hands `d` over to be formatted; when every slot is in flight, first
  /// takes back the oldest packet's text and passes it to `emit`.
  func submit(_ d: Dissection, emit: (UnsafeRawBufferPointer) -> Void) {
    if sent - received == slots.count { takeBack(emit) }
    slots[sent % slots.count].dissection.copy(of: d)
    sent += 1
    filled.signal()
  }

  /// Takes back the text of every packet still in flight, in order, then
  /// stops the formatting thread.
  func finish(emit: (UnsafeRawBufferPointer) -> Void) {
    while received < sent { takeBack(emit) }
    closing = true
    filled.signal()
    stopped.wait()
  }

  private func takeBack(_ emit: (UnsafeRawBufferPointer) -> Void) {
    formatted.wait()
    let slot = slots[received % slots.count]
    slot.text.withBytes(emit)
    slot.text.removeAll()
    received += 1
  }

  /// The formatting thread: each slot in turn, until `finish`.
  private func run() {
    var next = 0
    while true {
      filled.wait()
      if closing { break }
      let slot = slots[next % slots.count]
      format(slot.dissection, &slot.text)
      next += 1
      formatted.signal()
    }
    stopped.signal()
  }
}
