/// How MQTT shows: Info names each control packet of the segment,
/// comma-separated, with its packet identifier and topics
/// (`Publish Message (id=1) [topicX]`; an Unsubscribe's topics are not
/// shown). It appends to what TCP fenced
/// off, after a comma.
extension MQTT {
  static var hue: LayerHue? { .green }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    // Each packet's name, identifier and topics, in the order Info gives them.
    var items: [(name: String, id: String, topics: String)] = []
    var type: UInt64 = 0
    for (field, record) in f.occurrences(of: MQTT.self) {
      switch field {
      case .messageType:
        type = record.value
        items.append((MQTTNames.typeName(record.value) ?? "Unknown (\(record.value))", "", ""))
      case .messageID: items[items.count - 1].id = " (id=\(record.value))"
      case .topic where type != MQTTNames.unsubscribe: items[items.count - 1].topics += " [\(f.text(record))]"
      default: break
      }
    }
    guard !items.isEmpty else { return row.set("MQTT", info: nil) }
    let text = items.map { $0.name + $0.id + $0.topics }.joined(separator: ", ")
    row.set("MQTT", info: row.isFenced ? ", " + text : text)
  }
}
