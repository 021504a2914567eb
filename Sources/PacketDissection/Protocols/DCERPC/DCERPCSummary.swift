import PacketWire

/// How DCE/RPC shows: `Bind: call_id: 2, Fragment: Single, 1 context
/// items: EPMv4 V3.0 (32bit NDR)`, `Bind_ack: call_id: 2, Fragment:
/// Single, max_xmit: 5840 max_recv: 5840, 1 results: Acceptance`,
/// `Request: call_id: 3, Fragment: Single, opnum: 2, Ctx: 0`; a
/// connectionless PDU `Request: seq: 0 opnum: 0 len: 0 UUID V1`.
extension DCERPC {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let kind = f.uint(packetType) else { return row.set("DCERPC", info: nil) }
    let name = DCERPCNames.packetTypeName(kind) ?? "Unknown (\(kind))"
    if f.uint(version) == 4 {
      guard let sequence = f.uint(sequenceNumber), let operation = f.uint(opnum),
        let length = f.uint(datagramFragmentLength), let interfaceVersion = f.uint(datagramInterfaceVersion)
      else { return row.set("DCERPC", info: name) }
      let reader = reader(f)
      let interface = (try? reader?.uuid(24)) ?? ""
      return row.set("DCERPC", info: "\(name): seq: \(sequence) opnum: \(operation) len: \(length) \(interface) V\(interfaceVersion)")
    }
    guard let call = f.uint(callID), let flagBits = f.uint(flags) else { return row.set("DCERPC", info: name) }
    var info = "\(name): call_id: \(call), Fragment: \(fragmentName(flagBits))"
    // A PDU cut short by its segment shows its header only.
    guard layer.complete else { return row.set("DCERPC", info: info) }
    switch UInt8(truncatingIfNeeded: kind) {
    case bind, alterContext:
      if let reader = reader(f) { info += contextItems(f, reader) }
    case bindAck, alterContextResponse:
      if let xmit = f.uint(maxTransmit), let recv = f.uint(maxReceive) {
        info += ", max_xmit: \(xmit) max_recv: \(recv)"
        let results = f.all(ackResult).map { DCERPCNames.ackResultName($0.value) ?? "Unknown (\($0.value))" }
        if let count = f.uint(resultCount) { info += ", \(count) results: " + results.joined(separator: ", ") }
      }
    case request:
      if let operation = f.uint(opnum), let context = f.uint(contextID) {
        info += ", opnum: \(operation), Ctx: \(context)" + interfaceName(f)
      }
    case response:
      if let context = f.uint(contextID) { info += ", Ctx: \(context)" + interfaceName(f) }
    case fault:
      if let context = f.uint(contextID), let code = f.uint(status) {
        info += ", Ctx: \(context), status: " + (DCERPCNames.statusName(code) ?? "Unknown (0x\(String(code, radix: 16)))")
      }
    default:
      break
    }
    if let message = ntlmsspMessage(f) { info += ", " + message }
    row.set("DCERPC", info: info)
  }

  /// The NTLMSSP message an authentication verifier carries, as
  /// Wireshark's NTLMSSP dissector names it in Info (`NTLMSSP_NEGOTIATE`,
  /// `NTLMSSP_CHALLENGE`); nil for other tokens, and for the AUTH message,
  /// whose user name Info would add.
  private static func ntlmsspMessage(_ f: LayerFields) -> String? {
    guard f.uint(authType) == ntlmssp, let size = f.uint(authLength), let length = f.uint(fragmentLength),
      length >= size
    else { return nil }
    let packet = f.dissection.packet
    let token = f.dissection.layers[f.layer].start + Int(length - size)
    let signature: [UInt8] = Array("NTLMSSP".utf8) + [0]
    guard token + 12 <= packet.count, (0..<8).allSatisfy({ packet.byte(token + $0) == signature[$0] }),
      let kind = packet.uint32(at: token + 8)
    else { return nil }
    switch kind.byteSwapped {
    case 1: return "NTLMSSP_NEGOTIATE"
    case 2: return "NTLMSSP_CHALLENGE"
    default: return nil
    }
  }

  /// ` RPC_NETLOGON V1`: the interface the call's context was bound to,
  /// by name when Wireshark knows it, when the call was handed to it.
  private static func interfaceName(_ f: LayerFields) -> String {
    guard let uuid = f.text(interfaceUUID), let version = f.uint(interfaceMajorVersion) else { return "" }
    return " \(DCERPCNames.interfaceName(uuid) ?? uuid) V\(version)"
  }

  /// `Single`, `1st`, `Last` or `Mid`, from the first and last fragment flags.
  private static func fragmentName(_ bits: UInt64) -> String {
    switch bits & 0x03 {
    case 0x03: "Single"
    case 0x01: "1st"
    case 0x02: "Last"
    default: "Mid"
    }
  }

  /// A reader over the layer's bytes in its byte order.
  private static func reader(_ f: LayerFields) -> DCERPCReader? {
    guard let order = f.uint(byteOrder) else { return nil }
    let d = f.dissection
    let span = d.layers[f.layer]
    let cursor = LayerCursor(
      packet: d.packet, start: span.start, end: span.end, dissection: d, state: DissectionState(), depth: 0)
    return DCERPCReader(cursor: cursor, littleEndian: order == 1)
  }

  /// `, 2 context items: EPMv4 V3.0 (32bit NDR), …`: each item's interface
  /// and its first transfer syntax.
  private static func contextItems(_ f: LayerFields, _ reader: DCERPCReader) -> String {
    guard let count = f.uint(contextItemCount) else { return "" }
    var items: [String] = []
    var offset = 28
    for _ in 0..<min(Int(count), DCERPCContexts.largestCount) {
      guard let transfers = try? reader.cursor.uint8(offset + 2), let interface = try? reader.uuid(offset + 4),
        let major = try? reader.uint16(offset + 20), let minor = try? reader.uint16(offset + 22)
      else { break }
      var text = "\(DCERPCNames.interfaceName(interface) ?? interface) V\(major).\(minor)"
      if transfers > 0, let syntax = try? reader.uuid(offset + 24) {
        text += " (\(DCERPCNames.transferSyntaxName(syntax) ?? syntax))"
      }
      items.append(text)
      offset += 24 + 20 * Int(transfers)
    }
    return ", \(count) context items: " + items.joined(separator: ", ")
  }
}
