#if canImport(Glibc)
import Glibc
#endif
import PacketWire

/// IPv4 and IPv6 datagrams put back together from their fragments, as
/// Wireshark's first pass does (its `fragment_add_check`): fragments are
/// kept by offset (a repeated offset after the earlier ones), the datagram
/// is whole once a last fragment has set its length and the fragments
/// cover every byte up to it, and then it is built in offset order, the
/// earlier bytes winning where fragments overlap. A datagram put together
/// is forgotten; a later fragment with the same identity starts another.
///
/// State is bounded: at most `maximumOpen` datagrams and `maximumBytes`
/// bytes of fragments are held; past either, the datagram touched longest
/// ago is dropped. A fragment's offset and length come from 16-bit and
/// 13-bit fields, so no datagram grows past 128 KiB.
final class IPDefragmenter {
  /// Which datagram a fragment belongs to: the addresses, the
  /// identification, and (IPv4) the protocol number; IPv6 keeps 256 there.
  struct Key: Hashable {
    var source: NetworkAddress
    var destination: NetworkAddress
    var identification: UInt32
    var proto: UInt16

    /// One word into the hasher, as `ConversationKey` does.
    func hash(into hasher: inout Hasher) {
      let first = source.high &* 0x9e37_79b9_7f4a_7c15 ^ source.low &* 0xc2b2_ae3d_27d4_eb4f
      let second = destination.high &* 0x1656_67b1_9e37_79f9 ^ destination.low &* 0x27d4_eb2f_1656_67c5
      hasher.combine(first ^ (second << 29 | second >> 35) ^ UInt64(identification) << 16 ^ UInt64(proto))
    }
  }

  /// What is known of one fragment once its datagram is whole.
  struct Fragment {
    var frame: Int
    var offset: Int
    var length: Int
    var overlap = false
    var conflict = false
    var multipleTails = false
    var tooLong = false
  }

  /// A datagram put back together at the current frame.
  struct Reassembled {
    var data: [UInt8]
    /// In offset order, as Wireshark lists them.
    var fragments: [Fragment]
  }

  private struct Held {
    var fragment: Fragment
    var bytes: [UInt8]
  }

  private struct Datagram {
    var held: [Held] = []
    /// Set by the first fragment without "more fragments".
    var length: Int?
    var bytes = 0
    var lastUse: Int

    /// Keeps `h` in offset order, after fragments with the same offset.
    mutating func insert(_ h: Held) {
      let at = held.firstIndex { $0.fragment.offset > h.fragment.offset } ?? held.count
      held.insert(h, at: at)
      bytes += h.fragment.length
    }
  }

  static let maximumOpen = 4096
  static let maximumBytes = 32 << 20

  private var open: [Key: Datagram] = [:]
  /// Datagrams waiting for fragments.
  var openCount: Int { open.count }
  private var heldBytes = 0
  private var clock = 0

  /// Adds one fragment (its payload `bytes`, at byte `offset` of the
  /// datagram); answers the datagram when this fragment completes it.
  func add(_ key: Key, frame: Int, offset: Int, bytes: ByteView, more: Bool) -> Reassembled? {
    clock += 1
    // The datagram is changed in place: one lookup for a fragment that
    // joins an open datagram, and its bytes are not copied.
    let index: Dictionary<Key, Datagram>.Index
    if let found = open.index(forKey: key) {
      index = found
    } else {
      open[key] = Datagram(lastUse: clock)
      index = open.index(forKey: key)!
    }
    open.values[index].lastUse = clock
    var fragment = Fragment(frame: frame, offset: offset, length: bytes.count)
    if !more {
      if let length = open.values[index].length {
        if length != offset + bytes.count {
          fragment.multipleTails = true
        }
      } else {
        open.values[index].length = offset + bytes.count
      }
    }
    let held = Held(fragment: fragment, bytes: bytes.copyBytes())
    open.values[index].insert(held)
    heldBytes += bytes.count
    let datagram = open.values[index]
    guard let length = datagram.length, covered(datagram.held) >= length else {
      evict()
      return nil
    }
    heldBytes -= datagram.bytes
    open.remove(at: index)
    return build(datagram.held, length: length)
  }

  /// How far from offset 0 the fragments cover without a gap.
  private func covered(_ held: [Held]) -> Int {
    var end = 0
    for h in held where h.fragment.offset <= end {
      end = max(end, h.fragment.offset + h.fragment.length)
    }
    return end
  }

  private func build(_ held: [Held], length: Int) -> Reassembled {
    var data = [UInt8](repeating: 0, count: length)
    var fragments: [Fragment] = []
    fragments.reserveCapacity(held.count)
    var filled = 0
    for h in held {
      var f = h.fragment
      if f.length > 0 {
        if f.offset >= length {
          f.tooLong = true
        } else if f.offset <= filled {
          // Bytes already placed are compared, not replaced.
          if f.offset < filled {
            f.overlap = true
            let compared = min(f.length, filled - f.offset)
            if !Self.same(data, at: f.offset, h.bytes, count: compared) { f.conflict = true }
          }
          var usable = f.length
          if f.offset + usable > length {
            f.tooLong = true
            usable = length - f.offset
          }
          if f.offset + usable > filled {
            Self.copy(h.bytes, from: filled - f.offset, to: usable, into: &data, at: filled)
            filled = f.offset + usable
          }
        }
      }
      fragments.append(f)
    }
    return Reassembled(data: data, fragments: fragments)
  }

  /// Whether `count` bytes of `data` at `offset` equal the first `count` of `bytes` (in range: the caller checked).
  private static func same(_ data: [UInt8], at offset: Int, _ bytes: [UInt8], count: Int) -> Bool {
    data.withUnsafeBytes { d in
      bytes.withUnsafeBytes { b in memcmp(d.baseAddress! + offset, b.baseAddress!, count) == 0 }
    }
  }

  /// Copies `bytes[from..<to]` into `data` at `at`, as one block (in range: the caller checked).
  private static func copy(_ bytes: [UInt8], from: Int, to: Int, into data: inout [UInt8], at: Int) {
    data.withUnsafeMutableBytes { d in
      bytes.withUnsafeBytes { b in (d.baseAddress! + at).copyMemory(from: b.baseAddress! + from, byteCount: to - from) }
    }
  }

  /// Drops the datagrams touched longest ago while over either limit.
  private func evict() {
    while open.count > Self.maximumOpen || heldBytes > Self.maximumBytes,
      let oldest = open.min(by: { $0.value.lastUse < $1.value.lastUse })
    {
      heldBytes -= oldest.value.bytes
      open.removeValue(forKey: oldest.key)
    }
  }
}

