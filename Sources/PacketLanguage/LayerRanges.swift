import PacketDissection

/// The layers a layer operator selects: `ip.src#2` is the second IP layer
/// of the packet (inside a tunnel or an ICMP error), `ip.src#[1-2,4]` the
/// first, second and fourth, `ip.src#[-1]` the last. Layers of a protocol
/// count from 1, outermost first; ranges are written as a slice's are.
public struct LayerRanges: Sendable {
  public let ranges: [SliceRange]

  static func parse(_ text: String, at location: SourceLocation) throws(LanguageError) -> LayerRanges {
    LayerRanges(ranges: try SliceRanges.parse(text, at: location).ranges)
  }

  /// Whether layer `number` (from 1) of `total` layers is selected.
  func contains(_ number: Int, of total: Int) -> Bool {
    ranges.contains { range in
      let first = range.start < 0 ? total + 1 + range.start : range.start
      let count = range.length ?? (total + 1 - first)
      return number >= first && number < first + count
    }
  }
}

extension Dissection {
  /// The number, from 1, of the layer that holds record `index` among the
  /// packet's layers of that protocol, and how many layers of it there are.
  func layerNumber(ofRecord index: Int) -> (number: Int, total: Int) {
    var layer = 0
    while layer + 1 < layers.count && layers[layer + 1].firstRecord <= index { layer += 1 }
    guard layers.indices.contains(layer) else { return (0, 0) }
    let proto = layers[layer].protocolID
    var number = 0
    var total = 0
    for (i, span) in layers.enumerated() where span.protocolID == proto {
      total += 1
      if i <= layer { number += 1 }
    }
    return (number, total)
  }
}
