import PacketWire

/// Walks one Kerberos message's elements and records them, as Wireshark's
/// tree nests them. Offsets are the layer's; `depth` is the tree depth
/// below the protocol item.
struct KerberosWalk {
  let c: LayerCursor
  let ber: BERReader

  /// The identifier bytes of the messages read (APPLICATION 10 to 15, 30).
  static let messageTags: Set<UInt8> = [0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x7e]

  /// A SEQUENCE's explicitly tagged members (`[n] Type`), each as the
  /// element inside its tag, with the tag's number.
  func members(_ e: BERElement) -> [(tag: UInt32, value: BERElement)] {
    ber.parts(of: e).compactMap { part in
      guard part.tagClass == .context, let inner = ber.part(at: part.contentStart, end: part.contentEnd) else { return nil }
      return (part.tag, inner)
    }
  }

  /// How many items a SEQUENCE OF holds as Wireshark counts them: none
  /// when the bytes end inside it.
  private func count(_ e: BERElement, _ items: [BERElement]) -> UInt64 {
    e.isCut ? 0 : UInt64(items.count)
  }

  private func add(_ field: Kerberos, _ e: BERElement, value: UInt64 = 0, depth: UInt8) throws(DissectionStop) {
    var flags = FieldRecord.Flags()
    if e.contentLength == 0, case .bytes = field.declaration.kind { flags = .missing }
    try c.add(field, at: e.contentStart, e.contentLength, value: value, depth: depth, flags: flags)
  }

  /// A label over the whole element (Wireshark's `…_element` items).
  private func label(_ field: Kerberos, _ e: BERElement, depth: UInt8) throws(DissectionStop) {
    try c.add(field, at: e.start, e.end - e.start, depth: depth)
  }

  private func integer(_ field: Kerberos, _ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard e.isUniversal(BERTag.integer), let value = ber.integer(e) else { return }
    try add(field, e, value: UInt64(bitPattern: value), depth: depth)
  }

  private func time(_ field: Kerberos, _ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard let nanoseconds = X509Time.generalized(ber.contents(e).copyBytes()) else { return }
    try add(field, e, value: UInt64(bitPattern: nanoseconds), depth: depth)
  }

  /// An APPLICATION-tagged message; other tags are left alone.
  func message(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard e.tagClass == .application, let body = ber.part(at: e.contentStart, end: e.contentEnd),
      body.isUniversal(BERTag.sequence)
    else { return }
    let inner = depth + 1
    switch e.tag {
    case 10, 12:
      try label(e.tag == 10 ? .asReq : .tgsReq, body, depth: depth)
      try kdcRequest(body, depth: inner)
    case 11, 13:
      try label(e.tag == 11 ? .asRep : .tgsRep, body, depth: depth)
      try kdcReply(body, depth: inner)
    case 14:
      try label(.apReq, body, depth: depth)
      try apRequest(body, depth: inner)
    case 15:
      try label(.apRep, body, depth: depth)
      for (tag, value) in members(body) {
        switch tag {
        case 0: try integer(.pvno, value, depth: inner)
        case 1: try integer(.msgType, value, depth: inner)
        case 2: try encryptedData(.encPart, value, depth: inner)
        default: break
        }
      }
    case 30:
      try label(.krbError, body, depth: depth)
      try error(body, depth: inner)
    default: break
    }
  }

  private func kdcRequest(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    for (tag, value) in members(e) {
      switch tag {
      case 1: try integer(.pvno, value, depth: depth)
      case 2: try integer(.msgType, value, depth: depth)
      case 3: try paData(value, counted: true, depth: depth)
      case 4: try requestBody(value, depth: depth)
      default: break
      }
    }
  }

  private func kdcReply(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    for (tag, value) in members(e) {
      switch tag {
      case 0: try integer(.pvno, value, depth: depth)
      case 1: try integer(.msgType, value, depth: depth)
      case 2: try paData(value, counted: true, depth: depth)
      case 3: try add(.crealm, value, depth: depth)
      case 4: try principal(value, client: true, depth: depth)
      case 5: try ticket(value, depth: depth)
      case 6: try encryptedData(.encPart, value, depth: depth)
      default: break
      }
    }
  }

  private func apRequest(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    for (tag, value) in members(e) {
      switch tag {
      case 0: try integer(.pvno, value, depth: depth)
      case 1: try integer(.msgType, value, depth: depth)
      case 2: try options(.apOptions, value, first: .apReserved, count: KerberosNames.apOptions.count, depth: depth)
      case 3: try ticket(value, depth: depth)
      case 4: try encryptedData(.authenticator, value, depth: depth)
      default: break
      }
    }
  }

  private func error(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    var code: Int64?
    for (tag, value) in members(e) {
      switch tag {
      case 0: try integer(.pvno, value, depth: depth)
      case 1: try integer(.msgType, value, depth: depth)
      case 2: try time(.ctime, value, depth: depth)
      case 3: try integer(.cusec, value, depth: depth)
      case 4: try time(.stime, value, depth: depth)
      case 5: try integer(.susec, value, depth: depth)
      case 6:
        code = ber.integer(value)
        try integer(.errorCode, value, depth: depth)
      case 7: try add(.crealm, value, depth: depth)
      case 8: try principal(value, client: true, depth: depth)
      case 9: try add(.realm, value, depth: depth)
      case 10: try principal(value, client: false, depth: depth)
      case 11: try add(.eText, value, depth: depth)
      case 12:
        try add(.eData, value, depth: depth)
        // Pre-authentication required: the data lists the methods.
        if code == 25, let methods = ber.part(at: value.contentStart, end: value.contentEnd) {
          try paData(methods, counted: false, depth: depth + 1)
        }
      default: break
      }
    }
  }

  /// A SEQUENCE OF PA-DATA, counted as `padata` where it is a message's.
  private func paData(_ e: BERElement, counted: Bool, depth: UInt8) throws(DissectionStop) {
    guard e.isUniversal(BERTag.sequence) else { return }
    let items = ber.parts(of: e)
    if counted { try add(.padata, e, value: count(e, items), depth: depth) }
    let inner = counted ? depth + 1 : depth
    for item in items {
      try label(.paDataElement, item, depth: inner)
      var type: Int64?
      for (tag, value) in members(item) {
        switch tag {
        case 1:
          type = ber.integer(value)
          try integer(.padataType, value, depth: inner + 1)
        case 2:
          try add(.padataValue, value, depth: inner + 2)
          if let type { try paDataValue(type, value, depth: inner + 3) }
        default: break
        }
      }
    }
  }

  /// The value of the PA-DATA types Wireshark opens.
  private func paDataValue(_ type: Int64, _ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard let value = ber.part(at: e.contentStart, end: e.contentEnd) else { return }
    switch type {
    case 1: try message(value, depth: depth)
    case 2: try encryptedData(nil, value, depth: depth - 1)
    case 19:
      for entry in ber.parts(of: value) {
        try label(.etypeInfo2Entry, entry, depth: depth)
        for (tag, part) in members(entry) {
          switch tag {
          case 0: try integer(.etype, part, depth: depth + 1)
          case 1: try add(.info2Salt, part, depth: depth + 1)
          default: break
          }
        }
      }
    case 128:
      for (tag, part) in members(value) where tag == 0 && part.isUniversal(BERTag.boolean) && part.contentLength == 1 {
        try add(.includePAC, part, value: ber.contents(part).byte(0) != 0 ? 1 : 0, depth: depth)
      }
    default: break
    }
  }

  private func requestBody(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    try label(.reqBody, e, depth: depth)
    let inner = depth + 1
    for (tag, value) in members(e) {
      switch tag {
      case 0: try options(.kdcOptions, value, first: .kdcReserved, count: KerberosNames.kdcOptions.count, depth: inner)
      case 1: try principal(value, client: true, depth: inner)
      case 2: try add(.realm, value, depth: inner)
      case 3: try principal(value, client: false, depth: inner)
      case 4: try time(.from, value, depth: inner)
      case 5: try time(.till, value, depth: inner)
      case 6: try time(.rtime, value, depth: inner)
      case 7: try integer(.nonce, value, depth: inner)
      case 8:
        let types = ber.parts(of: value)
        try add(.etypeList, value, value: count(value, types), depth: inner)
        for type in types { try integer(.encType, type, depth: inner + 1) }
      case 10: try encryptedData(.encAuthorizationData, value, depth: inner)
      case 11:
        for ticket in ber.parts(of: value) { try self.ticket(ticket, depth: inner) }
      default: break
      }
    }
  }

  /// A BIT STRING of options: the bytes after the unused-bits count, and
  /// each named bit over the byte that holds it.
  private func options(_ field: Kerberos, _ e: BERElement, first: Kerberos, count: Int, depth: UInt8)
    throws(DissectionStop)
  {
    guard e.isUniversal(BERTag.bitString), e.contentLength >= 2 else { return }
    let bytes = ber.contents(e)
    try c.add(field, at: e.contentStart + 1, e.contentLength - 1, depth: depth)
    for bit in 0..<count where bit / 8 + 1 < e.contentLength {
      let set = bytes.byte(bit / 8 + 1) & (0x80 >> UInt8(bit % 8)) != 0
      try c.add(
        Kerberos(rawValue: first.rawValue + UInt8(bit))!, at: e.contentStart + 1 + bit / 8, 1, value: set ? 1 : 0,
        depth: depth + 1)
    }
  }

  /// A PrincipalName: its type and its name strings.
  private func principal(_ e: BERElement, client: Bool, depth: UInt8) throws(DissectionStop) {
    guard e.isUniversal(BERTag.sequence) else { return }
    try label(client ? .cname : .sname, e, depth: depth)
    for (tag, value) in members(e) {
      switch tag {
      case 0: try integer(.nameType, value, depth: depth + 1)
      case 1:
        let names = ber.parts(of: value)
        try add(client ? .cnameString : .snameString, value, value: count(value, names), depth: depth + 1)
        for name in names where !name.constructed {
          try add(client ? .cNameString : .sNameString, name, depth: depth + 2)
        }
      default: break
      }
    }
  }

  /// A Ticket: `[APPLICATION 1] SEQUENCE`.
  private func ticket(_ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard e.tagClass == .application, e.tag == 1, let body = ber.part(at: e.contentStart, end: e.contentEnd),
      body.isUniversal(BERTag.sequence)
    else { return }
    try label(.ticket, body, depth: depth)
    for (tag, value) in members(body) {
      switch tag {
      case 0: try integer(.tktVno, value, depth: depth + 1)
      case 1: try add(.realm, value, depth: depth + 1)
      case 2: try principal(value, client: false, depth: depth + 1)
      case 3: try encryptedData(.encPart, value, depth: depth + 1)
      default: break
      }
    }
  }

  /// EncryptedData: its type, key version and cipher text, under `heading`
  /// (none for a PA-ENC-TIMESTAMP's).
  private func encryptedData(_ heading: Kerberos?, _ e: BERElement, depth: UInt8) throws(DissectionStop) {
    guard e.isUniversal(BERTag.sequence) else { return }
    if let heading { try label(heading, e, depth: depth) }
    for (tag, value) in members(e) {
      switch tag {
      case 0: try integer(.etype, value, depth: depth + 1)
      case 1: try integer(.kvno, value, depth: depth + 1)
      case 2: try add(.cipher, value, depth: depth + 1)
      default: break
      }
    }
  }
}
