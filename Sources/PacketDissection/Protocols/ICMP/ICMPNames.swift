/// ICMP message names as Wireshark's summary shows them (RFC 792 and its
/// successors).
enum ICMPNames {
  /// A type's name (`icmp.type`); nil when it has none.
  static func typeName(_ type: UInt64) -> String? {
    switch type {
    case 0: "Echo (ping) reply"
    case 1, 2, 7: "Reserved"
    case 3: "Destination unreachable"
    case 4: "Source quench (flow control)"
    case 5: "Redirect"
    case 6: "Alternate host address"
    case 8: "Echo (ping) request"
    case 9: "Router advertisement"
    case 10: "Router solicitation"
    case 11: "Time-to-live exceeded"
    case 12: "Parameter problem"
    case 13: "Timestamp request"
    case 14: "Timestamp reply"
    case 15: "Information request"
    case 16: "Information reply"
    case 17: "Address mask request"
    case 18: "Address mask reply"
    case 19: "Reserved (for security)"
    case 30: "Traceroute"
    case 31: "Datagram Conversion Error"
    case 32: "Mobile Host Redirect"
    case 33: "IPv6 Where-Are-You"
    case 34: "IPv6 I-Am-Here"
    case 35: "Mobile Registration Request"
    case 36: "Mobile Registration Reply"
    case 37: "Domain Name Request"
    case 38: "Domain Name Reply"
    case 39: "SKIP"
    case 40: "Photuris"
    case 42: "Extended Echo request"
    case 43: "Extended Echo reply"
    default: nil
    }
  }

  /// A type's name as the summary line writes it, unknown types included.
  static func type(_ type: UInt64) -> String { typeName(type) ?? "Unknown ICMP (obsolete or malformed?)" }

  /// The code's meaning (`icmp.code`) for the types whose codes have
  /// names: a code means something only under its type.
  static func code(type: UInt64, code: UInt64) -> String? {
    switch type {
    case 3: unreachable(code)
    case 5: redirect(code)
    case 11: code == 0 ? "Time to live exceeded in transit" : code == 1 ? "Fragment reassembly time exceeded" : nil
    case 12: parameterProblem(code)
    case 9: code == 0 ? "Normal router advertisement" : code == 16 ? "Does not route common traffic" : nil
    case 42, 43: extendedEcho(code)
    default: nil
    }
  }

  private static func unreachable(_ code: UInt64) -> String? {
    let names = [
      "Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
      "Fragmentation needed", "Source route failed", "Destination network unknown",
      "Destination host unknown", "Source host isolated", "Network administratively prohibited",
      "Host administratively prohibited", "Network unreachable for TOS", "Host unreachable for TOS",
      "Communication administratively filtered", "Host precedence violation", "Precedence cutoff in effect",
    ]
    return code < names.count ? names[Int(code)] : nil
  }

  private static func redirect(_ code: UInt64) -> String? {
    let names = [
      "Redirect for network", "Redirect for host", "Redirect for TOS and network", "Redirect for TOS and host",
    ]
    return code < names.count ? names[Int(code)] : nil
  }

  private static func parameterProblem(_ code: UInt64) -> String? {
    let names = ["Pointer indicates the error", "Required option missing", "Bad length"]
    return code < names.count ? names[Int(code)] : nil
  }

  /// RFC 8335 codes (a request's code is always 0, "No error").
  private static func extendedEcho(_ code: UInt64) -> String? {
    let names = [
      "No error", "Malformed Query", "No Such Interface", "No Such Table Entry", "Multiple Interfaces Satisfy Query",
    ]
    return code < names.count ? names[Int(code)] : nil
  }
}

extension ValueNames {
  static let icmpTypes = ValueNames(ICMPNames.typeName)
}
