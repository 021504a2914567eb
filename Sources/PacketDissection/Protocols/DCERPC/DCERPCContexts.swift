/// The presentation context lists of Bind and Alter_context, and the
/// results of their acks (C706 sections 12.6.4.3 and 12.6.4.4).
enum DCERPCContexts {
  /// Items or results past this many are not read.
  static let largestCount = 64

  /// Reads a Bind's or Alter_context's items, and remembers on the TCP
  /// `connection` the interface each binds its context to.
  static func bind(_ c: inout LayerCursor, _ reader: DCERPCReader, connection: ConversationKey?)
    throws(DissectionStop)
  {
    try c.add(DCERPC.maxTransmit, at: 16, 2, value: UInt64(try reader.uint16(16)), flags: reader.flags)
    try c.add(DCERPC.maxReceive, at: 18, 2, value: UInt64(try reader.uint16(18)), flags: reader.flags)
    try c.add(DCERPC.associationGroup, at: 20, 4, value: UInt64(try reader.uint32(20)), flags: reader.flags)
    let count = Int(try c.uint8(24))
    try c.add(DCERPC.contextItemCount, at: 24, 1, value: UInt64(count))
    var offset = 28
    for _ in 0..<min(count, largestCount) {
      let context = try reader.uint16(offset)
      try c.add(DCERPC.contextID, at: offset, 2, value: UInt64(context), depth: 2, flags: reader.flags)
      let transfers = Int(try c.uint8(offset + 2))
      try c.add(DCERPC.transferItemCount, at: offset + 2, 1, value: UInt64(transfers), depth: 2)
      let major = try reader.uint16(offset + 20)
      try c.add(DCERPC.interfaceVersion, at: offset + 20, 2, value: UInt64(major), depth: 3, flags: reader.flags)
      if let connection {
        let interface = DCERPCBindings.Interface(uuid: try reader.uuid(offset + 4), version: major)
        c.state.dcerpcBindings.bind(connection, context: context, to: interface)
      }
      try c.add(
        DCERPC.interfaceVersionMinor, at: offset + 22, 2, value: UInt64(try reader.uint16(offset + 22)), depth: 3,
        flags: reader.flags)
      offset += 24
      for _ in 0..<min(transfers, largestCount) {
        try c.add(DCERPC.transferVersion, at: offset + 16, 4, value: UInt64(try reader.uint32(offset + 16)), depth: 3, flags: reader.flags)
        offset += 20
      }
    }
  }

  static func bindAck(_ c: inout LayerCursor, _ reader: DCERPCReader) throws(DissectionStop) {
    try c.add(DCERPC.maxTransmit, at: 16, 2, value: UInt64(try reader.uint16(16)), flags: reader.flags)
    try c.add(DCERPC.maxReceive, at: 18, 2, value: UInt64(try reader.uint16(18)), flags: reader.flags)
    try c.add(DCERPC.associationGroup, at: 20, 4, value: UInt64(try reader.uint32(20)), flags: reader.flags)
    let addressLength = Int(try reader.uint16(24))
    try c.add(DCERPC.secondaryAddressLength, at: 24, 2, value: UInt64(addressLength), flags: reader.flags)
    var offset = 26
    if addressLength > 0 {
      // The address ends at a NUL, which the string leaves out, or at its length.
      try c.check(offset, addressLength)
      var text = 0
      while text < addressLength, try c.uint8(offset + text) != 0 { text += 1 }
      try c.add(DCERPC.secondaryAddress, at: offset, text)
      offset += addressLength
    }
    offset = (offset + 3) & ~3
    let count = Int(try c.uint8(offset))
    try c.add(DCERPC.resultCount, at: offset, 1, value: UInt64(count))
    offset += 4
    for _ in 0..<min(count, largestCount) {
      let result = try reader.uint16(offset)
      try c.add(DCERPC.ackResult, at: offset, 2, value: UInt64(result), depth: 2, flags: reader.flags)
      // Only a rejection gives its reason (a negotiate ack's bytes are its features).
      if result == 1 || result == 2 {
        try c.add(DCERPC.ackReason, at: offset + 2, 2, value: UInt64(try reader.uint16(offset + 2)), depth: 2, flags: reader.flags)
      }
      try c.add(DCERPC.ackTransferVersion, at: offset + 20, 4, value: UInt64(try reader.uint32(offset + 20)), depth: 2, flags: reader.flags)
      offset += 24
    }
  }
}
