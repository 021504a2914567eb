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
    ])

  static let interfaceID = FieldID(.frame, 1, "frame.interface_id")
  static let interfaceName = FieldID(.frame, 2, "frame.interface_name")
  static let comment = FieldID(.frame, 3, "frame.comment")
  static let time = FieldID(.frame, 4, "frame.time")
  static let timeEpoch = FieldID(.frame, 5, "frame.time_epoch")
  static let timeDelta = FieldID(.frame, 6, "frame.time_delta")
  static let timeRelative = FieldID(.frame, 7, "frame.time_relative")
  static let number = FieldID(.frame, 8, "frame.number")
  static let len = FieldID(.frame, 9, "frame.len")
  static let capLen = FieldID(.frame, 10, "frame.cap_len")
  static let marked = FieldID(.frame, 11, "frame.marked")
  static let ignored = FieldID(.frame, 12, "frame.ignored")
  static let protocols = FieldID(.frame, 13, "frame.protocols")

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
    if d.frame.hasTime {
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
