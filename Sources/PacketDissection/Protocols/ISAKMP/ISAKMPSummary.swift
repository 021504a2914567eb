/// How ISAKMP shows: Info is the exchange type (`Quick Mode`), and for
/// IKEv2 the message ID and the initiator and response flags
/// (`IKE_SA_INIT MID=00 Initiator Request`).
extension ISAKMP {
  static var hue: LayerHue? { .magenta }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let kind = f.uint(exchangeType) else { return row.set("ISAKMP", info: nil) }
    var info = ISAKMPNames.exchangeTypeName(kind) ?? "Unknown (\(kind))"
    if let id = f.uint(messageID), let initiatorBit = f.uint(initiator), let responseBit = f.uint(response) {
      let number = String(id)
      info += " MID=" + (number.count < 2 ? "0" + number : number)
      info += initiatorBit != 0 ? " Initiator" : " Responder"
      info += responseBit != 0 ? " Response" : " Request"
    }
    row.set("ISAKMP", info: info)
  }
}

/// The encapsulation names only a NAT keepalive: IKE or ESP inside
/// writes the rest.
extension UDPEncap {
  static var hue: LayerHue? { .magenta }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    if layer.fields.has(natKeepalive) { row.set("UDPENCAP", info: "NAT-keepalive") }
  }
}
