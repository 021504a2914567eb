/// MPLS's reserved labels, as Wireshark 4.0 names them.
enum MPLSNames {
  static func specialLabel(_ value: UInt64) -> String? {
    switch value {
    case 0: "IPv4 Explicit-Null"
    case 1: "Router Alert"
    case 2: "IPv6 Explicit-Null"
    case 3: "Implicit-Null"
    case 7: "Entropy Label Indicator (ELI)"
    case 13: "Generic Associated Channel Label (GAL)"
    case 14: "OAM Alert"
    default: nil
    }
  }
}
