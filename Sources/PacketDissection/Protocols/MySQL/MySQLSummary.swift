/// How MySQL shows: Info is `Server Greeting  proto=10 version=5.0.54 `,
/// `Login Request user=root db=test `, `Request Query`, or `Response`
/// with what the response held (`  OK `, `  Error 1045 `,
/// `TABULAR Response `), as Wireshark 4.0 writes them.
extension MySQL {
  static var hue: LayerHue? { .brightBlue }

  private static let mariaDBPrefix = "5.5.5-"

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    var info: String
    if var version = f.text(version) {
      // MariaDB's replication prefix is left out.
      if version.hasPrefix(mariaDBPrefix) { version.removeFirst(mariaDBPrefix.count) }
      info = "Server Greeting  proto=\(f.uint(protocolVersion) ?? 0) version=\(version) "
    } else if f.has(clientCaps) {
      info = "Login Request user=\(f.text(user) ?? "") "
      if let schema = f.text(schema) { info += "db=\(schema) " }
    } else if let command = f.uint(command) {
      info = "Request " + (MySQLNames.commandName(command) ?? "Unknown (\(command)) ")
    } else if f.lastTopLayer(.tcp)?.uint(TCP.dstport) == UInt64(serverPort) {
      info = "Auth Switch Response "
    } else if f.uint(responseCode) == 0xfe && !f.has(warnings) && !f.has(affectedRows) {
      info = "Auth Switch Request "
    } else {
      info = f.has(packetNumber) && f.uint(packetNumber) == 0 && f.has(errorCode) ? "Server Greeting " : "Response "
      if f.has(numFields) { info += "TABULAR Response " }
      if f.has(affectedRows) { info += " OK " }
      if let error = f.uint(errorCode) { info += " Error \(error) " }
    }
    row.set("MySQL", info: info)
  }
}
