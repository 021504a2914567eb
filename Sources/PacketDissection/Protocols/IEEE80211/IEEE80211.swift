/// IEEE 802.11 (link type 105, and under radiotap): the MAC header of
/// management, control and data frames, the fixed and tagged parameters
/// of the management frames Wireshark shows most, and LLC under data
/// frames that are not protected. Integers after the frame control field
/// are little-endian. Under radiotap, the frame ends with its FCS when the
/// radiotap flags say so.
enum IEEE80211: UInt8, ProtocolModule {
  case item, typeSubtype, fc, version, type, subtype, flags, ds, toDS, fromDS, moreFragments, retry, powerManagement,
    moreData, protected, order, duration, ra, da, ta, sa, bssid, staa, addr, fragment, sequence, fcs, fcsStatus,
    qos, qosTID, qosPriority
  case fixedTimestamp, fixedBeaconInterval, fixedCapabilities, fixedAuthenticationAlgorithm,
    fixedAuthenticationSequence, fixedListenInterval, fixedCurrentAP, fixedStatusCode, fixedAssociationID,
    fixedReasonCode
  case tagNumber, tagLength, ssid, supportedRates, extendedSupportedRates, currentChannel, meshID

  static var protocolID: ProtocolID { .wlan }
  static var level: LayerLevel { .link }
  /// Link type 105, and Aruba's access points' GRE tunnels (protocol
  /// types 0x8200 to 0x8370, every 0x10), which Wireshark reads as 802.11
  /// frames without an FCS.
  static let bindings = [Binding(.linkType, 105)]
    + stride(from: UInt32(0x8200), through: 0x8370, by: 0x10).map { Binding(.greProto, $0) }
  static let headerBits = 32
  static let variablePart: String? = "Addresses, sequence control and the frame body, by type"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("wlan", "IEEE 802.11 wireless LAN")
    case .typeSubtype: .loose("wlan.fc.type_subtype", "Type/Subtype", .uint(bytes: 2), base: .hex, values: .wlanTypeSubtypes)
    case .fc: .uint("wlan.fc", "Frame Control Field", at: 0, bytes: 2, base: .hex)
    case .version: .uint("wlan.fc.version", "Version", at: 0, bytes: 1, mask: 0x03)
    case .type: .uint("wlan.fc.type", "Type", at: 0, bytes: 1, mask: 0x0c, values: .wlanFrameTypes)
    case .subtype: .uint("wlan.fc.subtype", "Subtype", at: 0, bytes: 1, mask: 0xf0)
    case .flags: .uint("wlan.flags", "Flags", at: 1, bytes: 1, base: .hex)
    case .ds: .uint("wlan.fc.ds", "DS status", at: 1, bytes: 1, mask: 0x03, base: .hex, values: .wlanDSStatus)
    case .toDS: .flag("wlan.fc.tods", "To DS", at: 1, bytes: 1, mask: 0x01)
    case .fromDS: .flag("wlan.fc.fromds", "From DS", at: 1, bytes: 1, mask: 0x02)
    case .moreFragments: .flag("wlan.fc.frag", "More Fragments", at: 1, bytes: 1, mask: 0x04)
    case .retry: .flag("wlan.fc.retry", "Retry", at: 1, bytes: 1, mask: 0x08)
    case .powerManagement: .flag("wlan.fc.pwrmgt", "PWR MGT", at: 1, bytes: 1, mask: 0x10)
    case .moreData: .flag("wlan.fc.moredata", "More Data", at: 1, bytes: 1, mask: 0x20)
    case .protected: .flag("wlan.fc.protected", "Protected flag", at: 1, bytes: 1, mask: 0x40)
    case .order: .flag("wlan.fc.order", "+HTC/Order flag", at: 1, bytes: 1, mask: 0x80)
    case .duration: .uint("wlan.duration", "Duration", at: 2, bytes: 2, mask: 0x7fff, blurb: "Little-endian")
    case .ra: .loose("wlan.ra", "Receiver address", .ether)
    case .da: .loose("wlan.da", "Destination address", .ether)
    case .ta: .loose("wlan.ta", "Transmitter address", .ether)
    case .sa: .loose("wlan.sa", "Source address", .ether)
    case .bssid: .loose("wlan.bssid", "BSS Id", .ether)
    case .staa: .loose("wlan.staa", "STA address", .ether)
    case .addr: .loose("wlan.addr", "Hardware address", .ether, blurb: "Each address of the header")
    case .fragment: .loose("wlan.frag", "Fragment number", .uint(bytes: 2), mask: 0x000f)
    case .sequence: .loose("wlan.seq", "Sequence number", .uint(bytes: 2), mask: 0xfff0)
    case .fcs: .loose("wlan.fcs", "Frame check sequence", .uint(bytes: 4), base: .hex)
    case .fcsStatus: .loose("wlan.fcs.status", "FCS Status", .uint(bytes: 1), base: .none, values: .checksumStatus)
    case .qos: .loose("wlan.qos", "Qos Control", .uint(bytes: 2), base: .hex)
    case .qosTID: .loose("wlan.qos.tid", "TID", .uint(bytes: 2), mask: 0x000f)
    case .qosPriority: .loose("wlan.qos.priority", "Priority", .uint(bytes: 2), mask: 0x0007)
    case .fixedTimestamp: .loose("wlan.fixed.timestamp", "Timestamp", .uint(bytes: 8))
    case .fixedBeaconInterval: .loose("wlan.fixed.beacon", "Beacon Interval", .uint(bytes: 4), blurb: "In time units of 1,024 µs")
    case .fixedCapabilities: .loose("wlan.fixed.capabilities", "Capabilities Information", .uint(bytes: 2), base: .hex)
    case .fixedAuthenticationAlgorithm: .loose("wlan.fixed.auth.alg", "Authentication Algorithm", .uint(bytes: 2), values: .wlanAuthenticationAlgorithms)
    case .fixedAuthenticationSequence: .loose("wlan.fixed.auth_seq", "Authentication SEQ", .uint(bytes: 2), base: .hex)
    case .fixedListenInterval: .loose("wlan.fixed.listen_ival", "Listen Interval", .uint(bytes: 2), base: .hex)
    case .fixedCurrentAP: .loose("wlan.fixed.current_ap", "Current AP", .ether)
    case .fixedStatusCode: .loose("wlan.fixed.status_code", "Status code", .uint(bytes: 2), base: .hex, values: .wlanStatusCodes)
    case .fixedAssociationID: .loose("wlan.fixed.aid", "Association ID", .uint(bytes: 2), base: .hex, mask: 0x3fff)
    case .fixedReasonCode: .loose("wlan.fixed.reason_code", "Reason code", .uint(bytes: 2), base: .hex, values: .wlanReasonCodes)
    case .tagNumber: .loose("wlan.tag.number", "Tag Number", .uint(bytes: 1), values: .wlanTagNumbers)
    case .tagLength: .loose("wlan.tag.length", "Tag length", .uint(bytes: 4))
    case .ssid: .loose("wlan.ssid", "SSID", .bytes)
    case .supportedRates: .loose("wlan.supported_rates", "Supported Rates", .uint(bytes: 1), base: .hex)
    case .extendedSupportedRates: .loose("wlan.extended_supported_rates", "Extended Supported Rates", .uint(bytes: 1), base: .hex)
    case .currentChannel: .loose("wlan.ds.current_channel", "Current Channel", .uint(bytes: 1))
    case .meshID: .loose("wlan.mesh.id", "Mesh ID", .string)
    }
  }

  static let management: UInt8 = 0, control: UInt8 = 1, data: UInt8 = 2

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let first = try c.uint8(0)
    let frameFlags = try c.uint8(1)
    let frameType = first >> 2 & 3, frameSubtype = first >> 4
    try c.add(typeSubtype, at: 0, 1, value: UInt64(frameType) << 4 | UInt64(frameSubtype))
    try c.fixed(fc)
    for field in [version, type, subtype] { try c.fixed(field, depth: 2) }
    try c.fixed(flags, depth: 2)
    for field in [ds, toDS, fromDS, moreFragments, retry, powerManagement, moreData, protected, order] {
      try c.fixed(field, depth: 3)
    }
    guard first & 3 == 0 else { return .stop }
    try c.add(duration, at: 2, 2, value: UInt64(try c.uint16(2).byteSwapped & 0x7fff))
    let bodyEnd = try frameCheckSequence(c)
    let body: Int
    switch frameType {
    case management: body = try managementHeader(c, flags: frameFlags)
    case control:
      try controlHeader(c, subtype: frameSubtype)
      return .stop
    case data: body = try dataHeader(c, subtype: frameSubtype, flags: frameFlags)
    default: return .stop
    }
    if frameFlags & 0x40 != 0 { return try protectedBody(c, at: body, end: bodyEnd) }
    if frameType == management {
      try managementBody(c, subtype: frameSubtype, at: body, end: bodyEnd - c.start)
      return .stop
    }
    // Data frames: subtypes 4 to 7 carry none.
    if frameSubtype & 4 != 0 || c.start + body >= bodyEnd { return .stop }
    return .layer(.llc, at: c.start + body, end: bodyEnd)
  }

  /// A protected body, left undecrypted: after the TKIP or CCMP header (8
  /// bytes, its extended IV bit set) or the WEP IV (4 bytes, and a 4-byte
  /// ICV at the end), the rest is data.
  private static func protectedBody(_ c: LayerCursor, at body: Int, end: Int) throws(DissectionStop) -> Next {
    let keyID = try c.uint8(body + 3)
    if keyID & 0x20 != 0 {
      try c.check(body, 8)
      return .data(at: c.start + body + 8, end: end)
    }
    try c.check(body, 4)
    return .data(at: c.start + body + 4, end: max(c.start + body + 4, end - 4))
  }

  /// Records the FCS when the radiotap header says the frame ends with
  /// one, and answers where the frame's body ends (absolute).
  private static func frameCheckSequence(_ c: LayerCursor) throws(DissectionStop) -> Int {
    guard let radiotap = c.dissection.layers.last(where: { $0.protocolID == .radiotap }),
      RadiotapFacts(c.packet, at: radiotap.start).frameHasFCS, c.length >= 4
    else { return c.end }
    let at = c.length - 4
    if c.capturedLength >= c.length {
      try c.add(fcs, at: at, 4, value: UInt64(try c.uint32(at).byteSwapped))
      c.generated(fcsStatus, value: 2)
    }
    return c.end - 4
  }

  private static func address(_ field: IEEE80211, _ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    try c.add(field, at: offset, 6)
  }

  private static func sequenceControl(_ c: LayerCursor, at offset: Int) throws(DissectionStop) {
    let value = UInt64(try c.uint16(offset).byteSwapped)
    try c.add(fragment, at: offset, 2, value: value & 0xf)
    try c.add(sequence, at: offset, 2, value: value >> 4)
  }

  /// Addresses 1 to 3 and the sequence control; answers the body's offset.
  private static func managementHeader(_ c: LayerCursor, flags: UInt8) throws(DissectionStop) -> Int {
    try address(ra, c, at: 4)
    try address(da, c, at: 4)
    try address(addr, c, at: 4)
    try address(ta, c, at: 10)
    try address(sa, c, at: 10)
    try address(addr, c, at: 10)
    try address(bssid, c, at: 16)
    try address(addr, c, at: 16)
    try sequenceControl(c, at: 22)
    return flags & 0x80 != 0 ? 28 : 24
  }

  private static func controlHeader(_ c: LayerCursor, subtype: UInt8) throws(DissectionStop) {
    switch subtype {
    case 12, 13:
      try address(ra, c, at: 4)
      try address(addr, c, at: 4)
    case 10:
      try address(bssid, c, at: 4)
      try address(addr, c, at: 4)
      try address(ta, c, at: 10)
      try address(addr, c, at: 10)
    case 14, 15:
      try address(ra, c, at: 4)
      try address(addr, c, at: 4)
      try address(bssid, c, at: 10)
      try address(addr, c, at: 10)
    case 2, 4, 5, 8, 9, 11:
      try address(ra, c, at: 4)
      try address(addr, c, at: 4)
      try address(ta, c, at: 10)
      try address(addr, c, at: 10)
    default:
      break
    }
  }

  /// The addresses as the DS bits assign them, the sequence control, the
  /// QoS control; answers the body's offset.
  private static func dataHeader(_ c: LayerCursor, subtype: UInt8, flags: UInt8) throws(DissectionStop) -> Int {
    try address(ra, c, at: 4)
    try address(ta, c, at: 10)
    switch flags & 3 {
    case 0:
      try address(da, c, at: 4)
      try address(sa, c, at: 10)
      try address(bssid, c, at: 16)
    case 1:
      try address(da, c, at: 16)
      try address(sa, c, at: 10)
      try address(bssid, c, at: 4)
      try address(staa, c, at: 10)
    case 2:
      try address(da, c, at: 4)
      try address(sa, c, at: 16)
      try address(bssid, c, at: 10)
      try address(staa, c, at: 4)
    default:
      try address(da, c, at: 16)
      try address(sa, c, at: 24)
    }
    try address(addr, c, at: 4)
    try address(addr, c, at: 10)
    try address(addr, c, at: 16)
    if flags & 3 == 3 { try address(addr, c, at: 24) }
    try sequenceControl(c, at: 22)
    var offset = flags & 3 == 3 ? 30 : 24
    if subtype & 8 != 0 {
      let value = UInt64(try c.uint16(offset).byteSwapped)
      try c.add(qos, at: offset, 2, value: value)
      try c.add(qosTID, at: offset, 2, value: value & 0xf, depth: 2)
      try c.add(qosPriority, at: offset, 2, value: value & 7, depth: 2, flags: .generated)
      offset += 2
      if flags & 0x80 != 0 { offset += 4 }
    }
    return offset
  }

  /// The fixed parameters of the management frames that have them, then
  /// the tagged parameters.
  private static func managementBody(_ c: LayerCursor, subtype: UInt8, at start: Int, end: Int) throws(DissectionStop) {
    var offset = start
    func field(_ f: IEEE80211, _ count: Int) throws(DissectionStop) {
      try c.add(f, at: offset, count, value: try c.uint(offset, count).byteSwapped >> UInt64(64 - count * 8))
      offset += count
    }
    switch subtype {
    case 0:
      try field(fixedCapabilities, 2)
      try field(fixedListenInterval, 2)
    case 1, 3:
      try field(fixedCapabilities, 2)
      try field(fixedStatusCode, 2)
      try c.add(fixedAssociationID, at: offset, 2, value: UInt64(try c.uint16(offset).byteSwapped & 0x3fff))
      offset += 2
    case 2:
      try field(fixedCapabilities, 2)
      try field(fixedListenInterval, 2)
      try address(fixedCurrentAP, c, at: offset)
      offset += 6
    case 5, 8:
      try field(fixedTimestamp, 8)
      try field(fixedBeaconInterval, 2)
      try field(fixedCapabilities, 2)
    case 10, 12:
      try field(fixedReasonCode, 2)
      return
    case 11:
      try field(fixedAuthenticationAlgorithm, 2)
      try field(fixedAuthenticationSequence, 2)
      try field(fixedStatusCode, 2)
    case 4:
      break
    default:
      return
    }
    try taggedParameters(c, at: offset, end: end)
  }

  private static func taggedParameters(_ c: LayerCursor, at start: Int, end: Int) throws(DissectionStop) {
    var offset = start
    while offset + 2 <= end {
      let number = try c.uint8(offset)
      let length = Int(try c.uint8(offset + 1))
      try c.add(tagNumber, at: offset, 1, value: UInt64(number), depth: 3)
      try c.add(tagLength, at: offset + 1, 1, value: UInt64(length), depth: 3)
      let value = offset + 2
      guard value + length <= end else { throw .malformed }
      switch number {
      // An empty SSID (the wildcard) prints as tshark prints a missing value.
      case 0: try c.add(ssid, at: value, length, depth: 3, flags: length == 0 ? .missing : FieldRecord.Flags())
      case 1, 50:
        for i in 0..<length {
          try c.add(number == 1 ? supportedRates : extendedSupportedRates, at: value + i, 1,
            value: UInt64(try c.uint8(value + i)), depth: 3)
        }
      case 114: try c.add(meshID, at: value, length, depth: 3)
      case 3 where length >= 1: try c.add(currentChannel, at: value, 1, value: UInt64(try c.uint8(value)), depth: 3)
      default: break
      }
      offset = value + length
    }
  }
}

extension ValueNames {
  static let wlanTypeSubtypes = ValueNames(IEEE80211Names.typeSubtype)
  static let wlanTagNumbers = ValueNames(IEEE80211Names.tagNumber)
  static let wlanReasonCodes = ValueNames(IEEE80211Names.reasonCode)
  static let wlanStatusCodes = ValueNames(IEEE80211Names.statusCode)
  static let wlanAuthenticationAlgorithms = ValueNames(IEEE80211Names.authenticationAlgorithm)
  static let wlanFrameTypes = ValueNames { type in
    switch type {
    case 0: "Management frame"
    case 1: "Control frame"
    case 2: "Data frame"
    case 3: "Extension frame"
    default: nil
    }
  }
  static let wlanDSStatus = ValueNames { status in
    switch status {
    case 0: "Not leaving DS or network is operating in AD-HOC mode (To DS: 0 From DS: 0)"
    case 1: "Frame from STA to DS via an AP (To DS: 1 From DS: 0)"
    case 2: "Frame from DS to a STA via AP(To DS: 0 From DS: 1)"
    default: "WDS (AP to AP) or Mesh (MP to MP) Frame (To DS: 1 From DS: 1)"
    }
  }
}
