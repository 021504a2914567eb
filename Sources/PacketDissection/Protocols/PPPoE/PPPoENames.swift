/// PPPoE codes, as Wireshark 4.0 names them.
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
}
