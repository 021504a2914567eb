extension ValueNames {
  /// Telnet's commands (RFC 854 and others), as Wireshark names them.
  static let telnetCommands = ValueNames { code in
    switch code {
    case 236: "End of File"
    case 237: "Suspend Current Process"
    case 238: "Abort Process"
    case 239: "End of Record"
    case 240: "Suboption End"
    case 241: "No Operation"
    case 242: "Data Mark"
    case 243: "Break"
    case 244: "Interrupt Process"
    case 245: "Abort Output"
    case 246: "Are You There?"
    case 247: "Escape Character"
    case 248: "Erase Line"
    case 249: "Go Ahead"
    case 250: "Suboption"
    case 251: "Will"
    case 252: "Won't"
    case 253: "Do"
    case 254: "Don't"
    default: nil
    }
  }

  /// Telnet's options, as Wireshark's tree names them (the field itself has no names).
  static let telnetOptions = ValueNames(
    { code in
      let names = [
        "Binary Transmission", "Echo", "Reconnection", "Suppress Go Ahead", "Approx Message Size Negotiation",
        "Status", "Timing Mark", "Remote Controlled Trans and Echo", "Output Line Width", "Output Page Size",
        "Output Carriage-Return Disposition", "Output Horizontal Tab Stops", "Output Horizontal Tab Disposition",
        "Output Formfeed Disposition", "Output Vertical Tabstops", "Output Vertical Tab Disposition",
        "Output Linefeed Disposition", "Extended ASCII", "Logout", "Byte Macro", "Data Entry Terminal", "SUPDUP",
        "SUPDUP Output", "Send Location", "Terminal Type", "End of Record", "TACACS User Identification",
        "Output Marking", "Terminal Location Number", "Telnet 3270 Regime", "X.3 PAD",
        "Negotiate About Window Size", "Terminal Speed", "Remote Flow Control", "Linemode", "X Display Location",
        "Environment Option", "Authentication Option", "Encryption Option", "New Environment Option", "TN3270E",
        "XAUTH", "CHARSET", "Remote Serial Port", "COM Port Control", "Suppress Local Echo", "Start TLS",
        "KERMIT", "SEND-URL", "FORWARD_X",
      ]
      return code < names.count ? names[Int(code)] : "<unknown option>"
    }, nameAlone: true)
}
