/// Anything In Anything (AYIYA, the SixXS tunnel protocol) on UDP port
/// 5072: the header, the identity and the signature; a Forward message's
/// payload goes to the protocol its next header names (IPv6, 41), as
/// Wireshark hands it to the IP protocol table. Other operations carry
/// nothing Wireshark reads.
enum AYIYA: UInt8, ProtocolModule {
  case item, identityLength, identityType, signatureLength, hashMethod, authenticationMethod, opcode, nextHeader,
    epoch, identity, signature

  static var protocolID: ProtocolID { .ayiya }
  /// At the transport level, as a tunnel: a question about the IPv6 packet
  /// it carries (dissected down to the transport level) reaches it.
  static var level: LayerLevel { .transport }
  static let bindings = [Binding(.udpPort, 5072)]
  static let headerBits = 64
  static var variablePart: String? { "Identity, signature; payload" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ayiya", "Anything in Anything Protocol")
    case .identityLength: .uint("ayiya.idlen", "Identity field length", at: 0, bytes: 1, mask: 0xf0, base: .hex)
    case .identityType:
      .uint("ayiya.idtype", "Identity field type", at: 0, bytes: 1, mask: 0x0f, base: .hex, values: .ayiyaIdentityTypes)
    case .signatureLength: .uint("ayiya.siglen", "Signature Length", at: 1, bytes: 1, mask: 0xf0, base: .hex)
    case .hashMethod:
      .uint("ayiya.hashmethod", "Hash method", at: 1, bytes: 1, mask: 0x0f, base: .hex, values: .ayiyaHashMethods)
    case .authenticationMethod:
      .uint("ayiya.authmethod", "Authentication method", at: 2, bytes: 1, mask: 0xf0, base: .hex,
        values: .ayiyaAuthenticationMethods)
    case .opcode: .uint("ayiya.opcode", "Operation Code", at: 2, bytes: 1, mask: 0x0f, base: .hex, values: .ayiyaOpcodes)
    case .nextHeader: .uint("ayiya.nextheader", "Next Header", at: 3, bytes: 1, base: .hex, values: .ipProtocols)
    case .epoch: .fixed("ayiya.epoch", "Epoch", .absoluteTime, at: 4, bytes: 4)
    case .identity: .loose("ayiya.identity", "Identity", .bytes)
    case .signature: .loose("ayiya.signature", "Signature", .bytes)
    }
  }

  static let forward: UInt64 = 1

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let identityBytes = 1 << Int(try c.fixed(identityLength))
    try c.fixed(identityType)
    let signatureBytes = Int(try c.fixed(signatureLength)) * 4
    try c.fixed(hashMethod)
    try c.fixed(authenticationMethod)
    let operation = try c.fixed(opcode)
    let next = try c.fixed(nextHeader)
    try c.add(epoch, at: 4, 4, value: UInt64(try c.uint32(4)) &* 1_000_000_000)
    try c.add(identity, at: 8, identityBytes)
    try c.add(signature, at: 8 + identityBytes, signatureBytes)
    let payload = 8 + identityBytes + signatureBytes
    guard operation == forward else { return .stop }
    return .dispatch(.ipProto, key: UInt32(next), at: c.start + payload, end: c.end)
  }
}
