import PacketWire

/// How 802.11 shows: Info names the frame, its sequence control and flags
/// (`Beacon frame, SN=627, FN=0, Flags=........, BI=100, SSID="martinet3"`);
/// the address columns are the source and destination, or for control
/// frames the receiver and transmitter marked `(RA)` and `(TA)`.
extension IEEE80211 {
  static var hue: LayerHue? { .cyan }

  static func headline(_ f: LayerFields) -> String {
    guard let kind = f.uint(typeSubtype) else { return f.label }
    return "IEEE 802.11 \(frameName(kind)), Flags: \(flagText(f))"
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let kind = f.uint(typeSubtype) else { return }
    guard f.uint(version) == 0 else {
      row.set("802.11", info: "Unknown protocol version: \(f.uint(version) ?? 0)")
      return
    }
    var info = frameName(kind)
    if let number = f.uint(sequence) { info += ", SN=\(number), FN=\(f.uint(fragment) ?? 0)" }
    info += ", Flags=" + flagText(f)
    if let interval = f.uint(fixedBeaconInterval) { info += ", BI=\(interval)" }
    if [0x00, 0x02, 0x04, 0x05, 0x08].contains(kind), let name = f.first(ssid) {
      info += name.length == 0 ? ", SSID=Wildcard (Broadcast)" : ", SSID=\"\(FieldText.escaped(f.dissection.valueBytes(name)))\""
    }
    if let mesh = f.first(meshID) { info += ", MESHID=" + FieldText.escaped(f.dissection.valueBytes(mesh)) }
    row.set("802.11", info: info)
    if kind >> 4 == UInt64(control) {
      let receiver = f.first(ra) ?? f.first(bssid)
      let transmitter = f.first(ta) ?? (f.has(ra) ? f.first(bssid) : nil)
      let receiverLabel = f.has(ra) ? "RA" : "BSSID"
      let transmitterLabel = f.has(ta) ? "TA" : "BSSID"
      row.addresses(
        transmitter.map { f.text($0) + " (\(transmitterLabel))" } ?? "",
        receiver.map { f.text($0) + " (\(receiverLabel))" } ?? "")
    } else {
      row.addresses(f.first(sa), f.first(da))
    }
  }

  static func frameName(_ kind: UInt64) -> String {
    IEEE80211Names.typeSubtype(kind) ?? "Unrecognized (Reserved frame)"
  }

  /// The flags as Info writes them: `opmPRMFT` with a dot for each clear
  /// bit, then `C` when the frame carries its FCS.
  static func flagText(_ f: LayerFields) -> String {
    let value = f.uint(flags) ?? 0
    var text = ""
    for (bit, letter) in "opmPRMFT".enumerated() { text.append(value & (0x80 >> UInt64(bit)) != 0 ? letter : ".") }
    return f.has(fcs) ? text + "C" : text
  }
}

/// The radiotap header shows its version and length in the tree.
extension Radiotap {
  static var hue: LayerHue? { .cyan }

  static func headline(_ f: LayerFields) -> String {
    "Radiotap Header v\(f.uint(version) ?? 0), Length \(f.uint(length) ?? 0)"
  }
}

extension WLANRadio {
  static var hue: LayerHue? { nil }
}
