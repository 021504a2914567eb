/// DNS names for opcodes, reply codes and record types, as Wireshark's
/// summary spells them (IANA "Domain Name System (DNS) Parameters").
enum DNSNames {
  /// An opcode's name (`dns.flags.opcode`); nil when it has none.
  static func opcodeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Standard query"
    case 1: "Inverse query"
    case 2: "Server status request"
    case 4: "Zone change notification"
    case 5: "Dynamic update"
    case 6: "DNS Stateful operations (DSO)"
    default: nil
    }
  }

  /// A reply code's name (`dns.flags.rcode`); nil when it has none.
  static func rcodeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "No error"
    case 1: "Format error"
    case 2: "Server failure"
    case 3: "No such name"
    case 4: "Not implemented"
    case 5: "Refused"
    case 6: "Name exists"
    case 7: "RRset exists"
    case 8: "RRset does not exist"
    case 9: "Not authoritative"
    case 10: "Name out of zone"
    case 11: "DSO-Type not implemented"
    default: nil
    }
  }

  /// Record type names (`dns.qry.type`, `dns.resp.type`).
  static let types: [UInt64: String] = [
    1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR", 10: "NULL",
    11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX", 16: "TXT", 17: "RP", 18: "AFSDB",
    19: "X25", 20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP-PTR", 24: "SIG", 25: "KEY", 26: "PX",
    27: "GPOS", 28: "AAAA", 29: "LOC", 30: "NXT", 31: "EID", 32: "NIMLOC", 33: "SRV", 34: "ATMA",
    35: "NAPTR", 36: "KX", 37: "CERT", 38: "A6", 39: "DNAME", 40: "SINK", 41: "OPT", 42: "APL",
    43: "DS", 44: "SSHFP", 45: "IPSECKEY", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 49: "DHCID",
    50: "NSEC3", 51: "NSEC3PARAM", 52: "TLSA", 53: "SMIMEA", 55: "HIP", 56: "NINFO", 57: "RKEY",
    58: "TALINK", 59: "CDS", 60: "CDNSKEY", 61: "OPENPGPKEY", 62: "CSYNC", 63: "ZONEMD", 64: "SVCB",
    65: "HTTPS", 99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC", 104: "NID",
    105: "L32", 106: "L64", 107: "LP", 108: "EUI48", 109: "EUI64", 249: "TKEY", 250: "TSIG",
    251: "IXFR", 252: "AXFR", 253: "MAILB", 254: "MAILA", 255: "ANY", 256: "URI", 257: "CAA",
    258: "AVC", 259: "DOA", 260: "AMTRELAY", 32768: "TA", 32769: "DLV", 65521: "INTEGRITY",
  ]

  static func typeName(_ code: UInt64) -> String? { types[code] }

  /// The names as the summary line writes them, unknown values included.
  static func opcode(_ code: UInt64) -> String { opcodeName(code) ?? "Unknown operation (\(code))" }
  static func rcode(_ code: UInt64) -> String { rcodeName(code) ?? "Unknown error (\(code))" }
  static func type(_ code: UInt64) -> String { typeName(code) ?? "Unknown (\(code))" }

  /// A class's name (RFC 1035 section 3.2.4, RFC 2136).
  static func className(_ code: UInt64) -> String? {
    switch code {
    case 1: "IN"
    case 3: "CH"
    case 4: "HS"
    case 254: "NONE"
    case 255: "ANY"
    default: nil
    }
  }

  static func className(_ code: UInt64) -> String { className(code) ?? "0x" + hex4(code) }
}

extension ValueNames {
  static let dnsOpcodes = ValueNames(DNSNames.opcodeName)
  static let dnsReplyCodes = ValueNames(DNSNames.rcodeName)
  static let dnsTypes = ValueNames(DNSNames.typeName)
  static let dnsClasses = ValueNames(DNSNames.className)
  static let dnsResponseFlag = flagLabels(set: "Message is a response", notSet: "Message is a query")
  static let dnsAuthoritativeFlag = flagLabels(
    set: "Server is an authority for domain", notSet: "Server is not an authority for domain")
  static let dnsTruncatedFlag = flagLabels(set: "Message is truncated", notSet: "Message is not truncated")
  static let dnsRecursionDesiredFlag = flagLabels(set: "Do query recursively", notSet: "Don't do query recursively")
  static let dnsTentativeFlag = flagLabels(set: "Tentative", notSet: "Not tentative")
  static let dnsRecursionAvailableFlag = flagLabels(
    set: "Server can do recursive queries", notSet: "Server can't do recursive queries")
  static let dnsZFlag = flagLabels(set: "reserved - incorrect!", notSet: "reserved (0)")
  static let dnsAuthenticatedFlag = flagLabels(
    set: "Answer/authority portion was authenticated by the server",
    notSet: "Answer/authority portion was not authenticated by the server")
  static let dnsCheckingDisabledFlag = flagLabels(set: "Acceptable", notSet: "Unacceptable")
}
