/// How RPC shows: the protocol column is the program's name (`NFS`,
/// `Portmap`), Info `V3 GETATTR Call` or `V3 GETATTR Reply (Call In 5)`,
/// marked `[RPC retransmission of #5]` or `[RPC duplicate of #6]` when the
/// transaction was seen before, then what the program adds (`RPCDetail`).
/// A segment in the middle of a message is `RPC` `Continuation`.
extension RPC {
  static var hue: LayerHue? { .cyan }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    if f.has(continuationData) { return row.set("RPC", info: "Continuation") }
    guard let kind = f.uint(messageType), let programNumber = f.uint(program),
      let versionNumber = f.uint(programVersion), let procedureNumber = f.uint(procedure)
    else { return row.set("RPC", info: nil) }
    let isCall = kind == UInt64(call)
    let name = RPCPrograms.procedureName(
      program: UInt32(truncatingIfNeeded: programNumber), version: UInt32(truncatingIfNeeded: versionNumber),
      procedure: UInt32(truncatingIfNeeded: procedureNumber))
    var info = ""
    if let earlier = f.uint(isCall ? callDuplicate : replyDuplicate) {
      info += isCall ? "[RPC retransmission of #\(earlier)]" : "[RPC duplicate of #\(earlier)]"
    }
    let typeName = isCall ? "Call" : "Reply"
    if programNumber == 100_003, versionNumber == 4, name == "COMPOUND" {
      info += "V4 \(typeName)"
    } else {
      info += "V\(versionNumber) \(name) \(typeName)"
    }
    if isCall, let reply = f.uint(requestFrame) { info += " (Reply In \(reply))" }
    if !isCall, let callFrame = f.uint(replyFrame) { info += " (Call In \(callFrame))" }
    if layer.next != nil, layer.next != .data {
      info += RPCDetail.text(f, program: programNumber, version: versionNumber, procedure: procedureNumber, isCall: isCall)
    }
    row.set(RPCNames.programName(programNumber) ?? "RPC", info: info)
  }
}
