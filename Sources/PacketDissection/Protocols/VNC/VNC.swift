/// Virtual Network Computing's Remote Framebuffer protocol (RFC 6143) on
/// TCP ports 5500, 5501, 5900 and 5901: the opening handshake step by
/// step (versions, security types, VNC authentication, the result, the
/// client's and the server's init), then each client message's type and
/// the type of the first message of a server's segment. Messages' bodies,
/// and the Tight, ARD and VeNCrypt handshakes, are not taken apart.
enum VNC: UInt8, ProtocolModule {
  case item, serverVersion, clientVersion, securityTypeCount, securityType, serverSecurityType, clientSecurityType,
    authenticationChallenge, authenticationResponse, ardGenerator, ardKeyLength, ardModulus, ardServerKey,
    ardCredentials, ardClientKey, authenticationResult, authenticationErrorLength,
    authenticationError, shareDesktop, width, height, bitsPerPixel, depth, bigEndian, trueColor, redMaximum,
    greenMaximum, blueMaximum, redShift, greenShift, blueShift, desktopNameLength, desktopName, clientMessageType,
    serverMessageType

  static var protocolID: ProtocolID { .vnc }
  static var level: LayerLevel { .application }
  static let bindings = ports.sorted().map { Binding(.tcpPort, UInt32($0)) }
  static var variablePart: String? { "Handshake step or message" }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("vnc", "Virtual Network Computing")
    case .serverVersion: .loose("vnc.server_proto_ver", "Server protocol version", .string)
    case .clientVersion: .loose("vnc.client_proto_ver", "Client protocol version", .string)
    case .securityTypeCount: .loose("vnc.num_security_types", "Number of security types", .uint(bytes: 1))
    case .securityType: .loose("vnc.security_type", "Security type", .uint(bytes: 1), values: .vncSecurityTypes)
    case .serverSecurityType:
      .loose("vnc.server_security_type", "Security type", .uint(bytes: 4), values: .vncSecurityTypes)
    case .clientSecurityType:
      .loose("vnc.client_security_type", "Security type selected", .uint(bytes: 1), values: .vncSecurityTypes)
    case .authenticationChallenge: .loose("vnc.auth_challenge", "Authentication challenge", .bytes)
    case .authenticationResponse: .loose("vnc.auth_response", "Authentication response", .bytes)
    case .ardGenerator: .loose("vnc.ard_auth_generator", "Generator", .uint(bytes: 2))
    case .ardKeyLength: .loose("vnc.ard_auth_key_len", "Key length", .uint(bytes: 2))
    case .ardModulus: .loose("vnc.ard_auth_modulus", "Prime modulus", .bytes)
    case .ardServerKey: .loose("vnc.ard_auth_server_key", "Server public key", .bytes)
    case .ardCredentials: .loose("vnc.ard_auth_credentials", "Encrypted credentials", .bytes)
    case .ardClientKey: .loose("vnc.ard_auth_client_key", "Client public key", .bytes)
    case .authenticationResult:
      .loose("vnc.auth_result", "Authentication result", .boolean(bytes: 4), mask: 0x1, values: .vncAuthenticationResults)
    case .authenticationErrorLength: .loose("vnc.auth_error_len", "Length of authentication error", .uint(bytes: 4))
    case .authenticationError: .loose("vnc.auth_error", "Authentication error", .string)
    case .shareDesktop: .loose("vnc.share_desktop_flag", "Share desktop flag", .boolean(bytes: 1))
    case .width: .loose("vnc.width", "Framebuffer width", .uint(bytes: 2))
    case .height: .loose("vnc.height", "Framebuffer height", .uint(bytes: 2))
    case .bitsPerPixel: .loose("vnc.server_bits_per_pixel", "Bits per pixel", .uint(bytes: 1))
    case .depth: .loose("vnc.server_depth", "Depth", .uint(bytes: 1))
    case .bigEndian: .loose("vnc.server_big_endian_flag", "Big endian flag", .boolean(bytes: 1))
    case .trueColor: .loose("vnc.server_true_color_flag", "True color flag", .boolean(bytes: 1))
    case .redMaximum: .loose("vnc.server_red_max", "Red maximum", .uint(bytes: 2))
    case .greenMaximum: .loose("vnc.server_green_max", "Green maximum", .uint(bytes: 2))
    case .blueMaximum: .loose("vnc.server_blue_max", "Blue maximum", .uint(bytes: 2))
    case .redShift: .loose("vnc.server_red_shift", "Red shift", .uint(bytes: 1))
    case .greenShift: .loose("vnc.server_green_shift", "Green shift", .uint(bytes: 1))
    case .blueShift: .loose("vnc.server_blue_shift", "Blue shift", .uint(bytes: 1))
    case .desktopNameLength: .loose("vnc.desktop_name_len", "Desktop name length", .uint(bytes: 4))
    case .desktopName: .loose("vnc.desktop_name", "Desktop name", .string)
    case .clientMessageType:
      .loose("vnc.client_message_type", "Client Message Type", .uint(bytes: 1), values: .vncClientMessages)
    case .serverMessageType:
      .loose("vnc.server_message_type", "Server Message Type", .uint(bytes: 1), values: .vncServerMessages)
    }
  }

  /// Wireshark 4.0's VNC port range.
  static let ports: Set<UInt16> = [5500, 5501, 5900, 5901]

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    guard let stream = TCPSegment.streamIndex(c) else { return .stop }
    var connection = c.state.vncConnections[stream] ?? VNCConnection()
    defer { c.state.vncConnections[stream] = connection }
    // The protocol item's value keeps the step the segment was read as,
    // for the summary: Wireshark names it in Info before reading anything.
    if let item = c.dissection.layers.last?.firstRecord, item < c.dissection.records.count {
      c.dissection.records[item].value = connection.next.rawValue
    }
    try step(&c, &connection)
    return .stop
  }

  /// The step of the segment whose protocol item is `record`.
  static func step(of record: FieldRecord) -> VNCConnection.Step? { VNCConnection.Step(rawValue: record.value) }

  /// Throws unless `count` bytes at `offset` are in the segment: past it,
  /// Wireshark's read fails as one of an unreassembled packet.
  private static func need(_ c: LayerCursor, _ offset: Int, _ count: Int) throws(DissectionStop) {
    guard offset + count <= c.capturedLength else { throw .truncated }
  }

  /// Reads the segment as the connection's next step, and moves it on.
  private static func step(_ c: inout LayerCursor, _ connection: inout VNCConnection) throws(DissectionStop) {
    switch connection.next {
    case .serverVersion:
      guard isVersionMessage(c) else { return }
      try c.add(serverVersion, at: 4, 7)
      connection.serverPort = TCPSegment.ports(c)?.source
      connection.next = .clientVersion
    case .clientVersion:
      guard isVersionMessage(c) else { return }
      try c.add(clientVersion, at: 4, 7)
      connection.clientVersion = version(c)
      connection.next = .security
    case .security:
      if connection.clientVersion >= 3007 {
        try need(c, 0, 1)
        let count = Int(try c.uint8(0))
        try c.add(securityTypeCount, at: 0, 1, value: UInt64(count))
        connection.next = .securityTypes
        // Wireshark lists the types only when it builds a tree, so a list
        // cut by the segment fails only then: the summary goes on.
        for index in stride(from: 1, through: min(count, c.capturedLength - 1), by: 1) {
          try c.add(securityType, at: index, 1, value: UInt64(try c.uint8(index)))
        }
      } else {
        try need(c, 0, 4)
        let type = UInt64(try c.uint32(0))
        try c.add(serverSecurityType, at: 0, 4, value: type)
        if type == 0 {
          connection.next = .securityTypes
        } else if type != 16, type != 19, let next = connection.afterSecurityType(type) {
          connection.next = next
        }
      }
    case .securityTypes:
      try need(c, 0, 1)
      let type = UInt64(try c.uint8(0))
      try c.add(clientSecurityType, at: 0, 1, value: type)
      if let next = connection.afterSecurityType(type) { connection.next = next }
    case .authenticationChallenge:
      try need(c, 0, 16)
      try c.add(authenticationChallenge, at: 0, 16)
      connection.next = .authenticationResponse
    case .authenticationResponse:
      try need(c, 0, 16)
      try c.add(authenticationResponse, at: 0, 16)
      connection.next = .securityResult
    case .ardChallenge:
      try need(c, 0, 4)
      try c.add(ardGenerator, at: 0, 2, value: UInt64(try c.uint16(0)))
      let length = Int(try c.uint16(2))
      try c.add(ardKeyLength, at: 2, 2, value: UInt64(length))
      connection.ardKeyLength = length
      try need(c, 4, length)
      try c.add(ardModulus, at: 4, length)
      try need(c, 4 + length, length)
      try c.add(ardServerKey, at: 4 + length, length)
      connection.next = .ardResponse
    case .ardResponse:
      try need(c, 0, 128)
      try c.add(ardCredentials, at: 0, 128)
      try need(c, 128, connection.ardKeyLength)
      try c.add(ardClientKey, at: 128, connection.ardKeyLength)
      connection.next = .securityResult
    case .securityResult:
      try need(c, 0, 4)
      let result = UInt64(try c.uint32(0))
      try c.add(authenticationResult, at: 0, 4, value: result & 1)
      switch result {
      case 0: connection.next = .clientInit
      case 1:
        guard connection.clientVersion >= 3008 else { return }
        try need(c, 4, 4)
        let length = Int(try c.uint32(4))
        try c.add(authenticationErrorLength, at: 4, 4, value: UInt64(length))
        try need(c, 8, length)
        try c.add(authenticationError, at: 8, length)
      default: break
      }
    case .clientInit:
      try need(c, 0, 1)
      try c.add(shareDesktop, at: 0, 1, value: try c.uint8(0) != 0 ? 1 : 0)
      connection.next = .serverInit
    case .serverInit:
      try serverInit(&c)
      connection.next = .normal
    case .normal:
      try need(c, 0, 1)
      let code = UInt64(try c.uint8(0))
      if toServer(c, connection) {
        try c.add(clientMessageType, at: 0, 1, value: code)
      } else {
        try c.add(serverMessageType, at: 0, 1, value: code)
      }
    case .unfollowed: break
    }
  }

  /// The server's framebuffer parameters and, when more than four bytes
  /// follow them, its desktop name.
  private static func serverInit(_ c: inout LayerCursor) throws(DissectionStop) {
    try need(c, 0, 20)
    try c.add(width, at: 0, 2, value: UInt64(try c.uint16(0)))
    try c.add(height, at: 2, 2, value: UInt64(try c.uint16(2)))
    try c.add(bitsPerPixel, at: 4, 1, value: UInt64(try c.uint8(4)))
    try c.add(depth, at: 5, 1, value: UInt64(try c.uint8(5)))
    try c.add(bigEndian, at: 6, 1, value: try c.uint8(6) != 0 ? 1 : 0)
    try c.add(trueColor, at: 7, 1, value: try c.uint8(7) != 0 ? 1 : 0)
    try c.add(redMaximum, at: 8, 2, value: UInt64(try c.uint16(8)))
    try c.add(greenMaximum, at: 10, 2, value: UInt64(try c.uint16(10)))
    try c.add(blueMaximum, at: 12, 2, value: UInt64(try c.uint16(12)))
    try c.add(redShift, at: 14, 1, value: UInt64(try c.uint8(14)))
    try c.add(greenShift, at: 15, 1, value: UInt64(try c.uint8(15)))
    try c.add(blueShift, at: 16, 1, value: UInt64(try c.uint8(16)))
    guard c.length - 20 > 4 else { return }
    let length = Int(try c.uint32(20))
    try c.add(desktopNameLength, at: 20, 4, value: UInt64(length))
    try need(c, 24, length)
    try c.add(desktopName, at: 24, length)
  }

  /// `RFB xxx.yyy\n` in exactly twelve bytes (a NUL for the newline, as
  /// old gtk-vnc clients sent, is taken too).
  static func isVersionMessage(_ c: LayerCursor) -> Bool {
    guard c.capturedLength == 12, c.length == 12 else { return false }
    let b = { (index: Int) in c.packet.byte(c.start + index) }
    let prefix = (0..<4).map { b($0) | ($0 < 3 ? 0x20 : 0) }
    return prefix == Array("rfb ".utf8) && b(7) == UInt8(ascii: ".") && (b(11) == 0x0a || b(11) == 0)
  }

  /// The version as Wireshark reads it with `strtod`: `003.008` is 3008.
  /// Called on a version message only (twelve bytes captured).
  private static func version(_ c: LayerCursor) -> Int {
    let digits = { (range: Range<Int>) -> Int in
      var value = 0
      for index in range {
        let byte = c.packet.byte(c.start + index)
        guard (0x30...0x39).contains(byte) else { break }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    return digits(4..<7) * 1000 + digits(8..<11)
  }

  /// Whether the segment goes to the server: to a VNC port, or to the
  /// port the server's version message came from.
  private static func toServer(_ c: LayerCursor, _ connection: VNCConnection) -> Bool {
    guard let (_, destination) = TCPSegment.ports(c) else { return false }
    return ports.contains(destination) || destination == connection.serverPort
  }
}
