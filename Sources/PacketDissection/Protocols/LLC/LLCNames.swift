/// LLC service access points and unnumbered commands, as Wireshark names them.
enum LLCNames {
  /// A SAP's name, by the whole address byte.
  static func sapName(_ sap: UInt64) -> String? {
    switch sap {
    case 0x00: "NULL LSAP"
    case 0x01: "NULL LSAP"
    case 0x02: "LLC Sub-Layer Management"
    case 0x04: "SNA Path Control"
    case 0x06: "TCP/IP"
    case 0x08: "SNA"
    case 0x0c: "SNA"
    case 0x0e: "PROWAY (IEC955) Network Management and Initialization"
    case 0x10: "NetWare (unofficial?)"
    case 0x14: "ISO Network Layer (OSLAN 1)"
    case 0x18: "Texas Instruments"
    case 0x20: "ISO Network Layer (unofficial?)"
    case 0x34: "ISO Network Layer (unofficial?)"
    case 0x42: "Spanning Tree BPDU"
    case 0x4e: "EIA RS-511 Manufacturing Message Service"
    case 0x54: "ISO Network Layer (OSLAN 2)"
    case 0x7e: "ISO 8208 (X.25 over 802.2)"
    case 0x7f: "ISO 802.2"
    case 0x80: "XNS"
    case 0x82: "BACnet"
    case 0x86: "Nestar"
    case 0x8e: "PROWAY (IEC955) Active Station List Maintenance"
    case 0x98: "ARP"
    case 0xaa: "SNAP"
    case 0xb4: "HP JetDirect Printer"
    case 0xba: "Banyan Vines"
    case 0xbc: "Banyan Vines"
    case 0xe0: "NetWare"
    case 0xf0: "NetBIOS"
    case 0xf4: "IBM Net Management"
    case 0xf8: "HP Extended LLC"
    case 0xfa: "Ungermann-Bass"
    case 0xfc: "Remote Program Load"
    case 0xfe: "ISO Network Layer"
    case 0xff: "Global LSAP"
    default: nil
    }
  }

  /// An unnumbered frame's command, by its modifier bits (control byte & 0xec, shifted down by 2).
  static func commandName(_ modifier: UInt64) -> String? {
    switch modifier {
    case 0x00: "Unnumbered Information"
    case 0x08: "Unnumbered Poll"
    case 0x10: "Disconnect"
    case 0x18: "Unnumbered Acknowledge"
    case 0x20: "Set Normal Response Mode"
    case 0x38: "Test"
    case 0x01: "Set Initialization Mode"
    case 0x21: "Frame reject"
    case 0x31: "Configure"
    case 0x03: "Set Asynchronous Response Mode"
    case 0x0b: "Set Asynchronous Balanced Mode"
    case 0x13: "Set Asynchronous Response Mode Extended"
    case 0x1b: "Set Asynchronous Balanced Mode Extended"
    case 0x23: "Reset"
    case 0x2b: "Exchange identification"
    case 0x33: "Set Normal Response Mode Extended"
    case 0x3b: "Beacon"
    default: nil
    }
  }

  /// An unnumbered command's abbreviation, as Info writes it.
  static func commandAbbreviation(_ modifier: UInt64) -> String? {
    switch modifier {
    case 0x00: "UI"
    case 0x08: "UP"
    case 0x10: "DISC"
    case 0x18: "UA"
    case 0x20: "SNRM"
    case 0x38: "TEST"
    case 0x01: "SIM"
    case 0x21: "FRMR"
    case 0x31: "CFG"
    case 0x03: "SARM"
    case 0x0b: "SABM"
    case 0x13: "SARME"
    case 0x1b: "SABME"
    case 0x23: "RESET"
    case 0x2b: "XID"
    case 0x33: "SNRME"
    case 0x3b: "BCN"
    default: nil
    }
  }

  /// The organisation codes Info names in a SNAP header.
  static func organisationName(_ code: UInt64) -> String? {
    switch code {
    case 0x000000: "Encapsulated Ethernet"
    case 0x00000c: "Cisco Systems, Inc"
    default: nil
    }
  }

  static func frameTypeName(_ type: UInt64) -> String? {
    switch type {
    case 0: "Information frame"
    case 1: "Supervisory frame"
    case 3: "Unnumbered frame"
    default: nil
    }
  }
}

extension ValueNames {
  static let llcSAPs = ValueNames(LLCNames.sapName)
  /// The SAP's seven bits, named as the whole byte with its low bit clear.
  static let llcSAPBits = ValueNames({ LLCNames.sapName($0 << 1) }, nameAlone: true)
  static let llcCommands = ValueNames(LLCNames.commandName)
  static let llcFrameTypes = ValueNames(LLCNames.frameTypeName)
  static let llcIGBit = ValueNames { $0 != 0 ? "Group" : "Individual" }
  static let llcCRBit = ValueNames { $0 != 0 ? "Response" : "Command" }
}
