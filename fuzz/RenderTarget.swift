/// The renderers: the first packets of the input read as a capture file
/// (and, when small, the input as one packet of two link types) in every
/// view the shell has: the `list` summary line, the `show` tree,
/// `hexdump` plain, marked and by layer, and `layout` of each layer.
enum RenderTarget {
  static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
    if let file = FuzzInput.capture(data, size) {
      let dissector = Dissector()
      dissector.interfaces = file.interfaces
      let summarizer = PacketSummarizer(
        timeDigits: PacketSummarizer.timeDigits(for: file.interfaces.first?.timestampResolution ?? .microseconds))
      var seen = 0
      _ = try? file.forEachPacket { record in
        render(dissector.dissect(record), summarizer)
        seen += 1
        // Views cost far more than dissection: keep inputs quick.
        return seen < 4
      }
    }
    // A capture file read as one packet is mostly a waste of hex dumps.
    guard size > 0 && size <= 4096 else { return }
    // Ethernet, and one more link type the input chooses.
    let linkTypes = [.ethernet, FuzzInput.linkTypes[Int(data[size - 1]) % FuzzInput.linkTypes.count]]
    let dissector = Dissector()
    let summarizer = PacketSummarizer()
    FuzzInput.eachLinkType(data, size, of: linkTypes) { render(dissector.dissect($0), summarizer) }
  }

  private static func render(_ d: Dissection, _ summarizer: PacketSummarizer) {
    _ = summarizer.line(d, colour: true)
    _ = PacketTree.render(d, byteRanges: true, colour: true)
    _ = PacketTree.render(d)
    _ = HexDump.render(d.packet)
    _ = HexDump.renderLayers(d, colour: true)
    for layer in d.layers.indices { _ = LayoutDiagram.render(d, layer: layer) }
    // Marking costs a whole dump: the innermost layer and the last field only.
    if let layer = d.layers.last {
      _ = HexDump.render(d.packet, marked: ByteRanges.layer(Registry.decl(layer.protocolID).name, in: d), colour: true)
    }
    if let record = d.records.last {
      _ = HexDump.render(d.packet, marked: ByteRanges.field(record.field.decl.name, in: d), colour: false)
    }
  }
}
