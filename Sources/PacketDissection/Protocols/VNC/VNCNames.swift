/// VNC's security types and message types, as Wireshark names them, and
/// the Info text it writes for each message.
enum VNCNames {
  static func securityTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Invalid"
    case 1: "None"
    case 2: "VNC"
    case 5: "RA2"
    case 6: "RA2ne"
    case 16: "Tight"
    case 17: "Ultra"
    case 18: "TLS"
    case 19: "VeNCrypt"
    case 20: "GTK-VNC SASL"
    case 30: "Apple Remote Desktop"
    default: nil
    }
  }

  static func clientMessageName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Set Pixel Format"
    case 2: "Set Encodings"
    case 3: "Framebuffer Update Request"
    case 4: "Key Event"
    case 5: "Pointer Event"
    case 6: "Cut Text"
    case 128: "MirrorLink"
    case 150: "Enable Continuous Updates"
    case 248: "Fence"
    case 250: "Xvp"
    case 251: "Setr Desktop Size"
    case 252: "Tight"
    case 253: "Gii"
    case 255: "Qemu"
    default: nil
    }
  }

  static func serverMessageName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Framebuffer Update"
    case 1: "Set Colormap Entries"
    case 2: "Ring Bell"
    case 3: "Cut Text"
    case 128: "MirrorLink"
    case 150: "End Continuous Updates"
    case 248: "Fence"
    case 250: "Xvp"
    case 252: "Tight"
    case 253: "Gii"
    case 255: "Qemu"
    default: nil
    }
  }

  /// Info for a client's message.
  static func clientInfo(_ code: UInt64) -> String {
    switch code {
    case 0: "Client set pixel format"
    case 2: "Client set encodings"
    case 3: "Client framebuffer update request"
    case 4: "Client key event"
    case 5: "Client pointer event"
    case 6: "Client cut text"
    case 150: "Client Enable Continuous Updates"
    default: "Unknown client message type (\(code))"
    }
  }

  /// Info for a server's message.
  static func serverInfo(_ code: UInt64) -> String {
    switch code {
    case 0: "Server framebuffer update"
    case 1: "Server set colormap entries"
    case 2: "Server ring bell"
    case 3: "Server cut text"
    case 150: "Server End Continuous Updates"
    default: "Unknown server message type"
    }
  }
}

extension ValueNames {
  static let vncSecurityTypes = ValueNames(VNCNames.securityTypeName)
  static let vncClientMessages = ValueNames(VNCNames.clientMessageName)
  static let vncServerMessages = ValueNames(VNCNames.serverMessageName)
  static let vncAuthenticationResults = ValueNames { $0 != 0 ? "Failed" : "OK" }
}
