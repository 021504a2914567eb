import PacketWire

/// How a protocol shows in the views of a packet: its colour, its
/// headline in the tree and its part of the summary line. Every
/// `ProtocolModule` is one; each protocol's folder has its presentation
/// beside its dissector (`Protocols/UDP/UDPSummary.swift`).
protocol ProtocolPresentation {
  /// The layer's colour; nil for layers that have no bytes of their own
  /// (the frame, the EtherType marker) or whose bytes are another layer's
  /// (MPTCP's, in TCP's options).
  static var hue: LayerHue? { get }
  /// The line that heads the layer in the tree, as Wireshark writes it:
  /// the protocol's label, with its key facts where Wireshark adds them
  /// (`Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2`).
  static func headline(_ f: LayerFields) -> String
  /// Writes the headline's text into `out`. By default `headline`'s
  /// String; protocols in most packets (frame, Ethernet, IP, TCP, UDP)
  /// write it here instead, byte by byte, and leave `headline` alone.
  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter)
  /// Writes the layer's part of the summary line into `row`, over what the
  /// layers before it wrote.
  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow)
  /// Every field `summarize` reads, the protocol's own and other
  /// protocols' (UDP's reads `ip.len`). `list` records only the fields
  /// some protocol names here, so a field left out is absent when
  /// `summarize` looks for it. By default all of the protocol's fields:
  /// right, but not the cheapest. `SummaryFieldsTests` compares the lines
  /// with those of a whole dissection on every corpus capture.
  static var summaryFields: [FieldID] { get }
  /// The fields whose records open a subtree that Wireshark heads with a
  /// line of text of its own (a DNS question, a TCP option).
  static var subtreeOpeners: [FieldID] { get }
  /// The heading lines the tree shows before record `index` (one of
  /// `subtreeOpeners`), outermost first; the last sits one level above
  /// the record. Empty when no heading is due there.
  static func headings(_ f: LayerFields, before index: Int) -> [String]
}

extension ProtocolPresentation {
  /// The protocol's label.
  static func headline(_ f: LayerFields) -> String { f.label }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) { out.append(headline(f)) }

  /// Nothing: the columns stay as the layers before left them.
  static func summarize(_: SummaryLayer, into _: inout SummaryRow) {}

  static var subtreeOpeners: [FieldID] { [] }

  static func headings(_: LayerFields, before _: Int) -> [String] { [] }
}

extension ProtocolModule {
  static var summaryFields: [FieldID] { allCases.map(\.fieldID) }
}

extension ProtocolID {
  /// The protocol's colour in every view; nil for layers without bytes of
  /// their own.
  public var hue: LayerHue? {
    var none: Void = ()
    return Registry.apply(Hue.self, to: self, &none)
  }
}

extension Dissection {
  /// The tree headline of layer `index`.
  public func headline(ofLayer index: Int) -> String {
    var out = ByteWriter(capacity: 128)
    appendHeadline(ofLayer: index, to: &out)
    return out.text
  }

  /// Writes the tree headline of layer `index` into `out`.
  public func appendHeadline(ofLayer index: Int, to out: inout ByteWriter) {
    var none: Void = ()
    let module = Registry.apply(Presentation.self, to: layers[index].protocolID, &none)
    module.appendHeadline(LayerFields(self, layer: index), to: &out)
  }
}

extension Dissection {
  /// Every protocol's `subtreeOpeners`: records the tree asks for headings.
  public static let subtreeOpeners = FieldIDSet(ProtocolID.allCases.flatMap { id in
    var none: Void = ()
    return Registry.apply(SubtreeOpeners.self, to: id, &none)
  })

  /// The heading lines to show before record `index` of layer `layer`,
  /// outermost first, the last one level above the record.
  public func headings(ofLayer layer: Int, before index: Int) -> [String] {
    var request = (fields: LayerFields(self, layer: layer), index: index)
    return Registry.apply(Headings.self, to: layers[layer].protocolID, &request)
  }
}

/// A module's `summaryFields`.
enum SummaryFields: ProtocolOperation {
  typealias Failure = Never
  static func apply<Module: ProtocolModule>(_: Module.Type, _: inout Void) -> [FieldID] { Module.summaryFields }
}

private enum SubtreeOpeners: ProtocolOperation {
  typealias Failure = Never
  static func apply<Module: ProtocolModule>(_: Module.Type, _: inout Void) -> [FieldID] { Module.subtreeOpeners }
}

private enum Headings: ProtocolOperation {
  typealias Failure = Never
  static func apply<Module: ProtocolModule>(
    _: Module.Type, _ request: inout (fields: LayerFields, index: Int)
  ) -> [String] {
    Module.headings(request.fields, before: request.index)
  }
}

/// A module's colour.
private enum Hue: ProtocolOperation {
  typealias Failure = Never
  static func apply<Module: ProtocolModule>(_: Module.Type, _: inout Void) -> LayerHue? { Module.hue }
}

/// A module as its presentation, for the calls that do not need its
/// other requirements (a headline).
private enum Presentation: ProtocolOperation {
  typealias Failure = Never
  static func apply<Module: ProtocolModule>(_: Module.Type, _: inout Void) -> any ProtocolPresentation.Type { Module.self }
}
