/// How PostgreSQL shows: the Protocol column is `PGSQL`; Info is `>` (to
/// the server) or `<`, then each message's type letter, `/` between them
/// (`<R/S/S/K/Z`); messages without a type letter add nothing.
extension PGSQL {
  static var hue: LayerHue? { .brightBlue }

  static var summaryFields: [FieldID] { [type.fieldID, TCP.dstport.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let toServer = f.lastTopLayer(.tcp)?.uint(TCP.dstport) == UInt64(serverPort)
    var letters: [String] = []
    for record in f.all(type) where record.length == 1 {
      let letter = f.dissection.packet.byte(Int(record.offset))
      letters.append((0x20..<0x7f).contains(letter) ? String(UnicodeScalar(letter)) : "?")
    }
    row.set("PGSQL", info: (toServer ? ">" : "<") + letters.joined(separator: "/"))
  }
}
