import PacketCapture

/// The capture record itself: number, lengths, times, interface, comments.
/// Everything here comes from the capture file, not the packet's bytes.
enum Frame: UInt8, ProtocolModule {
  case item, interfaceID, interfaceName, comment, time, timeEpoch, timeDelta, timeRelative, number, len, capLen,
    marked, ignored, protocols

  static var protocolID: ProtocolID { .frame }
  static var level: LayerLevel { .frame }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("frame", "Frame")
    case .interfaceID: .loose("frame.interface_id", "Interface id", .uint(bytes: 4))
    case .interfaceName: .loose("frame.interface_name", "Interface name", .string)
    case .comment: .loose("frame.comment", "Comment", .string)
    case .time: .loose("frame.time", "Arrival Time", .absoluteTime, blurb: "Absolute time when this frame was captured")
    case .timeEpoch: .loose("frame.time_epoch", "Epoch Time", .relativeTime, blurb: "Seconds since 1970-01-01 00:00:00 UTC")
    case .timeDelta: .loose("frame.time_delta", "Time delta from previous captured frame", .relativeTime)
    case .timeRelative: .loose("frame.time_relative", "Time since reference or first frame", .relativeTime)
    case .number: .loose("frame.number", "Frame Number", .uint(bytes: 4))
    case .len: .loose("frame.len", "Frame length on the wire", .uint(bytes: 4), blurb: "Bytes on the wire", kernel: .wireLength)
    case .capLen: .loose("frame.cap_len", "Frame length stored into the capture file", .uint(bytes: 4), blurb: "Bytes captured", kernel: .capturedLength)
    case .marked: .loose("frame.marked", "Frame is marked", .boolean(bytes: 0))
    case .ignored: .loose("frame.ignored", "Frame is ignored", .boolean(bytes: 0))
    case .protocols: .loose("frame.protocols", "Protocols in frame", .string)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let d = c.dissection
    if let interface = d.frame.interfaceID {
      c.generated(interfaceID, value: UInt64(interface))
      if c.wants(interfaceName), let name = d.frame.interfaceName {
        c.computed(interfaceName, at: 0, 0, bytes: Array(name.utf8))
      }
    }
    if c.wants(comment) {
      for text in d.frame.comments { c.computed(comment, at: 0, 0, bytes: Array(text.utf8)) }
    }
    if d.frame.hasTime, let times = d.frame.unnormalised {
      c.generatedTime(time.fieldID, times.time)
      c.generatedTime(timeEpoch.fieldID, times.time)
      c.generatedTime(timeDelta.fieldID, times.sincePrevious)
      c.generatedTime(timeRelative.fieldID, times.sinceFirst)
    } else if d.frame.hasTime {
      c.generated(time, value: UInt64(bitPattern: d.frame.time))
      c.generated(timeEpoch, value: UInt64(bitPattern: d.frame.time))
      c.generated(timeDelta, value: UInt64(bitPattern: d.frame.sincePrevious))
      c.generated(timeRelative, value: UInt64(bitPattern: d.frame.sinceFirst))
    }
    c.generated(number, value: UInt64(d.frame.number))
    c.generated(len, value: UInt64(d.frame.originalLength))
    c.generated(capLen, value: UInt64(c.packet.count))
    c.generated(marked, value: 0)
    c.generated(ignored, value: 0)
    return .dispatch(.linkType, key: d.frame.linkType.rawValue, at: 0, end: c.end)
  }
}
