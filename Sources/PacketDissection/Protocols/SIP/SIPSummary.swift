/// How SIP shows: the tree's item names the method or status code; Info is
/// the request or status line, what the headers add (a dialog's request,
/// a 2xx response's method, a registration's bindings), and ` | `.
extension SIP {
  static var hue: LayerHue? { .brightBlue }

  static func headline(_ f: LayerFields) -> String {
    if let method = f.text(method) { return f.label + " (" + method + ")" }
    if let code = f.uint(statusCode) { return f.label + " (\(code))" }
    return f.label
  }

  /// The headers, the first of which Wireshark's "Message Header" item heads.
  static var subtreeOpeners: [FieldID] { allCases.filter { $0.headerName != nil }.map(\.fieldID) }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    guard index < records.endIndex, f.records.lowerBound <= index else { return [] }
    let depth = records[index].depth
    let headerBefore = records[f.records.lowerBound..<index].contains { record in
      guard record.depth == depth, record.field.protocolID == .sip, let field = SIP(rawValue: UInt8(record.field.raw & 0xff))
      else { return false }
      return field.headerName != nil
    }
    return headerBefore ? [] : ["Message Header"]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    let packet = f.dissection.packet
    guard let first = f.first(requestLine) ?? f.first(statusLine) else { return }
    let version = SIPLine.version.count + 1
    let lineStart = Int(first.offset)
    let lineLength = Int(first.length)
    let method = f.text(SIP.method)
    let cseqMethod = f.text(SIP.cseqMethod) ?? ""
    let code = f.uint(statusCode) ?? 0
    var info: String
    if let method {
      let known = SIPLine.knownMethods.contains(Array(method.utf8))
      info = (known ? "Request: " : "Unknown request: ")
        + FieldText.escaped(packet.slice(lineStart, max(0, lineLength - version)))
      if f.has(toTag), ["INVITE", "SUBSCRIBE", "REFER"].contains(method) { info += ", in-dialog" }
    } else {
      info = "Status: " + FieldText.escaped(packet.slice(lineStart + version, max(0, lineLength - version)))
      if (200..<300).contains(code), f.has(SIP.cseqMethod) { info += " (" + cseqMethod + ")" }
    }
    info += bindings(f, request: method == "REGISTER", response: f.has(statusCode) && cseqMethod == "REGISTER" && (200..<300).contains(code))
    info += " | "
    // The body's reader writes after the fence, as it does after HTTP's line.
    if f.layer + 1 < f.dissection.layers.count, let value = f.text(contentType) {
      let reader = f.dissection.layers[f.layer + 1].protocolID
      info += HTTP.bodyNote(HTTP.mediaType(Array(value.utf8)), reader: reader)
    }
    row.set("SIP", info: info)
  }

  /// What a registration or its 2xx response does to the bindings, as
  /// Wireshark counts its contacts and their expiry.
  private static func bindings(_ f: LayerFields, request: Bool, response: Bool) -> String {
    guard request || response else { return "" }
    var contacts = 0
    var expiring = 0
    var unknown = 0
    // Wireshark counts a contact whose expires is 0 as expiring, and as
    // one of unknown expiry too: only a non-zero expires is "known".
    var current: (expires: Bool, zero: Bool)?
    func close() {
      guard let c = current else { return }
      if c.zero { expiring += 1 }
      if !c.expires { unknown += 1 }
    }
    for (field, record) in f.occurrences(of: SIP.self) {
      if field == .contactURI {
        close()
        contacts += 1
        current = (false, false)
      } else if field == .contactParameter, current != nil {
        let text = f.text(record)
        if text.lowercased().hasPrefix("expires=") {
          if let seconds = Int32(text.dropFirst(8)) {
            if seconds == 0 { current?.zero = true } else { current?.expires = true }
          }
        }
      }
    }
    close()
    let expiresHeaderZero = expiresIsZero(f)
    if expiresHeaderZero { expiring += unknown }
    let star = f.text(SIP.contact)?.hasPrefix("*") == true
    func plural(_ n: Int) -> String { n == 1 ? "" : "s" }
    if request {
      if star && expiresHeaderZero { return "  (remove all bindings)" }
      if expiring > 0 {
        var text = "  (remove \(expiring) binding\(plural(expiring)))"
        if contacts > expiring { text += " (add \(contacts - expiring) binding\(plural(contacts - expiring)))" }
        return text
      }
      return contacts == 0 ? "  (fetch bindings)" : "  (\(contacts) binding\(plural(contacts)))"
    }
    if expiring > 0 {
      var text = "  (removed \(expiring) binding\(plural(expiring)))"
      if contacts > expiring { text += " (\(contacts - expiring) binding\(plural(contacts - expiring)) kept)" }
      return text
    }
    return "  (\(contacts) binding\(plural(contacts)))"
  }

  /// Whether an Expires header's value is exactly `0` (any of them: Wireshark
  /// sets its flag at each and never clears it).
  private static func expiresIsZero(_ f: LayerFields) -> Bool {
    f.all(SIP.expires).contains { record in
      let line = f.dissection.packet.slice(Int(record.offset), Int(record.length)).copyBytes()
      guard let colon = line.firstIndex(of: 0x3a) else { return false }
      let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }.prefix { $0 != 0x0d && $0 != 0x0a }
      return value.elementsEqual([0x30])
    }
  }
}
