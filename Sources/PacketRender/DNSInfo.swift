import PacketDissection

/// DNS's Info text: operation, `response`, transaction id, the error for
/// failed responses, then each question (`A example.com`) and each
/// resource record of every section (`A 192.0.2.1`, `CNAME host.example`,
/// `OPT`).
enum DNSInfo {
  static func text(_ f: LayerFields) -> String? {
    guard let id = f.uint("dns.id") else { return nil }
    let response = f.uint("dns.flags.response") == 1
    var out = DNSNames.opcode(f.uint("dns.flags.opcode") ?? 0) + (response ? " response" : "")
    out += " 0x" + hex4(id)
    if response, let rcode = f.uint("dns.flags.rcode"), rcode != 0 { out += " " + DNSNames.rcode(rcode) }
    let queryNames = f.all("dns.qry.name")
    for (i, type) in f.all("dns.qry.type").enumerated() {
      out += " " + DNSNames.type(type.value)
      if i < queryNames.count { out += " " + f.text(queryNames[i]) }
    }
    for record in resourceRecords(f) { out += record }
    return out
  }

  /// Each resource record's contribution: its type, then the data
  /// Wireshark quotes for that type.
  private static func resourceRecords(_ f: LayerFields) -> [String] {
    let quoted = [
      "dns.a", "dns.aaaa", "dns.ns", "dns.cname", "dns.ptr.domain_name", "dns.soa.mname",
      "dns.mx.preference", "dns.mx.mail_exchange", "dns.srv.priority", "dns.srv.weight",
      "dns.srv.port", "dns.srv.target", "dns.dname",
    ].compactMap { Registry.field(named: $0) }
    guard let typeID = Registry.field(named: "dns.resp.type") else { return [] }
    var out: [String] = []
    for record in f.dissection.records[f.records] {
      if record.field == typeID {
        out.append(" " + DNSNames.type(record.value))
      } else if !out.isEmpty, quoted.contains(record.field) {
        out[out.count - 1] += " " + f.text(record)
      }
    }
    return out
  }

  private static func hex4(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
