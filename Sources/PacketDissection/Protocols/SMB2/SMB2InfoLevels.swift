/// The information level each Find or Get Info request asked for (a Get
/// Info's class in the high byte), by the request, for the response that
/// answers it: tshark reads a response's buffer by it. Bounded: the
/// oldest half is forgotten past `capacity` requests.
final class SMB2InfoLevels {
  static let capacity = 4096
  private var levels = OldestHalfForgottenTable<SMB2Files.Request, UInt16>(capacity: capacity)

  func asked(level: UInt16, by request: SMB2Files.Request) { levels.set(request, level) }

  func level(answering request: SMB2Files.Request) -> UInt16? { levels[request] }
}
