/// MQTT (OASIS MQTT 3.1.1 and 5.0) on TCP port 1883: each control packet
/// of the segment, its fixed header (type, flags, remaining length), a
/// Connect's protocol name and version, and the packet identifier and
/// topics of the types that carry them. Properties (MQTT 5) and payloads
/// are not taken apart. The version a connection's Connect names is
/// remembered: MQTT 3.1's Pubrel, Subscribe and Unsubscribe have DUP and
/// QoS flags, and MQTT 5's Subscribe and Unsubscribe put properties before
/// their topics. When no Connect was seen, the layout whose topics fill the
/// packet exactly is taken.
enum MQTT: UInt8, ProtocolModule {
  case item, headerFlags, messageType, dupFlag, qos, retain, headerReserved, length,
    protocolNameLength, protocolName, version, messageID, topicLength, topic, retainReserved

  static var protocolID: ProtocolID { .mqtt }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.tcpPort, 1883)]
  static let headerBits = 8
  static var variablePart: String? { "Remaining length (1 to 4 bytes), variable header, payload" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mqtt", "MQ Telemetry Transport Protocol")
    case .headerFlags: .uint("mqtt.hdrflags", "Header Flags", at: 0, bytes: 1, base: .hex)
    case .messageType:
      .uint("mqtt.msgtype", "Message Type", at: 0, bytes: 1, mask: 0xf0, abbreviation: "Type", values: .mqttTypes)
    case .dupFlag:
      .flag("mqtt.dupflag", "DUP Flag", at: 0, bytes: 1, mask: 0x08, abbreviation: "DUP", values: .mqttSet)
    case .qos: .uint("mqtt.qos", "QoS Level", at: 0, bytes: 1, mask: 0x06, abbreviation: "QoS", values: .mqttQoS)
    case .retain: .flag("mqtt.retain", "Retain", at: 0, bytes: 1, mask: 0x01, abbreviation: "R", values: .mqttSet)
    case .headerReserved: .loose("mqtt.hdr_reserved", "Reserved", .uint(bytes: 1), mask: 0x0f, blurb: "Fixed Header Reserved Field")
    case .length: .loose("mqtt.len", "Msg Len", .uint(bytes: 8))
    case .protocolNameLength: .loose("mqtt.proto_len", "Protocol Name Length", .uint(bytes: 2))
    case .protocolName: .loose("mqtt.protoname", "Protocol Name", .string)
    case .version: .loose("mqtt.ver", "Version", .uint(bytes: 1), values: .mqttVersions)
    case .messageID: .loose("mqtt.msgid", "Message Identifier", .uint(bytes: 2))
    case .topicLength: .loose("mqtt.topic_len", "Topic Length", .uint(bytes: 2))
    case .topic: .loose("mqtt.topic", "Topic", .string)
    case .retainReserved: .loose("mqtt.retain_reserved", "Reserved", .uint(bytes: 1), mask: 0x01, blurb: "Fixed Header Reserved Field")
    }
  }

  /// Protocol versions as Connect gives them.
  static let version31: UInt8 = 3
  static let version5: UInt8 = 5

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let key = TCPSegment.streamIndex(c)
    var connectionVersion = key.flatMap { c.state.mqttVersions[$0] }
    defer { if let key, let connectionVersion { c.state.mqttVersions[key] = connectionVersion } }
    var offset = 0
    while offset < c.length {
      offset = try message(&c, at: offset, version: &connectionVersion)
    }
    return .stop
  }

  /// Records the control packet at `offset`; answers where the next starts.
  /// A Connect sets the connection's `version`.
  private static func message(_ c: inout LayerCursor, at offset: Int, version connectionVersion: inout UInt8?)
    throws(DissectionStop) -> Int
  {
    let flags = UInt64(try c.uint8(offset))
    let type = flags >> 4
    try c.add(headerFlags, at: offset, 1, value: flags)
    try c.add(messageType, at: offset, 1, value: type, depth: 2)
    if type == MQTTNames.publish {
      try c.add(dupFlag, at: offset, 1, value: flags >> 3 & 1, depth: 2)
      try c.add(qos, at: offset, 1, value: flags >> 1 & 3, depth: 2)
      try c.add(retain, at: offset, 1, value: flags & 1, depth: 2)
    } else if connectionVersion == version31,
      [MQTTNames.publishRelease, MQTTNames.subscribe, MQTTNames.unsubscribe].contains(type)
    {
      try c.add(dupFlag, at: offset, 1, value: flags >> 3 & 1, depth: 2)
      try c.add(qos, at: offset, 1, value: flags >> 1 & 3, depth: 2)
      try c.add(retainReserved, at: offset, 1, value: flags & 1, depth: 2)
    } else {
      try c.add(headerReserved, at: offset, 1, value: flags & 0x0f, depth: 2)
    }
    let (remaining, width) = try remainingLength(c, at: offset + 1)
    TCPSegment.dissectsPDU(c, at: offset, length: 1 + width + remaining)
    try c.add(length, at: offset + 1, width, value: UInt64(remaining))
    let body = offset + 1 + width
    let end = body + remaining
    switch type {
    case MQTTNames.connect:
      let nameLength = Int(try c.uint16(body))
      try c.add(protocolNameLength, at: body, 2, value: UInt64(nameLength))
      try c.add(protocolName, at: body + 2, nameLength)
      let named = try c.uint8(body + 2 + nameLength)
      try c.add(version, at: body + 2 + nameLength, 1, value: UInt64(named))
      connectionVersion = named
    case MQTTNames.publish:
      let at = try topicEntry(&c, at: body)
      if flags >> 1 & 3 != 0 { try c.add(messageID, at: at, 2, value: UInt64(try c.uint16(at))) }
    case MQTTNames.subscribe:
      try c.add(messageID, at: body, 2, value: UInt64(try c.uint16(body)))
      var at = topicsStart(c, from: body + 2, to: end, version: connectionVersion, optionBytes: 1)
      while at + 2 <= end {
        at = try topicEntry(&c, at: at) + 1  // and its options byte
      }
    case MQTTNames.unsubscribe:
      try c.add(messageID, at: body, 2, value: UInt64(try c.uint16(body)))
      var at = topicsStart(c, from: body + 2, to: end, version: connectionVersion, optionBytes: 0)
      while at + 2 <= end {
        at = try topicEntry(&c, at: at)
      }
    case 4...7, MQTTNames.subscribeAck, MQTTNames.unsubscribeAck:
      try c.add(messageID, at: body, 2, value: UInt64(try c.uint16(body)))
    default:
      break
    }
    return end
  }

  /// A topic's length and name at `at`; answers where they end.
  private static func topicEntry(_ c: inout LayerCursor, at: Int) throws(DissectionStop) -> Int {
    let count = Int(try c.uint16(at))
    try c.add(topicLength, at: at, 2, value: UInt64(count))
    try c.add(topic, at: at + 2, count)
    return at + 2 + count
  }

  /// The remaining length (1 to 4 bytes of 7 bits, least significant
  /// first) and its width.
  static func remainingLength(_ c: LayerCursor, at offset: Int) throws(DissectionStop) -> (Int, Int) {
    var value = 0
    for index in 0..<4 {
      let byte = try c.uint8(offset + index)
      value |= Int(byte & 0x7f) << (7 * index)
      if byte & 0x80 == 0 { return (value, index + 1) }
    }
    throw .malformed
  }

  /// Where a Subscribe's or Unsubscribe's topic filters start: after MQTT
  /// 5's properties, right after the packet identifier in earlier
  /// versions; when the version is not known, right after the identifier
  /// if topics laid from there (each followed by `optionBytes`) fill the
  /// packet exactly, else after properties.
  private static func topicsStart(_ c: LayerCursor, from: Int, to end: Int, version: UInt8?, optionBytes: Int) -> Int {
    if let version, version != version5 { return from }
    if version == nil, fills(c, from: from, to: end, optionBytes: optionBytes) { return from }
    guard let (properties, width) = try? remainingLength(c, at: from) else { return from }
    return from + width + properties
  }

  private static func fills(_ c: LayerCursor, from: Int, to end: Int, optionBytes: Int) -> Bool {
    var at = from
    while at + 2 <= end {
      guard let count = try? c.uint16(at) else { return false }
      at += 2 + Int(count) + optionBytes
    }
    return at == end
  }
}
