/// 802.11 radio information (`wlan_radio`): what Wireshark derives from a
/// capture's radio header (here radiotap) for any radio header: the PHY,
/// channel, signal and noise. It has no bytes of its own; it reads the
/// radiotap header before it again (`RadiotapFacts`).
enum WLANRadio: UInt8, ProtocolModule {
  case item, phy, shortPreamble, channel, frequency, signalDBM, noiseDBM, snr, timestamp

  static var protocolID: ProtocolID { .wlanRadio }
  static var level: LayerLevel { .link }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("wlan_radio", "802.11 radio information")
    case .phy: .loose("wlan_radio.phy", "PHY type", .uint(bytes: 4), values: .wlanPHYs)
    case .shortPreamble: .loose("wlan_radio.short_preamble", "Short preamble", .boolean(bytes: 1))
    case .channel: .loose("wlan_radio.channel", "Channel", .uint(bytes: 4))
    case .frequency: .loose("wlan_radio.frequency", "Frequency", .uint(bytes: 2))
    case .signalDBM: .loose("wlan_radio.signal_dbm", "Signal strength (dBm)", .int(bytes: 1))
    case .noiseDBM: .loose("wlan_radio.noise_dbm", "Noise level (dBm)", .int(bytes: 1))
    case .snr: .loose("wlan_radio.snr", "Signal/noise ratio (dB)", .int(bytes: 4))
    case .timestamp: .loose("wlan_radio.timestamp", "TSF timestamp", .uint(bytes: 8))
    }
  }

  /// Wireshark's PHY numbers (`PHDR_802_11_PHY_*`).
  static let phyFHSS: UInt64 = 1, phy11b: UInt64 = 4, phy11a: UInt64 = 5, phy11g: UInt64 = 6, phy11n: UInt64 = 7,
    phy11ac: UInt64 = 8, phy11ax: UInt64 = 11

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard let header = c.dissection.layers.last(where: { $0.protocolID == .radiotap }) else {
      return .layer(.wlan, at: c.start, end: c.end)
    }
    let facts = RadiotapFacts(c.packet, at: header.start)
    let phyType = phy(facts)
    if let phyType { c.generated(phy, value: phyType) }
    if phyType == phy11b, let flags = facts.flags { c.generated(shortPreamble, value: UInt64(flags >> 1 & 1)) }
    if let frequency = facts.frequency {
      if let number = channelNumber(frequency) { c.generated(channel, value: number) }
      c.generated(self.frequency, value: UInt64(frequency))
    }
    if let signal = facts.signal { c.generated(signalDBM, value: UInt64(UInt8(bitPattern: signal))) }
    if let noise = facts.noise { c.generated(noiseDBM, value: UInt64(UInt8(bitPattern: noise))) }
    if let signal = facts.signal, let noise = facts.noise {
      c.generated(snr, value: UInt64(UInt32(bitPattern: Int32(signal) - Int32(noise))))
    }
    if let tsft = facts.tsft { c.generated(timestamp, value: tsft) }
    return .layer(.wlan, at: c.start, end: c.end)
  }

  /// The PHY, from the fields present and the channel's flags, as
  /// Wireshark's radiotap dissector decides it.
  static func phy(_ facts: RadiotapFacts) -> UInt64? {
    if facts.hasHE { return phy11ax }
    if facts.hasVHT { return phy11ac }
    if facts.hasMCS { return phy11n }
    if let flags = facts.channelFlags {
      let cck = flags & 0x20 != 0, ofdm = flags & 0x40 != 0, twoGHz = flags & 0x80 != 0, fiveGHz = flags & 0x100 != 0
      if flags & 0x400 != 0 || (twoGHz && ofdm) { return phy11g }
      if twoGHz && cck { return phy11b }
      if fiveGHz && ofdm { return phy11a }
      if flags & 0x800 != 0 { return phyFHSS }
      return nil
    }
    // Without a channel, a DSSS rate (1, 2, 5.5 or 11 Mb/s) says 802.11b.
    if let rate = facts.rate, [2, 4, 11, 22].contains(rate) { return phy11b }
    return nil
  }

  /// The channel number of a frequency in MHz, where the band numbers it.
  static func channelNumber(_ frequency: UInt16) -> UInt64? {
    let f = Int(frequency)
    switch f {
    case 2484: return 14
    case 2412...2472: return UInt64((f - 2407) / 5)
    case 5000...5900: return UInt64((f - 5000) / 5)
    case 4910...4980: return UInt64((f - 4000) / 5)
    default: return nil
    }
  }
}

extension ValueNames {
  static let wlanPHYs = ValueNames { phy in
    switch phy {
    case 1: "802.11 FHSS"
    case 2: "802.11 IR"
    case 3: "802.11 DSSS"
    case 4: "802.11b (HR/DSSS)"
    case 5: "802.11a (OFDM)"
    case 6: "802.11g (ERP)"
    case 7: "802.11n (HT)"
    case 8: "802.11ac (VHT)"
    case 11: "802.11ax (HE)"
    default: nil
    }
  }
}
