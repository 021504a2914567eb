/// One of the packet's own layers (not one quoted inside another), as its
/// protocol's summary reads it: its fields, what follows it, and what
/// earlier packets left to remember.
struct SummaryLayer {
  let fields: LayerFields
  /// The protocol of the packet's next layer; nil for the last.
  let next: ProtocolID?
  /// False for the last layer of a packet that was cut short or malformed:
  /// the layer threw, and most of Wireshark's dissectors fill the Info
  /// column last, so it set no Info of its own.
  let complete: Bool
  let memory: SummaryMemory
  /// The layer is a further PDU of the one before it of its protocol,
  /// read by that protocol's own loop (`Next.furtherPDU`).
  var furtherPDU = false

  /// Nothing dissected what follows the layer.
  var payloadUndissected: Bool { next == nil || next == .data }
}

/// What earlier packets of a capture leave for the Info text of later
/// ones: an echo reply names its request; ARP warns when an address moves.
/// The state types live in their protocols' folders; a protocol whose
/// summary remembers adds its state here. A class, so that protocols
/// update it in place.
final class SummaryMemory {
  var echoes = EchoMatcher()
  var arpBindings = ARPBindings()
  let sshKeyExchanges = SSHKeyExchanges()
  let smb2Files = SMB2Files()
  let ldapSearches = LDAPSearches()
  let smbRequests = SMBRequests()
}
