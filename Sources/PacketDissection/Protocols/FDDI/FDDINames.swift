/// FDDI frame control values, as Wireshark 4.0 describes them.
enum FDDINames {
  static func className(_ value: UInt64) -> String? {
    switch value {
    case 0x0: "Void"
    case 0x4: "SMT"
    case 0x5: "Async LLC"
    case 0x6: "Implementor Async"
    case 0x8: "Nonrestricted Token"
    case 0xc: "MAC"
    case 0xd: "Sync LLC"
    case 0xe: "Implementor Sync"
    default: nil
    }
  }

  static func smtSubtypeName(_ value: UInt64) -> String? {
    switch value {
    case 1: "Info"
    case 15: "Next Station Address"
    default: nil
    }
  }

  static func macSubtypeName(_ value: UInt64) -> String? {
    switch value {
    case 2: "Beacon"
    case 3: "Claim"
    default: nil
    }
  }

  /// What a frame control byte says the frame is: the layer's headline and
  /// Info, and the tree's text for the byte.
  static func frameControl(_ value: UInt64) -> String {
    let control = UInt8(truncatingIfNeeded: value)
    let low = control & 0x0f
    switch control {
    case 0x40: return "Void frame"
    case 0x80: return "Nonrestricted token"
    case 0xc0: return "Restricted token"
    case 0x41: return "SMT info"
    case 0x4f: return "SMT Next station adrs"
    case 0xc2: return "MAC beacon"
    case 0xc3: return "MAC claim token"
    default: break
    }
    switch control & 0xf0 {
    case 0xc0: return "MAC frame, control " + String(low, radix: 16)
    case 0x40: return "SMT frame, control " + String(low, radix: 16)
    case 0x50:
      return control & 0x08 != 0 ? "Async LLC frame, control " + String(low, radix: 16)
        : "Async LLC frame, priority \(control & 0x07)"
    case 0xd0: return low != 0 ? "Sync LLC frame, control " + String(low, radix: 16) : "Sync LLC frame"
    case 0x60: return "Implementor async frame, control " + String(low, radix: 16)
    case 0xe0: return "Implementor sync frame, control " + String(low, radix: 16)
    default: return "Unknown frame type"
    }
  }
}
