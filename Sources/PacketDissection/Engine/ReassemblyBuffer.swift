import PacketWire

/// The bytes of a PDU that TCP is putting together, kept so that each byte
/// is copied once however many segments the PDU waits for: appending grows
/// the storage by doubling, and room is kept before the bytes where
/// `Dissection.appendReassembled` copies the packet's own bytes, so that
/// the layers above see the packet followed by the PDU without the PDU
/// being copied again each time a segment leaves it still short.
///
/// Copies of a buffer share its storage. The bytes below a copy's `count`
/// never change: only the copy that ends where the storage's bytes end
/// appends in place, past every view handed out; any other copy, or an
/// append that does not fit, moves to new storage.
struct ReassemblyBuffer {
  /// Memory for the room before the bytes and for the bytes.
  final class Storage {
    let base: UnsafeMutableRawPointer
    /// Bytes of room before the PDU's first byte.
    let room: Int
    /// Bytes the PDU may take before the storage must move.
    let capacity: Int
    /// Bytes written after the room, by the copy that appended last.
    var used = 0

    init(room: Int, capacity: Int) {
      self.room = room
      self.capacity = capacity
      base = UnsafeMutableRawPointer.allocate(byteCount: max(1, room + capacity), alignment: 8)
    }

    deinit { base.deallocate() }

    /// The PDU's first byte.
    var bytes: UnsafeMutableRawPointer { base + room }
  }

  /// Room kept before the bytes at first: enough for an Ethernet frame.
  static let initialRoom = 2048

  private(set) var storage: Storage
  /// How many bytes the PDU has.
  private(set) var count: Int

  /// A buffer holding a copy of `bytes`.
  init(_ bytes: ByteView) {
    storage = Storage(room: Self.initialRoom, capacity: bytes.count)
    count = 0
    append(bytes)
  }

  /// The PDU's bytes, valid while this buffer (or a copy) lives.
  var view: ByteView { ByteView(base: UnsafeRawPointer(storage.bytes), count: count) }

  /// Adds `bytes` after the PDU's.
  mutating func append(_ bytes: ByteView) {
    guard bytes.count > 0 else { return }
    let needed = count + bytes.count
    if count != storage.used || needed > storage.capacity {
      move(room: storage.room, capacity: max(needed, 2 * storage.capacity))
    }
    if let source = bytes.base { (storage.bytes + count).copyMemory(from: source, byteCount: bytes.count) }
    count = needed
    storage.used = needed
  }

  /// Copies `prefix` into the room before the bytes (moving to storage
  /// with more room when it does not fit) and answers a view of `prefix`
  /// followed by the PDU. Nothing that still reads an earlier view of the
  /// same storage may be live: the room is overwritten.
  mutating func view(after prefix: ByteView) -> ByteView {
    if prefix.count > storage.room { move(room: max(prefix.count, 2 * storage.room), capacity: storage.capacity) }
    let start = storage.bytes - prefix.count
    if let source = prefix.base { start.copyMemory(from: source, byteCount: prefix.count) }
    return ByteView(base: UnsafeRawPointer(start), count: prefix.count + count)
  }

  /// Moves the bytes to new storage of the given sizes.
  private mutating func move(room: Int, capacity: Int) {
    let moved = Storage(room: room, capacity: capacity)
    moved.bytes.copyMemory(from: storage.bytes, byteCount: count)
    moved.used = count
    storage = moved
  }
}
