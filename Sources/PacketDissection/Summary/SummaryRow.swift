/// The columns of a packet's summary line that its layers fill in, as
/// Wireshark's dissectors fill in the Source, Destination, Protocol and
/// Info columns: each layer in turn, later layers overwriting earlier ones.
public struct SummaryRow: Sendable, Equatable {
  public internal(set) var source = ""
  public internal(set) var destination = ""
  /// In Wireshark's spelling (`TCP`, `IPv4`, `ICMPv6`).
  public internal(set) var protocolName = ""
  public internal(set) var info = ""
  /// Text a layer put before Info that later layers keep (Wireshark's
  /// column fence): TCP's analysis, `[TCP Retransmission] `.
  private var fenced = ""
  /// Wireshark raised no exception for how the packet ends, so Info gets
  /// no `[Malformed Packet]` even where the dissection stopped early: the
  /// last layer is undissected bytes or a frame nobody dissects, or an IP
  /// header has the wrong version.
  public internal(set) var endsQuietly = false

  /// Sets the protocol column and, when there is any, the Info text.
  mutating func set(_ protocolName: String, info: String?) {
    self.protocolName = protocolName
    if let info { self.info = fenced + info }
  }

  /// Puts `text` before Info, where the layers after this one leave it.
  mutating func fence(_ text: String) {
    fenced = text + fenced
    info = text + info
  }

  /// Sets both address columns, when the layer has both addresses.
  mutating func addresses(_ source: String?, _ destination: String?) {
    if let source, let destination { (self.source, self.destination) = (source, destination) }
  }
}
