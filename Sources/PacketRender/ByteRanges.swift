import PacketDissection

/// The bytes behind fields and layers, as absolute offsets into the
/// packet: what the hex dump marks and the tree's `byteRanges` option shows.
public enum ByteRanges {
  /// The bytes of every occurrence of the field called `name` (a filter
  /// name or alias); generated fields have none. Empty for unknown names.
  public static func field(_ name: String, in d: Dissection) -> [Range<Int>] {
    guard let id = Registry.field(named: name) else { return [] }
    return d.occurrences(of: id).filter { $0.length > 0 }.map(\.byteRange)
  }

  /// The header bytes of every layer of the protocol called `name` (`ip`,
  /// `tcp`), including layers quoted inside others.
  public static func layer(_ name: String, in d: Dissection) -> [Range<Int>] {
    layers(in: d).filter { Registry.decl($0.protocolID).name == name }.map(\.range)
  }

  /// Every layer that has bytes of its own, in packet order: the frame
  /// and the EtherType marker are left out. A layer quoted inside another
  /// (an ICMP error's IP header) follows its host, so it wins where they
  /// overlap.
  public static func layers(in d: Dissection) -> [(protocolID: ProtocolID, range: Range<Int>)] {
    d.layers.compactMap { layer in
      guard layer.protocolID != .frame, layer.protocolID != .ethertype, layer.end > layer.start else { return nil }
      return (layer.protocolID, layer.start..<layer.end)
    }
  }
}
