/// How Kerberos shows: Info is the message's type (`AS-REQ`), or the
/// error's name (`KRB Error: KRB5KDC_ERR_PREAUTH_REQUIRED`); a record
/// longer than the TCP segment adds `[BoundErrorUnreassembled Packet]`.
extension Kerberos {
  static var hue: LayerHue? { .yellow }

  static var summaryFields: [FieldID] { [msgType.fieldID, errorCode.fieldID, recordLength.fieldID] }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var info: String?
    if let type = f.uint(msgType) { info = KerberosNames.infoName(Int64(bitPattern: type)) }
    if let code = f.uint(errorCode), let name = KerberosNames.errorName(Int64(bitPattern: code)) {
      info = "KRB Error: " + name
    }
    if let length = f.uint(recordLength), Int(length) > f.span.end - f.span.start - 4 {
      info = (info ?? "") + "[BoundErrorUnreassembled Packet]"
    }
    row.set("KRB5", info: info)
  }
}
