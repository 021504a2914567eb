/// How Geneve shows: headed by its VNI; the columns are the inner frame's.
extension Geneve {
  static var hue: LayerHue? { .brightGreen }

  static var summaryFields: [FieldID] { [] }

  static func headline(_ f: LayerFields) -> String {
    guard let vni = f.uint(vni) else { return f.label }
    let digits = String(vni, radix: 16)
    return "\(f.label), VNI: 0x" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }
}

/// Geneve option classes, as Wireshark names them.
enum GeneveNames {
  static func optionClassName(_ value: UInt64) -> String? {
    switch value {
    case 0x0000...0x00ff: "Standard"
    case 0x0100: "Linux"
    case 0x0101: "Open vSwitch"
    case 0x0102: "Open Virtual Networking (OVN)"
    case 0x0103: "In-band Network Telemetry (INT)"
    case 0x0104: "VMware"
    case 0x0105: "Amazon.com, Inc."
    case 0x0106: "Cisco Systems, Inc."
    case 0x0107: "Oracle Corporation"
    case 0x0108...0x0110: "Amazon.com, Inc."
    case 0x0111...0x0118: "IBM"
    case 0x0119...0x0128: "Ericsson"
    case 0x0129: "Oxide Computer Company"
    case 0x0130...0x0131: "Cisco Systems, Inc."
    case 0x0132...0x0135: "Google LLC"
    case 0x0136: "InfoQuick Global Connection Tech Ltd."
    case 0x0137...0xfeff: "Unassigned"
    case 0xfff0...0xffff: "Experimental"
    default: nil
    }
  }
}

extension ValueNames {
  static let geneveOptionClasses = ValueNames(GeneveNames.optionClassName)
  static let geneveDirection = ValueNames { $0 != 0 ? "Egress" : "Ingress" }
}
