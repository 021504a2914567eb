/// PPPoE codes and discovery tags, as Wireshark 4.0 names them.
enum PPPoENames {
  static func codeName(_ value: UInt64) -> String? {
    switch value {
    case 0x00: "Session Data"
    case 0x07: "Active Discovery Offer (PADO)"
    case 0x09: "Active Discovery Initiation (PADI)"
    case 0x0a: "Active Discovery Session-Grant (PADG)"
    case 0x0b: "Active Discovery Session-Credit Resp.(PADC)"
    case 0x0c: "Active Discovery Quality (PADQ)"
    case 0x19: "Active Discovery Request (PADR)"
    case 0x65: "Active Discovery Session-confirmation (PADS)"
    case 0xa7: "Active Discovery Terminate (PADT)"
    case 0xd3: "Active Discovery Message (PADM)"
    case 0xd4: "Active Discovery Network (PADN)"
    default: nil
    }
  }

  static func tagName(_ value: UInt64) -> String? {
    switch value {
    case 0x0000: "End-Of-List"
    case 0x0101: "Service-Name"
    case 0x0102: "AC-Name"
    case 0x0103: "Host-Uniq"
    case 0x0104: "AC-Cookie"
    case 0x0105: "Vendor-Specific"
    case 0x0106: "Credits"
    case 0x0107: "Metrics"
    case 0x0108: "Sequence Number"
    case 0x0109: "Credit Scale Factor"
    case 0x0110: "Relay-Session-Id"
    case 0x0111: "HURL"
    case 0x0112: "MOTM"
    case 0x0120: "PPP-Max-Payload"
    case 0x0121: "IP Route Add"
    case 0x0201: "Service-Name-Error"
    case 0x0202: "AC-System-Error"
    case 0x0203: "Generic-Error"
    default: nil
    }
  }
}
