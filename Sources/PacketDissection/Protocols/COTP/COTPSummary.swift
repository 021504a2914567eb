/// How COTP shows: Info names each TPDU of the packet, separated by `, `
/// (`CR TPDU src-ref: 0x0000 dst-ref: 0x0000`, `DT TPDU (0) EOT`,
/// `DT TPDU (3) [COTP fragment, 200 bytes]`). The protocol column becomes
/// `COTP` once a first TPDU is read whole: a parameter running past the
/// TPDU leaves TPKT's.
extension COTP {
  static var hue: LayerHue? { .yellow }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let kinds = f.all(type)
    let cut = !layer.complete
    var texts: [String] = []
    for (index, kind) in kinds.enumerated() {
      // The TPDU's fields run from its type to the next TPDU's.
      let from = kind.offset
      let to = index + 1 < kinds.count ? kinds[index + 1].offset : Int32.max
      let own = { (field: COTP) in f.all(field).first { $0.offset > from && $0.offset < to } }
      texts.append(describe(kind.value, own, f, layer))
    }
    row.set(cut && kinds.count == 1 ? "TPKT" : "COTP", info: texts.joined(separator: ", "))
  }

  private static func describe(
    _ kind: UInt64, _ own: (COTP) -> FieldRecord?, _ f: LayerFields, _ layer: SummaryLayer
  ) -> String {
    let name = COTPNames.abbreviation(kind) + " TPDU"
    let destination = own(.destref).map { " dst-ref: " + hex4($0.value) } ?? ""
    switch kind {
    case UInt64(COTPTPDU.connectRequest), UInt64(COTPTPDU.connectConfirm), UInt64(COTPTPDU.disconnectRequest),
      UInt64(COTPTPDU.disconnectConfirm):
      let source = own(.srcref).map { hex4($0.value) } ?? ""
      return "\(name) src-ref: \(source)\(destination)"
    case UInt64(COTPTPDU.data):
      let number = own(.tpduNumber)?.value ?? 0
      var text = "\(name) (\(number))\(destination)"
      if own(.eot)?.value == 1 {
        text += " EOT"
      } else {
        // The fragment is what follows the TPDU number, to the packet's end.
        let payload = Int(own(.eot)?.offset ?? 0) + 1
        let bytes = max(0, min(f.span.end, f.dissection.packet.count) - payload)
        text += " [COTP fragment, \(bytes) byte\(bytes == 1 ? "" : "s")]"
      }
      return text
    default:
      return name
    }
  }

  private static func hex4(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
