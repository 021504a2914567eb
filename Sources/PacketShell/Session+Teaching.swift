import PacketDissection
import PacketLanguage
import PacketRender

/// The commands for teaching: `layout`, `fields`, `protocols`.
extension Session {
  /// The diagram of `id`'s header; with `range`, one diagram per layer of
  /// `id` in each packet of the range, holding that packet's values.
  func layout(_ id: ProtocolID, _ range: PacketRange?) -> Outcome {
    let proto = Registry.decl(id)
    guard let range else {
      out.write(LayoutDiagram.render(proto))
      return .ok
    }
    guard let capture = loaded() else { return .runtimeFailure }
    var coverage = RangeCoverage(range)
    let walked = scan(capture, fields: nil, filter: nil, through: range.last) { record, d in
      guard range.contains(record.number) else { return true }
      coverage.note(record.number)
      let layers = d.layers.indices.filter { d.layers[$0].protocolID == id }
      if layers.isEmpty { err.line("pktsh: packet \(record.number) has no \(proto.name) layer") }
      for layer in layers { out.write(LayoutDiagram.render(d, layer: layer)) }
      return true
    }
    return finish(walked, coverage, capture)
  }

  func fields(_ id: ProtocolID) -> Outcome {
    out.write(FieldTable.render(Registry.decl(id)))
    return .ok
  }

  func protocols() -> Outcome {
    out.write(ProtocolList.render())
    return .ok
  }
}
