/// What SMTP remembers about one TCP connection, as Wireshark's session
/// state: whether the client sends commands or a message, how far AUTH has
/// gone, the fragments of the message being sent, and the frame after
/// which the connection is TLS.
struct SMTPConversation {
  enum Phase { case commands, message, awaitingTLSReply }
  enum Auth {
    case none, start, usernameRequested, usernameSent, passwordRequested, passwordSent, plainStart,
      plainCredentials, plainRequested, plainSent, ntlmRequested, ntlmChallenge, ntlmSent, success, failed
  }
  /// What a client segment is.
  enum Kind { case command, message, endOfMessage }
  /// What a client segment's lines are when they are not a message.
  enum Role { case command, username, password, credentials }

  /// A client segment read: its kind, its lines' role, where the end of
  /// the message starts, and whether the message continues.
  struct Found {
    var kind = Kind.command
    var role = Role.command
    var endOffset = 0
    var moreFragments = true
  }

  /// At most this many fragment frame numbers are listed for one message;
  /// the count and length go on.
  static let listedFragments = 4096

  var phase = Phase.commands
  var auth = Auth.none
  var crlfSeen = false
  var dataSeen = false
  /// BDAT's counts, 32-bit and wrapping as Wireshark's.
  var chunkRead: UInt32 = 0
  var chunkTotal: UInt32 = 0
  var lastChunk = true
  var tlsAfterFrame: Int?
  var fragmentFrames: [Int] = []
  var fragmentCount = 0
  var fragmentBytes = 0

  mutating func addFragment(frame: Int, length: Int) {
    if fragmentFrames.count < Self.listedFragments { fragmentFrames.append(frame) }
    fragmentCount += 1
    fragmentBytes += length
  }

  /// Reads a client segment line by line as Wireshark's first pass does,
  /// moving the state on. `whole` tells whether all of the segment was
  /// captured.
  mutating func read(_ bytes: [UInt8], _ lines: [(start: Int, length: Int, next: Int)], whole: Bool) -> Found {
    var found = Found()
    for line in lines {
      var endOfMessage = false
      if phase == .message {
        let rest = bytes[line.start...]
        endOfMessage = (crlfSeen && rest.starts(with: [0x2e, 0x0d, 0x0a])) || rest.starts(with: [0x0d, 0x0a, 0x2e, 0x0d, 0x0a])
        crlfSeen = whole && rest.count >= 2 && bytes[bytes.count - 2] == 0x0d && bytes[bytes.count - 1] == 0x0a
      }
      if phase == .message {
        if endOfMessage {
          found.kind = .endOfMessage
          found.endOffset = line.start
          phase = .commands
          return found
        }
        found.kind = .message
        if chunkTotal > 0 {
          // A BDAT chunk takes the rest of the segment.
          chunkRead &+= UInt32(truncatingIfNeeded: bytes.count - line.start)
          if chunkRead == chunkTotal {
            phase = .commands
            if lastChunk { found.moreFragments = false }
          }
          return found
        }
        continue
      }
      let text = bytes[line.start..<line.start + line.length]
      if Self.isCommand(text.prefix { $0 != 0x20 }) {
        found.kind = .command
        command(text, &found)
      } else if auth == .usernameRequested {
        auth = .usernameSent
        found.role = .username
      } else if auth == .passwordRequested {
        auth = .passwordSent
        found.role = .password
      } else if auth == .plainRequested {
        auth = .plainSent
        found.role = .credentials
      } else if auth == .ntlmChallenge {
        auth = .ntlmSent
      } else {
        found.kind = dataSeen ? .message : .command
      }
    }
    return found
  }

  /// A command line's effect on the state.
  private mutating func command(_ line: ArraySlice<UInt8>, _ found: inout Found) {
    if Self.startsCaseless(line, "DATA") {
      phase = .message
      dataSeen = true
    } else if Self.startsCaseless(line, "BDAT") {
      let length = Self.leadingNumber(line.dropFirst(5))
      dataSeen = true
      chunkTotal &+= length
      phase = length == 0 ? .commands : .message
      if Self.startsCaseless(line.suffix(4), "LAST") {
        lastChunk = true
        if length == 0 { found.moreFragments = false }
      } else {
        lastChunk = false
      }
    } else if Self.startsCaseless(line, "AUTH LOGIN") {
      phase = .commands
      auth = line.count <= 11 ? .start : .usernameSent
    } else if Self.startsCaseless(line, "AUTH PLAIN") {
      phase = .commands
      auth = line.count <= 11 ? .plainStart : .plainCredentials
    } else if Self.startsCaseless(line, "AUTH NTLM") && line.count > 10 {
      phase = .commands
      auth = .ntlmRequested
    } else if Self.startsCaseless(line, "STARTTLS") {
      phase = .awaitingTLSReply
    }
  }

  /// A reply's effect on the state: STARTTLS's answer, AUTH's steps.
  mutating func reply(_ code: Int, frame: Int) {
    if phase == .awaitingTLSReply {
      if code == 220 { tlsAfterFrame = frame }
      phase = .commands
    }
    if code == 334 {
      switch auth {
      case .start: auth = .usernameRequested
      case .usernameSent: auth = .passwordRequested
      case .plainRequested: auth = .plainSent
      case .plainStart: auth = .plainRequested
      case .ntlmRequested: auth = .ntlmChallenge
      default: break
      }
    } else if [.passwordSent, .plainSent, .ntlmSent, .plainCredentials].contains(auth) {
      auth = code == 235 ? .success : .failed
    }
  }

  /// Wireshark's test for a command: four letters, or one of the longer
  /// commands it knows.
  static func isCommand(_ word: ArraySlice<UInt8>) -> Bool {
    let isLetter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a }
    if word.count == 4 && word.allSatisfy(isLetter) { return true }
    return ["STARTTLS", "X-EXPS", "X-LINK2STATE", "XEXCH50"].contains { word.count == $0.utf8.count && startsCaseless(word, $0) }
  }

  static func startsCaseless(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
    guard bytes.count >= prefix.utf8.count else { return false }
    return zip(bytes, prefix.utf8).allSatisfy { a, b in
      a == b || (a >= 0x61 && a <= 0x7a && a - 0x20 == b)
    }
  }

  /// `(guint32)strtoul(text, NULL, 10)`: leading white space, a sign,
  /// digits (0 if none); a negative number wraps, one too large is
  /// `ULONG_MAX`.
  static func leadingNumber(_ text: ArraySlice<UInt8>) -> UInt32 {
    var value: UInt64 = 0
    var overflow = false
    var rest = text.drop { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0d) }
    let negative = rest.first == UInt8(ascii: "-")
    if negative || rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
    for b in rest {
      guard b >= 0x30 && b <= 0x39 else { break }
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(UInt64(b - 0x30))
      overflow = overflow || o1 || o2
      value = sum
    }
    if overflow { return UInt32.max }
    return UInt32(truncatingIfNeeded: negative ? 0 &- value : value)
  }
}
