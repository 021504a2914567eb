/// ICMPv6 message names as Wireshark's summary shows them (RFC 4443,
/// RFC 4861 and their successors).
enum ICMPv6Names {
  /// A type's name (`icmpv6.type`); nil when it has none.
  static func typeName(_ type: UInt64) -> String? {
    switch type {
    case 1: "Destination Unreachable"
    case 2: "Packet Too Big"
    case 3: "Time Exceeded"
    case 4: "Parameter Problem"
    case 100, 101, 200, 201: "Private experimentation"
    case 127: "Reserved for expansion of ICMPv6 error messages"
    case 128: "Echo (ping) request"
    case 129: "Echo (ping) reply"
    case 130: "Multicast Listener Query"
    case 131: "Multicast Listener Report"
    case 132: "Multicast Listener Done"
    case 133: "Router Solicitation"
    case 134: "Router Advertisement"
    case 135: "Neighbor Solicitation"
    case 136: "Neighbor Advertisement"
    case 137: "Redirect"
    case 138: "Router Renumbering"
    case 139: "Node Information Query"
    case 140: "Node Information Reply"
    case 141: "Inverse Neighbor Discovery Solicitation"
    case 142: "Inverse Neighbor Discovery Advertisement"
    case 143: "Multicast Listener Report Message v2"
    case 144: "Home Agent Address Discovery Request"
    case 145: "Home Agent Address Discovery Reply"
    case 146: "Mobile Prefix Solicitation"
    case 147: "Mobile Prefix Advertisement"
    case 148: "Certification Path Solicitation"
    case 149: "Certification Path Advertisement"
    case 151: "Multicast Router Advertisement"
    case 152: "Multicast Router Solicitation"
    case 153: "Multicast Router Termination"
    case 155: "RPL Control"
    case 160: "Extended Echo request"
    case 161: "Extended Echo reply"
    case 255: "Reserved for expansion of ICMPv6 informational messages"
    default: nil
    }
  }

  /// A type's name as the summary line writes it, unknown types included.
  static func type(_ type: UInt64) -> String { typeName(type) ?? "Unknown (\(type))" }

  /// The code's meaning (`icmpv6.code`), for the types whose codes have
  /// names: a code means something only under its type.
  static func code(type: UInt64, code: UInt64) -> String? {
    let names: [String]
    switch type {
    case 1:
      names = [
        "no route to destination", "communication with destination administratively prohibited",
        "beyond scope of source address", "address unreachable", "port unreachable",
        "source address failed ingress/egress policy", "reject route to destination",
        "Error in Source Routing Header",
      ]
    case 3: names = ["hop limit exceeded in transit", "fragment reassembly time exceeded"]
    case 4:
      names = [
        "erroneous header field encountered", "unrecognized Next Header type encountered",
        "unrecognized IPv6 option encountered", "IPv6 First Fragment has incomplete IPv6 Header Chain",
      ]
    case 138:
      if code == 255 { return "Sequence number reset" }
      names = ["Command", "Result"]
    case 139:
      names = ["Query subject = IPv6 addresses", "Query subject = DNS name", "Query subject = IPv4 addresses"]
    case 140: names = ["Successful", "Refused", "Unknown query type"]
    case 155: return rplControl(code)
    case 160, 161:
      names = [
        "No error", "Malformed Query", "No Such Interface", "No Such Table Entry",
        "Multiple Interfaces Satisfy Query",
      ]
    default: return nil
    }
    return code < names.count ? names[Int(code)] : nil
  }

  /// RFC 6550 section 6 message codes.
  private static func rplControl(_ code: UInt64) -> String? {
    switch code {
    case 0x00: "DODAG Information Solicitation"
    case 0x01: "DODAG Information Object"
    case 0x02: "Destination Advertisement Object"
    case 0x03: "Destination Advertisement Object Acknowledgment"
    case 0x80: "Secure DODAG Information Solicitation"
    case 0x81: "Secure DODAG Information Object"
    case 0x82: "Secure Destination Advertisement Object"
    case 0x83: "Secure Destination Advertisement Object Acknowledgment"
    case 0x8a: "Consistency Check"
    default: nil
    }
  }
}

extension ValueNames {
  static let icmpv6Types = ValueNames(ICMPv6Names.typeName)
}
