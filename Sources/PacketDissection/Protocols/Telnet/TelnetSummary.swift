/// How Telnet shows: Info is always `Telnet Data ...`, as in Wireshark,
/// and `[BoundErrorUnreassembled Packet]` after it when the segment ends
/// with an IAC whose command is in the next one.
extension Telnet {
  static var hue: LayerHue? { .green }

  static var summaryFields: [FieldID] { [command.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let end = f.span.dataEnd
    let packet = f.dissection.packet
    let cut =
      end > f.span.start && end <= packet.count && packet.byte(end - 1) == interpretAsCommand
      && f.all(command).last.map { Int($0.offset) } != end - 1
    row.set("TELNET", info: "Telnet Data ..." + (cut ? "[BoundErrorUnreassembled Packet]" : ""))
  }
}
