/// DNP3 (IEEE 1815) on TCP and UDP port 20000: each link-layer frame of
/// the payload (the 10-byte header, then the user data in chunks of up to
/// 16 bytes, each followed by its CRC), its transport byte, and the
/// application header of a frame that holds a whole application fragment
/// (transport FIR and FIN). As tshark, a payload that does not start with
/// 0x05 0x64 or whose header CRC is wrong is not DNP3 (it stays `data`).
/// Application fragments spread over several frames are not put together,
/// and the application objects are not taken apart.
enum DNP3: UInt8, ProtocolModule {
  case item, start, length, control, direction, primary, frameCountBit, frameCountValid, primaryFunction,
    dataFlowControl, secondaryFunction, destination, address, source, headerChecksum
  case transportControl, transportFinal, transportFirst, transportSequence
  case applicationControl, applicationFirst, applicationFinal, applicationConfirm, applicationUnsolicited,
    applicationSequence, functionCode
  case indications, deviceRestart, deviceTrouble, localOutputs, timeSyncRequired, class3Data, class2Data,
    class1Data, broadcast, configurationCorrupt, alreadyExecuting, eventBufferOverflow, parametersInvalid,
    objectsUnknown, functionNotImplemented

  static var protocolID: ProtocolID { .dnp3 }
  static var level: LayerLevel { .application }
  static let bindings = [Binding(.tcpPort, 20000), Binding(.udpPort, 20000)]
  static let headerBits = headerLength * 8
  static var variablePart: String? { "User data in chunks of 16 bytes, each with its CRC" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("dnp3", "Distributed Network Protocol 3.0")
    case .start: .uint("dnp3.start", "Start Bytes", at: 0, bytes: 2, base: .hex)
    case .length: .uint("dnp3.len", "Length", at: 2, bytes: 1, blurb: "Frame Data Length")
    case .control: .uint("dnp3.ctl", "Control", at: 3, bytes: 1, base: .hex, blurb: "Frame Control Byte")
    case .direction: .flag("dnp3.ctl.dir", "Direction", at: 3, bytes: 1, mask: 0x80, abbreviation: "DIR", values: .dnp3Set)
    case .primary: .flag("dnp3.ctl.prm", "Primary", at: 3, bytes: 1, mask: 0x40, abbreviation: "PRM", values: .dnp3Set)
    case .frameCountBit:
      .flag("dnp3.ctl.fcb", "Frame Count Bit", at: 3, bytes: 1, mask: 0x20, abbreviation: "FCB", values: .dnp3Set)
    case .frameCountValid:
      .flag("dnp3.ctl.fcv", "Frame Count Valid", at: 3, bytes: 1, mask: 0x10, abbreviation: "FCV", values: .dnp3Set)
    case .primaryFunction:
      .uint("dnp3.ctl.prifunc", "Control Function Code", at: 3, bytes: 1, mask: 0x0f, blurb: "Frame Control Function Code",
        abbreviation: "Function", values: .dnp3PrimaryFunctions)
    case .dataFlowControl:
      .loose("dnp3.ctl.dfc", "Data Flow Control", .boolean(bytes: 1), mask: 0x10, values: .dnp3Set)
    case .secondaryFunction:
      .loose("dnp3.ctl.secfunc", "Control Function Code", .uint(bytes: 1), mask: 0x0f,
        blurb: "Frame Control Function Code", values: .dnp3SecondaryFunctions)
    // Little-endian: declared without a place, which a big-endian reading would get wrong.
    case .destination: .loose("dnp3.dst", "Destination", .uint(bytes: 2), blurb: "Destination Address")
    case .address: .loose("dnp3.addr", "Address", .uint(bytes: 2), blurb: "Source or Destination Address")
    case .source: .loose("dnp3.src", "Source", .uint(bytes: 2), blurb: "Source Address")
    case .headerChecksum: .loose("dnp3.hdr.CRC", "Data Link Header checksum", .uint(bytes: 2), base: .hex)
    case .transportControl:
      .loose("dnp3.tr.ctl", "Transport Control", .uint(bytes: 1), base: .hex, blurb: "Transport Layer Control Byte")
    case .transportFinal: .loose("dnp3.tr.fin", "Final", .boolean(bytes: 1), mask: 0x80, values: .dnp3Set)
    case .transportFirst: .loose("dnp3.tr.fir", "First", .boolean(bytes: 1), mask: 0x40, values: .dnp3Set)
    case .transportSequence:
      .loose("dnp3.tr.seq", "Sequence", .uint(bytes: 1), mask: 0x3f, blurb: "Frame Sequence Number")
    case .applicationControl:
      .loose("dnp3.al.ctl", "Application Control", .uint(bytes: 1), base: .hex, blurb: "Application Layer Control Byte")
    case .applicationFirst: .loose("dnp3.al.fir", "First", .boolean(bytes: 1), mask: 0x80, values: .dnp3Set)
    case .applicationFinal: .loose("dnp3.al.fin", "Final", .boolean(bytes: 1), mask: 0x40, values: .dnp3Set)
    case .applicationConfirm: .loose("dnp3.al.con", "Confirm", .boolean(bytes: 1), mask: 0x20, values: .dnp3Set)
    case .applicationUnsolicited:
      .loose("dnp3.al.uns", "Unsolicited", .boolean(bytes: 1), mask: 0x10, values: .dnp3Set)
    case .applicationSequence:
      .loose("dnp3.al.seq", "Sequence", .uint(bytes: 1), mask: 0x0f, blurb: "Frame Sequence Number")
    case .functionCode:
      .loose("dnp3.al.func", "Function Code", .uint(bytes: 1), mask: 0xff,
        blurb: "Application Function Code", values: .dnp3ApplicationFunctions)
    case .indications:
      .loose("dnp3.al.iin", "Internal Indications", .uint(bytes: 2), base: .hex, blurb: "Application Layer IIN")
    case .deviceRestart: DNP3.indication("rst", "Device Restart", 0x8000)
    case .deviceTrouble: DNP3.indication("dt", "Device Trouble", 0x4000)
    case .localOutputs: DNP3.indication("dol", "Digital Outputs in Local", 0x2000)
    case .timeSyncRequired: DNP3.indication("tsr", "Time Sync Required", 0x1000)
    case .class3Data: DNP3.indication("cls3d", "Class 3 Data Available", 0x0800)
    case .class2Data: DNP3.indication("cls2d", "Class 2 Data Available", 0x0400)
    case .class1Data: DNP3.indication("cls1d", "Class 1 Data Available", 0x0200)
    case .broadcast: DNP3.indication("bmsg", "Broadcast Msg Rx", 0x0100)
    case .configurationCorrupt: DNP3.indication("cc", "Configuration Corrupt", 0x0020)
    case .alreadyExecuting: DNP3.indication("oae", "Operation Already Executing", 0x0010)
    case .eventBufferOverflow: DNP3.indication("ebo", "Event Buffer Overflow", 0x0008)
    case .parametersInvalid: DNP3.indication("pioor", "Parameters Invalid or Out of Range", 0x0004)
    case .objectsUnknown: DNP3.indication("obju", "Requested Objects Unknown", 0x0002)
    case .functionNotImplemented: DNP3.indication("fcni", "Function Code not implemented", 0x0001)
    }
  }

  private static func indication(_ name: String, _ label: String, _ mask: UInt64) -> FieldDecl {
    .loose("dnp3.al.iin.\(name)", label, .boolean(bytes: 2), mask: mask, values: .dnp3Set)
  }

  static let headerLength = 10
  /// User data bytes between two CRCs.
  static let chunkLength = 16

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard startsFrame(c, at: 0) else {
      c.withdrawn = true
      return .data(at: c.start, end: c.end)
    }
    var offset = 0
    // Each frame of the segment in turn, as tshark's PDU loop takes them.
    while offset < c.length {
      offset += try frame(&c, at: offset)
    }
    return .stop
  }

  /// Whether a frame that tshark accepts starts at `offset`: 0x05, then
  /// 0x64 if captured, then a good header CRC if the header is.
  private static func startsFrame(_ c: LayerCursor, at offset: Int) -> Bool {
    let available = c.capturedLength - offset
    guard available > 0, c.packet.byte(c.start + offset) == 0x05 else { return false }
    if available > 1 && c.packet.byte(c.start + offset + 1) != 0x64 { return false }
    if available >= headerLength {
      let stored = UInt16(c.packet.byte(c.start + offset + 8)) | UInt16(c.packet.byte(c.start + offset + 9)) << 8
      return DNP3CRC.of(c.packet, from: c.start + offset, count: 8) == stored
    }
    return true
  }

  /// Records one frame at `offset` and answers its length on the wire.
  private static func frame(_ c: inout LayerCursor, at offset: Int) throws(DissectionStop) -> Int {
    try c.add(start, at: offset, 2, value: UInt64(try c.uint16(offset)))
    let declared = Int(try c.uint8(offset + 2))
    // Over TCP, tshark's PDU loop sizes the frame from its length: the
    // header's 5 bytes and the CRC of each block of user data past them.
    TCPSegment.dissectsPDU(c, at: offset, length: 5 + declared + max(0, (declared - 5 + 15) / 16) * 2)
    try c.add(length, at: offset + 2, 1, value: UInt64(declared))
    let control = try c.uint8(offset + 3)
    try c.add(self.control, at: offset + 3, 1, value: UInt64(control))
    let bits = UInt64(control)
    try c.add(direction, at: offset + 3, 1, value: bits >> 7 & 1, depth: 2)
    try c.add(primary, at: offset + 3, 1, value: bits >> 6 & 1, depth: 2)
    if control & 0x40 != 0 {
      try c.add(frameCountBit, at: offset + 3, 1, value: bits >> 5 & 1, depth: 2)
      try c.add(frameCountValid, at: offset + 3, 1, value: bits >> 4 & 1, depth: 2)
      try c.add(primaryFunction, at: offset + 3, 1, value: bits & 0x0f, depth: 2)
    } else {
      try c.add(dataFlowControl, at: offset + 3, 1, value: bits >> 4 & 1, depth: 2)
      try c.add(secondaryFunction, at: offset + 3, 1, value: bits & 0x0f, depth: 2)
    }
    let destinationValue = UInt64(try c.uint16(offset + 4).byteSwapped)
    try c.add(destination, at: offset + 4, 2, value: destinationValue, flags: .littleEndian)
    try c.add(address, at: offset + 4, 2, value: destinationValue, flags: [.littleEndian, .hidden])
    let sourceValue = UInt64(try c.uint16(offset + 6).byteSwapped)
    try c.add(source, at: offset + 6, 2, value: sourceValue, flags: .littleEndian)
    try c.add(address, at: offset + 6, 2, value: sourceValue, flags: [.littleEndian, .hidden])
    try c.add(headerChecksum, at: offset + 8, 2, value: UInt64(try c.uint16(offset + 8).byteSwapped), flags: .littleEndian)

    // The length counts control, addresses and user data, not the CRCs.
    let userLength = max(0, declared - 5)
    let chunks = (userLength + chunkLength - 1) / chunkLength
    let frameLength = headerLength + userLength + 2 * chunks
    guard userLength > 0 else { return frameLength }
    try userData(&c, at: offset + headerLength, userLength)
    return frameLength
  }

  /// The transport byte, and the application header when the frame
  /// holds a whole fragment whose CRCs are good.
  private static func userData(_ c: inout LayerCursor, at offset: Int, _ userLength: Int) throws(DissectionStop) {
    let transport = try c.uint8(offset)
    let bits = UInt64(transport)
    try c.add(transportControl, at: offset, 1, value: bits, depth: 1)
    try c.add(transportFinal, at: offset, 1, value: bits >> 7 & 1, depth: 2)
    try c.add(transportFirst, at: offset, 1, value: bits >> 6 & 1, depth: 2)
    try c.add(transportSequence, at: offset, 1, value: bits & 0x3f, depth: 2)
    guard transport & 0xc0 == 0xc0, chunksAreGood(c, at: offset, userLength) else { return }
    // The application header lies in the first chunk (16 bytes with the transport byte).
    guard userLength >= 3 else { return }
    let appControl = UInt64(try c.uint8(offset + 1))
    try c.add(applicationControl, at: offset + 1, 1, value: appControl, depth: 2)
    try c.add(applicationFirst, at: offset + 1, 1, value: appControl >> 7 & 1, depth: 3)
    try c.add(applicationFinal, at: offset + 1, 1, value: appControl >> 6 & 1, depth: 3)
    try c.add(applicationConfirm, at: offset + 1, 1, value: appControl >> 5 & 1, depth: 3)
    try c.add(applicationUnsolicited, at: offset + 1, 1, value: appControl >> 4 & 1, depth: 3)
    try c.add(applicationSequence, at: offset + 1, 1, value: appControl & 0x0f, depth: 3)
    let function = try c.uint8(offset + 2)
    try c.add(functionCode, at: offset + 2, 1, value: UInt64(function), depth: 2)
    guard DNP3Names.isResponse(function), userLength >= 5 else { return }
    let iin = UInt64(try c.uint16(offset + 3))
    try c.add(indications, at: offset + 3, 2, value: iin, depth: 2)
    for bit in [deviceRestart, deviceTrouble, localOutputs, timeSyncRequired, class3Data, class2Data, class1Data,
      broadcast, configurationCorrupt, alreadyExecuting, eventBufferOverflow, parametersInvalid, objectsUnknown,
      functionNotImplemented]
    {
      try c.add(bit, at: offset + 3, 2, value: iin & bit.declaration.mask == 0 ? 0 : 1, depth: 3)
    }
  }

  /// Whether every chunk of the user data is captured and matches its CRC.
  private static func chunksAreGood(_ c: LayerCursor, at offset: Int, _ userLength: Int) -> Bool {
    var remaining = userLength
    var at = c.start + offset
    while remaining > 0 {
      let count = min(chunkLength, remaining)
      guard at + count + 2 <= min(c.end, c.packet.count) else { return false }
      let stored = UInt16(c.packet.byte(at + count)) | UInt16(c.packet.byte(at + count + 1)) << 8
      guard DNP3CRC.of(c.packet, from: at, count: count) == stored else { return false }
      at += count + 2
      remaining -= count
    }
    return true
  }
}
