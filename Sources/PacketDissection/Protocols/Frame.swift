/// The capture record itself: number, lengths, times, interface, comments.
/// Everything here comes from the capture file, not the packet's bytes.
enum Frame {
  static let decl = ProtocolDecl(
    .frame, name: "frame", label: "Frame", level: .frame,
    fields: [
      .loose("frame.interface_id", "Interface id", .uint(bytes: 4)),
      .loose("frame.interface_name", "Interface name", .string),
      .loose("frame.comment", "Comment", .string),
      .loose("frame.time", "Arrival Time", .absoluteTime, blurb: "Absolute time when this frame was captured"),
      .loose("frame.time_epoch", "Epoch Time", .relativeTime, blurb: "Seconds since 1970-01-01 00:00:00 UTC"),
      .loose("frame.time_delta", "Time delta from previous captured frame", .relativeTime),
      .loose("frame.time_relative", "Time since reference or first frame", .relativeTime),
      .loose("frame.number", "Frame Number", .uint(bytes: 4)),
      .loose("frame.len", "Frame length on the wire", .uint(bytes: 4), blurb: "Bytes on the wire"),
      .loose("frame.cap_len", "Frame length stored into the capture file", .uint(bytes: 4), blurb: "Bytes captured"),
      .loose("frame.marked", "Frame is marked", .boolean(bytes: 0)),
      .loose("frame.ignored", "Frame is ignored", .boolean(bytes: 0)),
      .loose("frame.protocols", "Protocols in frame", .string),
    ],
    dissect: dissect)

  static let interfaceID = decl.field("frame.interface_id")
  static let interfaceName = decl.field("frame.interface_name")
  static let comment = decl.field("frame.comment")
  static let time = decl.field("frame.time")
  static let timeEpoch = decl.field("frame.time_epoch")
  static let timeDelta = decl.field("frame.time_delta")
  static let timeRelative = decl.field("frame.time_relative")
  static let number = decl.field("frame.number")
  static let len = decl.field("frame.len")
  static let capLen = decl.field("frame.cap_len")
  static let marked = decl.field("frame.marked")
  static let ignored = decl.field("frame.ignored")
  static let protocols = decl.field("frame.protocols")

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let info = c.dissection.frame
    if let interface = info.interfaceID {
      c.generated(interfaceID, value: UInt64(interface))
      if c.wants(interfaceName), let name = info.interfaceName {
        c.computed(interfaceName, at: 0, 0, bytes: Array(name.utf8))
      }
    }
    for text in info.comments where c.wants(comment) {
      c.computed(comment, at: 0, 0, bytes: Array(text.utf8))
    }
    if info.hasTime {
      c.generated(time, value: UInt64(bitPattern: info.time))
      c.generated(timeEpoch, value: UInt64(bitPattern: info.time))
      c.generated(timeDelta, value: UInt64(bitPattern: info.sincePrevious))
      c.generated(timeRelative, value: UInt64(bitPattern: info.sinceFirst))
    }
    c.generated(number, value: UInt64(info.number))
    c.generated(len, value: UInt64(info.originalLength))
    c.generated(capLen, value: UInt64(c.packet.count))
    c.generated(marked, value: 0)
    c.generated(ignored, value: 0)
    return .dispatch(.linkType, key: info.linkType.rawValue, at: 0, end: c.end)
  }
}
