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
    var datagram = open.removeValue(forKey: key) ?? Datagram(lastUse: clock)
    datagram.lastUse = clock
    var fragment = Fragment(frame: frame, offset: offset, length: bytes.count)
    if !more {
      if let length = datagram.length {
        if length != offset + bytes.count {
          fragment.multipleTails = true
        }
      } else {
        datagram.length = offset + bytes.count
      }
    }
    let at = datagram.held.firstIndex { $0.fragment.offset > offset } ?? datagram.held.count
    datagram.held.insert(Held(fragment: fragment, bytes: bytes.copyBytes()), at: at)
    datagram.bytes += bytes.count
    heldBytes += bytes.count
    if let length = datagram.length, covered(datagram.held) >= length {
      heldBytes -= datagram.bytes
      return build(datagram.held, length: length)
    }
    open[key] = datagram
    evict()
    return nil
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
            if !data[f.offset..<f.offset + compared].elementsEqual(h.bytes[0..<compared]) { f.conflict = true }
          }
          var usable = f.length
          if f.offset + usable > length {
            f.tooLong = true
            usable = length - f.offset
          }
          if f.offset + usable > filled {
            data.replaceSubrange(filled..<f.offset + usable, with: h.bytes[(filled - f.offset)..<usable])
            filled = f.offset + usable
          }
        }
      }
      fragments.append(f)
    }
    return Reassembled(data: data, fragments: fragments)
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
