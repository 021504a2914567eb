/// The radiotap header (link type 127): how a monitor-mode capture
/// describes the radio under each 802.11 frame. Its integers are
/// little-endian; its fields follow the presence words, each aligned to
/// its size (`RadiotapWalk`). Then `wlan_radio`, then the 802.11 frame.
enum Radiotap: UInt8, ProtocolModule {
  case item, version, pad, length, presentWord
  case presentTSFT, presentFlags, presentRate, presentChannel, presentFHSS, presentDBMAntSignal, presentDBMAntNoise,
    presentLockQuality, presentTXAttenuation, presentDBTXAttenuation, presentDBMTXPower, presentAntenna,
    presentDBAntSignal, presentDBAntNoise, presentRXFlags, presentTXFlags, presentDataRetries, presentXChannel,
    presentMCS, presentAMPDU, presentVHT, presentTimestamp, presentHE, presentHEMU, presentZeroLengthPSDU,
    presentLSIG, presentTLV, presentRadiotapNS, presentVendorNS, presentExt
  case mactime, flags, flagsCFP, flagsPreamble, flagsWEP, flagsFragmentation, flagsFCS, flagsDataPad, flagsBadFCS,
    flagsShortGI
  case channelFrequency, channelFlags, dbmAntSignal, dbmAntNoise, antenna, dbAntSignal, rxFlags

  static var protocolID: ProtocolID { .radiotap }
  static var level: LayerLevel { .link }
  static let bindings = [Binding(.linkType, 127)]
  static let headerBits = 64
  static let variablePart: String? = "More presence words, then the present fields"

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("radiotap", "Radiotap Header")
    case .version: .uint("radiotap.version", "Header revision", at: 0, bytes: 1)
    case .pad: .uint("radiotap.pad", "Header pad", at: 1, bytes: 1)
    case .length: .uint("radiotap.length", "Header length", at: 2, bytes: 2, blurb: "Little-endian")
    case .presentWord: .uint("radiotap.present.word", "Present flags word", at: 4, bytes: 4, base: .hex, blurb: "Little-endian; more follow while bit 31 is set")
    case .mactime: .loose("radiotap.mactime", "MAC timestamp", .uint(bytes: 8))
    case .flags: .loose("radiotap.flags", "Flags", .uint(bytes: 1), base: .hex)
    case .flagsCFP: .loose("radiotap.flags.cfp", "CFP", .boolean(bytes: 1), mask: 0x01)
    case .flagsPreamble: .loose("radiotap.flags.preamble", "Preamble", .boolean(bytes: 1), mask: 0x02, values: .radiotapPreamble)
    case .flagsWEP: .loose("radiotap.flags.wep", "WEP", .boolean(bytes: 1), mask: 0x04)
    case .flagsFragmentation: .loose("radiotap.flags.frag", "Fragmentation", .boolean(bytes: 1), mask: 0x08)
    case .flagsFCS: .loose("radiotap.flags.fcs", "FCS at end", .boolean(bytes: 1), mask: 0x10)
    case .flagsDataPad: .loose("radiotap.flags.datapad", "Data Pad", .boolean(bytes: 1), mask: 0x20)
    case .flagsBadFCS: .loose("radiotap.flags.badfcs", "Bad FCS", .boolean(bytes: 1), mask: 0x40)
    case .flagsShortGI: .loose("radiotap.flags.shortgi", "Short GI", .boolean(bytes: 1), mask: 0x80)
    case .channelFrequency: .loose("radiotap.channel.freq", "Channel frequency", .uint(bytes: 4))
    case .channelFlags: .loose("radiotap.channel.flags", "Channel flags", .uint(bytes: 2), base: .hex)
    case .dbmAntSignal: .loose("radiotap.dbm_antsignal", "Antenna signal", .int(bytes: 1))
    case .dbmAntNoise: .loose("radiotap.dbm_antnoise", "Antenna noise", .int(bytes: 1))
    case .antenna: .loose("radiotap.antenna", "Antenna", .uint(bytes: 4))
    case .dbAntSignal: .loose("radiotap.db_antsignal", "dB antenna signal", .uint(bytes: 1))
    case .rxFlags: .loose("radiotap.rxflags", "RX flags", .uint(bytes: 2), base: .hex)
    default:
      .loose("radiotap.present." + presentName.name, presentName.label, .boolean(bytes: 4),
        mask: 1 << UInt64(presentName.bit), values: .radiotapPresent)
    }
  }

  /// The presence bits Wireshark names, by bit, with their field names and labels.
  static let presentNames: [(bit: Int, name: String, label: String)] = [
    (0, "tsft", "TSFT"), (1, "flags", "Flags"), (2, "rate", "Rate"), (3, "channel", "Channel"), (4, "fhss", "FHSS"),
    (5, "dbm_antsignal", "dBm Antenna Signal"), (6, "dbm_antnoise", "dBm Antenna Noise"),
    (7, "lock_quality", "Lock Quality"), (8, "tx_attenuation", "TX Attenuation"),
    (9, "db_tx_attenuation", "dB TX Attenuation"), (10, "dbm_tx_power", "dBm TX Power"), (11, "antenna", "Antenna"),
    (12, "db_antsignal", "dB Antenna Signal"), (13, "db_antnoise", "dB Antenna Noise"), (14, "rxflags", "RX flags"),
    (15, "txflags", "TX flags"), (17, "data_retries", "data retries"), (18, "xchannel", "Channel+"),
    (19, "mcs", "MCS information"), (20, "ampdu", "A-MPDU Status"), (21, "vht", "VHT information"),
    (22, "timestamp", "frame timestamp"), (23, "he", "HE information"), (24, "he_mu", "HE-MU information"),
    (26, "0_length.psdu", "0 Length PSDU"), (27, "l_sig", "L-SIG"), (28, "tlv", "TLVs"),
    (29, "rtap_ns", "Radiotap NS next"), (30, "vendor_ns", "Vendor NS next"), (31, "ext", "Ext"),
  ]

  /// The presence flags in the order they are declared.
  static let presentFields: [Radiotap] = Array(allCases[Int(presentTSFT.rawValue)...Int(presentExt.rawValue)])

  /// The bit, name and label of a presence flag.
  private var presentName: (bit: Int, name: String, label: String) {
    Self.presentNames[Int(rawValue - Self.presentTSFT.rawValue)]
  }

  /// The presence bit a presence flag stands for.
  var presentBit: Int { presentName.bit }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try c.fixed(version)
    try c.fixed(pad)
    let headerLength = Int(try c.uint16(2).byteSwapped)
    try c.add(length, at: 2, 2, value: UInt64(headerLength))
    guard headerLength >= 8 else { throw .malformed }
    try c.check(0, headerLength)
    let walk = RadiotapWalk(c.bytes.slice(0, headerLength))
    for word in walk.words {
      try c.add(presentWord, at: word.offset, 4, value: UInt64(word.value), depth: 2)
      for field in presentFields where word.freshNamespace || field.presentBit >= 29 {
        let set = word.value & (1 << UInt32(field.presentBit)) != 0
        try c.add(field, at: word.offset, 4, value: set ? 1 : 0, depth: 3)
      }
    }
    for field in walk.fields { try record(field, c) }
    return .layer(.wlanRadio, at: c.start + headerLength, end: c.end)
  }

  /// Records the present fields Wireshark shows that pktsh declares.
  private static func record(_ field: RadiotapWalk.Field, _ c: LayerCursor) throws(DissectionStop) {
    let at = field.offset
    switch field.bit {
    case 0:
      try c.check(at, 8)
      try c.add(mactime, at: at, 8, value: c.packet.uint64LittleEndian(at: c.start + at) ?? 0)
    case 1:
      let value = UInt64(try c.uint8(at))
      try c.add(flags, at: at, 1, value: value)
      for (bit, flag) in [flagsCFP, flagsPreamble, flagsWEP, flagsFragmentation, flagsFCS, flagsDataPad, flagsBadFCS, flagsShortGI].enumerated() {
        try c.add(flag, at: at, 1, value: value >> UInt64(bit) & 1, depth: 2)
      }
    case 3:
      try c.add(channelFrequency, at: at, 2, value: UInt64(try c.uint16(at).byteSwapped))
      try c.add(channelFlags, at: at + 2, 2, value: UInt64(try c.uint16(at + 2).byteSwapped))
    case 5: try c.add(dbmAntSignal, at: at, 1, value: UInt64(try c.uint8(at)))
    case 6: try c.add(dbmAntNoise, at: at, 1, value: UInt64(try c.uint8(at)))
    case 11: try c.add(antenna, at: at, 1, value: UInt64(try c.uint8(at)))
    case 12: try c.add(dbAntSignal, at: at, 1, value: UInt64(try c.uint8(at)))
    case 14: try c.add(rxFlags, at: at, 2, value: UInt64(try c.uint16(at).byteSwapped))
    default: break
    }
  }
}

extension ValueNames {
  static let radiotapPresent = ValueNames({ $0 != 0 ? "Present" : "Absent" }, nameAlone: true)
  static let radiotapPreamble = ValueNames({ $0 != 0 ? "Short" : "Long" }, nameAlone: true)
}
