/// ERSPAN's header values, as Wireshark 4.0 names them.
enum ERSPANNames {
  static func versionName(_ value: UInt64) -> String? {
    switch value {
    case 1: "Type II"
    case 2: "Type III"
    default: nil
    }
  }

  static func encapsulationName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Originally without VLAN tag"
    case 1: "Originally ISL encapsulated"
    case 2: "Originally 802.1Q encapsulated"
    case 3: "VLAN tag preserved in frame"
    default: nil
    }
  }

  static func bsoName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Good or unknown integrity"
    case 1: "Short frame"
    case 2: "Oversized frame"
    case 3: "CRC or alignment error"
    default: nil
    }
  }

  static func truncatedName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Not truncated"
    case 1: "Truncated"
    default: nil
    }
  }

  static func frameTypeName(_ value: UInt64) -> String? {
    switch value {
    case 0: "Ethernet"
    case 2: "IP"
    default: nil
    }
  }

  static func granularityName(_ value: UInt64) -> String? {
    switch value {
    case 0: "100 microseconds"
    case 1: "100 nanoseconds"
    case 2: "IEEE 1588"
    case 3: "Custom granularity"
    default: nil
    }
  }
}
