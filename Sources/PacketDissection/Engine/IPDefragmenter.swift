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
///
/// A question that reads nothing a datagram could carry holds it unread
/// (`addUnread`): its fragments' places and lengths without their bytes,
/// by the same rules, and nothing to dissect once it is whole.
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
    /// Held without bytes (`addUnread`): nothing is built when it is whole.
    var unread = false

    /// Keeps `h` in offset order, after fragments with the same offset
    /// (found from the end: fragments mostly come in order).
    mutating func insert(_ h: Held) {
      var at = held.count
      while at > 0 && held[at - 1].fragment.offset > h.fragment.offset { at -= 1 }
      if at == held.count { held.append(h) } else { held.insert(h, at: at) }
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
  /// datagram); answers the datagram when this fragment completes it. A
  /// datagram held unread keeps no bytes and answers nothing.
  func add(_ key: Key, frame: Int, offset: Int, bytes: ByteView, more: Bool) -> Reassembled? {
    // The datagram is changed in place: one lookup for a fragment that
    // joins an open datagram, and its bytes are not copied.
    let index = entry(key, found: open.index(forKey: key))
    let unread = open.values[index].unread
    let fragment = Fragment(frame: frame, offset: offset, length: bytes.count)
    guard let whole = hold(fragment, bytes: unread ? [] : bytes.copyBytes(), more: more, at: index), !unread
    else { return nil }
    return build(whole.held, length: whole.length!)
  }

  /// Adds one fragment of `length` bytes without them, for a question
  /// that reads nothing its datagram could carry, and answers whether it
  /// did: when the datagram is held unread already, or when the fragment
  /// `startsUnread` (it is at offset 0 and its first bytes show that the
  /// datagram carries nothing the question reads) and no fragment held
  /// before starts there too, whose bytes would come first. The bytes of
  /// fragments held before are then dropped. Otherwise nothing changes,
  /// and the fragment is for `add`.
  func addUnread(_ key: Key, frame: Int, offset: Int, length: Int, more: Bool, startsUnread: Bool) -> Bool {
    let found = open.index(forKey: key)
    if let found {
      // Read in place: a copy of the datagram would make its list copied when changed.
      let unread = open.values[found].unread
      guard unread || (startsUnread && open.values[found].held.first?.fragment.offset != 0) else { return false }
      if !unread {
        open.values[found].unread = true
        for i in open.values[found].held.indices { open.values[found].held[i].bytes = [] }
      }
    } else if !startsUnread {
      return false
    }
    let index = entry(key, found: found)
    open.values[index].unread = true
    _ = hold(Fragment(frame: frame, offset: offset, length: length), bytes: [], more: more, at: index)
    return true
  }

  /// The open datagram `key` names (at `found` when open), opened when
  /// there is none, as just used.
  private func entry(_ key: Key, found: Dictionary<Key, Datagram>.Index?) -> Dictionary<Key, Datagram>.Index {
    clock += 1
    if let found {
      open.values[found].lastUse = clock
      return found
    }
    open[key] = Datagram(lastUse: clock)
    return open.index(forKey: key)!
  }

  /// Holds `fragment` (with `bytes`, its payload or none) in the datagram
  /// at `index`, and answers the datagram, forgotten, when that makes it
  /// whole; otherwise drops datagrams past the limits.
  private func hold(_ fragment: Fragment, bytes: [UInt8], more: Bool, at index: Dictionary<Key, Datagram>.Index) -> Datagram? {
    var fragment = fragment
    if !more {
      if let length = open.values[index].length {
        if length != fragment.offset + fragment.length {
          fragment.multipleTails = true
        }
      } else {
        open.values[index].length = fragment.offset + fragment.length
      }
    }
    open.values[index].insert(Held(fragment: fragment, bytes: bytes))
    heldBytes += fragment.length
    guard let length = open.values[index].length, covered(open.values[index].held) >= length else {
      evict()
      return nil
    }
    let datagram = open.remove(at: index).value
    heldBytes -= datagram.bytes
    return datagram
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

