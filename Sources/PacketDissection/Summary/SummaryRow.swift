import PacketWire

/// The columns of a packet's summary line that its layers fill in, as
/// Wireshark's dissectors fill in the Source, Destination, Protocol and
/// Info columns: each layer in turn, later layers overwriting earlier ones.
///
/// A row may hold a layer whose Info is written only when the line is
/// (`set(_:infoOf:written:)`): read or write it before the dissection it
/// was made from moves on to another packet.
public struct SummaryRow {
  /// An address column: text a layer wrote, or the address field whose
  /// value is the text. A field is written out only when the line is, so
  /// the Ethernet addresses that IP overwrites cost nothing.
  enum Column: Sendable {
    case text(String)
    case field(FieldRecord)
  }

  var source = Column.text("")
  var destination = Column.text("")
  /// In Wireshark's spelling (`TCP`, `IPv4`, `ICMPv6`).
  public internal(set) var protocolName = ""
  /// Info, made into text here when a layer's Info waits to be written.
  public internal(set) var info: String {
    get {
      guard deferred != nil else { return infoText }
      var out = ByteWriter(capacity: 128)
      appendInfo(to: &out)
      return out.text
    }
    set {
      infoText = newValue
      deferred = nil
    }
  }
  /// Info's text; with `deferred`, the text before the layer's.
  private var infoText = ""
  /// A layer whose Info `write` writes when the line is written (TCP's,
  /// which the layers above mostly replace: then it is never made), and
  /// text added after it. What `write` writes is never empty.
  private var deferred: (fields: LayerFields, write: (LayerFields, inout ByteWriter) -> Void, after: String)?
  /// Text a layer put before Info that later layers keep (Wireshark's
  /// column fence): TCP's analysis, `[TCP Retransmission] `.
  private var fenced = ""
  /// Text around the protocol names later layers set (GTP's `GTP <…>`).
  private var protocolWrapping: (prefix: String, suffix: String)?
  /// Wireshark raised no exception for how the packet ends, so Info gets
  /// no `[Malformed Packet]` even where the dissection stopped early: the
  /// last layer is undissected bytes or a frame nobody dissects, or an IP
  /// header has the wrong version.
  public internal(set) var endsQuietly = false

  /// Sets the protocol column and, when there is any, the Info text.
  mutating func set(_ protocolName: String, info: String?) {
    setProtocol(protocolName)
    // Most rows have no fence: then the text is kept as it is, not copied.
    if let info { self.info = fenced.isEmpty ? info : fenced + info }
  }

  /// Sets the protocol column, and Info to what `write` writes from
  /// `fields` (never nothing) when the line is written.
  mutating func set(
    _ protocolName: String, infoOf fields: LayerFields, written write: @escaping (LayerFields, inout ByteWriter) -> Void
  ) {
    setProtocol(protocolName)
    infoText = fenced
    deferred = (fields, write, "")
  }

  private mutating func setProtocol(_ protocolName: String) {
    if let protocolWrapping {
      self.protocolName = protocolWrapping.prefix + protocolName + protocolWrapping.suffix
    } else {
      self.protocolName = protocolName
    }
  }

  var infoIsEmpty: Bool { deferred == nil && infoText.isEmpty }

  /// Adds `text` at the end of Info.
  mutating func appendToInfo(_ text: String) {
    if deferred != nil { deferred?.after += text } else { infoText += text }
  }

  /// Writes Info into `out`.
  public func appendInfo(to out: inout ByteWriter) {
    out.append(infoText)
    guard let deferred else { return }
    deferred.write(deferred.fields, &out)
    out.append(deferred.after)
  }

  /// Puts `prefix` and `suffix` around the protocol column's names that
  /// later layers set, as a tunnel does that names what it carries.
  mutating func wrapLaterProtocols(_ prefix: String, _ suffix: String) {
    protocolWrapping = (prefix, suffix)
  }

  /// Whether some layer put text before Info (`fence`): a protocol that
  /// appends to Info with a separator (MQTT's `, `) then writes one first.
  var isFenced: Bool { !fenced.isEmpty }

  /// Puts `text` before Info, where the layers after this one leave it.
  mutating func fence(_ text: String) {
    // Most often nothing is there yet: then the text is kept, not copied.
    fenced = fenced.isEmpty ? text : text + fenced
    let current = info
    info = current.isEmpty ? text : text + current
  }

  /// Sets both address columns, when the layer has both addresses.
  mutating func addresses(_ source: String?, _ destination: String?) {
    if let source, let destination { (self.source, self.destination) = (.text(source), .text(destination)) }
  }

  /// Sets both address columns to the text of these address fields, when
  /// the layer has both.
  mutating func addresses(_ source: FieldRecord?, _ destination: FieldRecord?) {
    if let source, let destination { (self.source, self.destination) = (.field(source), .field(destination)) }
  }

  /// The Source column's text; `d` is the packet the row was made from.
  public func source(in d: Dissection) -> String { Self.text(source, in: d) }

  public func destination(in d: Dissection) -> String { Self.text(destination, in: d) }

  /// Writes the Source column; `d` is the packet the row was made from.
  public func appendSource(in d: Dissection, to out: inout ByteWriter) { Self.append(source, in: d, to: &out) }

  public func appendDestination(in d: Dissection, to out: inout ByteWriter) {
    Self.append(destination, in: d, to: &out)
  }

  private static func text(_ column: Column, in d: Dissection) -> String {
    var out = ByteWriter(capacity: 64)
    append(column, in: d, to: &out)
    return out.text
  }

  private static func append(_ column: Column, in d: Dissection, to out: inout ByteWriter) {
    switch column {
    case .text(let text): out.append(text)
    case .field(let record): FieldText.append(record, in: d, to: &out)
    }
  }
}
