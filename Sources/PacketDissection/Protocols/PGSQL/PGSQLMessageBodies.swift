/// The bodies of the messages Wireshark 4.0 takes apart; `n` is where the
/// body starts, `length` the message's declared length (without the type).
extension PGSQLMessage {
  func frontendBody(
    _ type: UInt8, length: Int, at start: Int, _ conversation: inout PGSQL.Conversation
  ) throws(DissectionStop) {
    var n = start
    switch type {
    case UInt8(ascii: "p"):
      switch conversation.authentication {
      case .saslRequested:
        n += try string(.saslMechanism, at: n)
        let dataLength = try signed(.saslDataLength, at: n, 4)
        n += 4
        if dataLength != 0 { try bytes(.saslData, at: n, Int(dataLength)) }
      case .saslContinue: try bytes(.saslData, at: n, length - 4)
      case .gssapiData: try bytes(.gssapiData, at: n, length - 4)
      case .none: try string(.password, at: n)
      }
    case UInt8(ascii: "Q"):
      try string(.query, at: n)
    case UInt8(ascii: "P"):
      n += try string(.statement, at: n)
      n += try string(.query, at: n)
      let count = try uint16(n)
      n += 2
      for _ in 0..<count {
        _ = try uint(.typeOID, at: n, 4, depth: 2)
        n += 4
      }
    case UInt8(ascii: "B"):
      n += try string(.portal, at: n)
      n += try string(.statement, at: n)
      n = try formats(at: n)
      let values = try uint16(n)
      n += 2
      for _ in 0..<values {
        let size = try signed(.valueLength, at: n, 4, depth: 2)
        n += 4
        if size > 0 {
          try bytes(.valueData, at: n, Int(size), depth: 2)
          n += Int(size)
        }
      }
      n = try formats(at: n)
    case UInt8(ascii: "E"):
      n += try string(.portal, at: n)
      _ = try uint(.returns, at: n, 4)
    case UInt8(ascii: "D"), UInt8(ascii: "C"):
      let which: PGSQL = try uint8(n) == UInt8(ascii: "P") ? .portal : .statement
      try string(which, at: n + 1)
    case 0:
      let code = try uint32(n)
      switch code {
      case PGSQL.startupCode: try startup(length: length, at: n + 4)
      case PGSQL.sslRequestCode: conversation.sslRequested = true
      case PGSQL.cancelRequestCode:
        _ = try uint(.pid, at: n + 4, 4)
        _ = try uint(.key, at: n + 8, 4)
      default: break
      }
    case UInt8(ascii: "d"):
      try bytes(.copyData, at: n, length - 4)
    case UInt8(ascii: "f"):
      try string(.error, at: n)
    default:
      break
    }
  }

  /// A Bind message's formats: a count, then that many 2-byte codes.
  private func formats(at start: Int) throws(DissectionStop) -> Int {
    let count = try uint16(start)
    var n = start + 2
    for _ in 0..<count {
      _ = try uint(.format, at: n, 2, depth: 2)
      n += 2
    }
    return n
  }

  /// The startup message's version and its name/value pairs, up to the
  /// terminating NUL.
  private func startup(length declared: Int, at start: Int) throws(DissectionStop) {
    _ = try uint(.versionMajor, at: start - 4, 2)
    _ = try uint(.versionMinor, at: start - 2, 2)
    var remaining = declared - 8
    var n = start
    while remaining > 0 {
      let nameSize = try stringSize(n)
      remaining -= nameSize
      if remaining <= 0 { break }
      try string(.parameterName, at: n)
      let valueSize = try string(.parameterValue, at: n + nameSize)
      remaining -= valueSize
      n += nameSize + valueSize
      if remaining == 1, try uint8(n) == 0 { break }
    }
  }

  func backendBody(
    _ type: UInt8, length: Int, at start: Int, _ conversation: inout PGSQL.Conversation
  ) throws(DissectionStop) {
    var n = start
    let declaredEnd = self.start + length
    switch type {
    case UInt8(ascii: "R"):
      let auth = try uint(.authType, at: n, 4)
      switch auth {
      case PGSQLNames.authCrypt, PGSQLNames.authMD5:
        try bytes(.salt, at: n + 4, auth == PGSQLNames.authCrypt ? 2 : 4)
      case PGSQLNames.authGSSAPI, PGSQLNames.authSSPI:
        conversation.authentication = .gssapiData
      case PGSQLNames.authGSSAPIContinue:
        conversation.authentication = .gssapiData
        try bytes(.gssapiData, at: n + 4, length - 8)
      case PGSQLNames.authSASL:
        conversation.authentication = .saslRequested
        n += 4
        while n < declaredEnd { n += try string(.saslMechanism, at: n) }
      case PGSQLNames.authSASLContinue, PGSQLNames.authSASLComplete:
        conversation.authentication = .saslContinue
        n += 4
        if n < declaredEnd { try bytes(.saslData, at: n, length - 8) }
      default:
        break
      }
    case UInt8(ascii: "K"):
      _ = try uint(.pid, at: n, 4)
      _ = try uint(.key, at: n + 4, 4)
    case UInt8(ascii: "S"):
      n += try string(.parameterName, at: n)
      try string(.parameterValue, at: n)
    case UInt8(ascii: "t"):
      let count = try uint16(n)
      n += 2
      for _ in 0..<count {
        _ = try uint(.typeOID, at: n, 4, depth: 2)
        n += 4
      }
    case UInt8(ascii: "T"):
      let count = try uint(.fieldCount, at: n, 2)
      n += 2
      for _ in 0..<count {
        n += try string(.columnName, at: n, depth: 2)
        _ = try uint(.tableOID, at: n, 4, depth: 3)
        _ = try uint(.columnIndex, at: n + 4, 2, depth: 3)
        _ = try uint(.typeOID, at: n + 6, 4, depth: 3)
        _ = try signed(.valueLength, at: n + 10, 2, depth: 3)
        _ = try signed(.typeModifier, at: n + 12, 4, depth: 3)
        _ = try uint(.format, at: n + 16, 2, depth: 3)
        n += 18
      }
    case UInt8(ascii: "D"):
      let count = try uint(.fieldCount, at: n, 2)
      n += 2
      for _ in 0..<count {
        let size = try signed(.valueLength, at: n, 4, depth: 2)
        n += 4
        if size > 0 {
          try bytes(.valueData, at: n, Int(size), depth: 2)
          n += Int(size)
        }
      }
    case UInt8(ascii: "C"):
      try string(.tag, at: n)
    case UInt8(ascii: "Z"):
      _ = try uint(.status, at: n, 1)
    case UInt8(ascii: "E"), UInt8(ascii: "N"):
      var remaining = length - 4
      while remaining > 0 {
        let code = try uint8(n)
        if code == 0 { break }
        remaining -= 1
        let size = try stringSize(n + 1)
        let field = PGSQLNames.noticeField(code)
        c.computed(field, at: n, size + 1, bytes: HTTP.asciiText(c.bytes.slice(n + 1, size - 1).copyBytes()))
        remaining -= size + 1
        n += size + 1
      }
    case UInt8(ascii: "A"):
      _ = try uint(.pid, at: n, 4)
      n += 4
      n += try string(.condition, at: n)
      if try stringSize(n) > 1 { try string(.text, at: n) }
    case UInt8(ascii: "G"), UInt8(ascii: "H"):
      _ = try uint(.format, at: n, 1)
      n += 1
      var count = Int(try uint16(n))
      n += 2
      // Wireshark reads two formats fewer than the count.
      while count > 2 {
        _ = try uint(.format, at: n, 2, depth: 2)
        n += 2
        count -= 1
      }
    case UInt8(ascii: "d"):
      try bytes(.copyData, at: n, length - 4)
    case UInt8(ascii: "V"):
      let size = try signed(.valueLength, at: n, 4)
      if size > 0 { try bytes(.valueData, at: n + 4, Int(size)) }
    default:
      break
    }
  }
}
