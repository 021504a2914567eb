/// DNP3's link and application function codes and object groups, as
/// Wireshark names them.
enum DNP3Names {
  static func primaryFunctionName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Reset of Remote Link"
    case 1: "Reset of User Process"
    case 2: "Test Function For Link"
    case 3: "User Data"
    case 4: "Unconfirmed User Data"
    case 9: "Request Link Status"
    default: nil
    }
  }

  static func secondaryFunctionName(_ code: UInt64) -> String? {
    switch code {
    case 0: "ACK"
    case 1: "NACK"
    case 11: "Status of Link"
    case 14: "Link Service Not Functioning"
    case 15: "Link Service Not Used or Implemented"
    default: nil
    }
  }

  static func applicationFunctionName(_ code: UInt64) -> String? {
    switch code {
    case 0x00: "Confirm"
    case 0x01: "Read"
    case 0x02: "Write"
    case 0x03: "Select"
    case 0x04: "Operate"
    case 0x05: "Direct Operate"
    case 0x06: "Direct Operate No Ack"
    case 0x07: "Immediate Freeze"
    case 0x08: "Immediate Freeze No Ack"
    case 0x09: "Freeze and Clear"
    case 0x0a: "Freeze and Clear No ACK"
    case 0x0b: "Freeze With Time"
    case 0x0c: "Freeze With Time No ACK"
    case 0x0d: "Cold Restart"
    case 0x0e: "Warm Restart"
    case 0x0f: "Initialize Data"
    case 0x10: "Initialize Application"
    case 0x11: "Start Application"
    case 0x12: "Stop Application"
    case 0x13: "Save Configuration"
    case 0x14: "Enable Spontaneous Messages"
    case 0x15: "Disable Spontaneous Messages"
    case 0x16: "Assign Classes"
    case 0x17: "Delay Measurement"
    case 0x18: "Record Current Time"
    case 0x19: "Open File"
    case 0x1a: "Close File"
    case 0x1b: "Delete File"
    case 0x1c: "Get File Info"
    case 0x1d: "Authenticate File"
    case 0x1e: "Abort File"
    case 0x1f: "Activate Config"
    case 0x81: "Response"
    case 0x82: "Unsolicited Response"
    default: nil
    }
  }

  /// Whether function `code` is a response, whose header carries the
  /// internal indications.
  static func isResponse(_ code: UInt8) -> Bool { code == 0x81 || code == 0x82 || code == 0x83 }

  /// An object group's name in the Info column of a read or write.
  static func groupName(_ group: UInt8) -> String? {
    switch group {
    case 1: "Binary Input"
    case 2: "Binary Input Change"
    case 3: "Double-bit Input"
    case 4: "Double-bit Input Change"
    case 10: "Binary Output"
    case 11: "Binary Output Change"
    case 12: "Control Relay Output Block"
    case 20: "Counter"
    case 21: "Frozen Counter"
    case 22: "Counter Change Event"
    case 23: "Frozen Counter Event"
    case 30: "Analog Input"
    case 32: "Analog Input Change"
    case 34: "Analog Input Deadband"
    case 40: "Analog Output Status"
    case 41: "Analog Output Block"
    case 42: "Analog Output Change"
    case 50: "Time and Date"
    case 51: "Time and Date CTO"
    case 52: "Time Delay"
    case 70: "File Control"
    case 80: "Internal Indications"
    case 110: "Octet String"
    case 111: "Octet String Event"
    default: nil
    }
  }
}

extension ValueNames {
  static let dnp3PrimaryFunctions = ValueNames(DNP3Names.primaryFunctionName)
  static let dnp3SecondaryFunctions = ValueNames(DNP3Names.secondaryFunctionName)
  static let dnp3ApplicationFunctions = ValueNames(DNP3Names.applicationFunctionName)
  /// DNP3's flags read `Set` and `Not set`.
  static let dnp3Set = flagLabels(set: "Set", notSet: "Not set")
}
