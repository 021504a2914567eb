/// Cuts source text into tokens, keeping each token's location.
///
/// `#` followed by a digit or `[`, or right after a word, is Wireshark's
/// layer operator (`ip.src#2`, `ip.src #[1-2]`); any other `#` starts a
/// comment to the end of the line (`# note`, `count tcp  # SYNs`). Newlines
/// and `;` separate statements (outside strings and slices).
///
/// With script arguments (`pktsh -f script.pks ARG…`), a word `$1`, `$2`, …
/// is the argument itself, located where `$N` is written: a word when the
/// argument is one (`80`, `a.pcap`), else a string (`"my file.pcap"`).
public struct Lexer {
  private let bytes: [UInt8]
  /// The script's arguments, `$1` first; nil when `$N` is not substituted.
  private let arguments: [String]?
  private var index = 0
  private var line = 1
  private var lineStart = 0

  public init(_ source: String, arguments: [String]? = nil) {
    bytes = Array(source.utf8)
    self.arguments = arguments
  }

  /// Operators, longest first so that `===` wins over `==`.
  static let operators = [
    "===", "!==", "==", "!=", "<=", ">=", "~=", "&&", "||", "^^", "..", "<", ">", "!", "&", "|", "+", "-",
    "*", "/", "%", "~", "(", ")", "{", "}", ",", "=",
  ]

  public mutating func tokens() throws(LanguageError) -> [Token] {
    var out: [Token] = []
    while true {
      let token = try next()
      out.append(token)
      if token.kind == .end { return out }
    }
  }

  private func location(from start: Int) -> SourceLocation {
    SourceLocation(line: line, column: start - lineStart + 1, offset: start, length: index - start)
  }

  static func isWordByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"),
      UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "$"), UInt8(ascii: "@"):
      return true
    default:
      return b >= 0x80
    }
  }

  private mutating func next() throws(LanguageError) -> Token {
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
        index += 1
      } else if b == UInt8(ascii: "#") && !startsLayer() {
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
      } else {
        break
      }
    }
    let start = index
    guard index < bytes.count else {
      return Token(kind: .end, location: location(from: start))
    }
    let b = bytes[index]
    if b == UInt8(ascii: "\n") || b == UInt8(ascii: ";") {
      index += 1
      let token = Token(kind: .separator, location: location(from: start))
      if b == UInt8(ascii: "\n") {
        line += 1
        lineStart = index
      }
      return token
    }
    if b == UInt8(ascii: "\"") { return try string(from: start) }
    if b == UInt8(ascii: "r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
      return try rawString(from: start)
    }
    if b == UInt8(ascii: "'") { return try character(from: start) }
    if b == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
      return try macro(from: start)
    }
    if b == UInt8(ascii: "#") { return try layer(from: start) }
    if b == UInt8(ascii: "[") {
      index += 1
      while index < bytes.count && bytes[index] != UInt8(ascii: "]") && bytes[index] != UInt8(ascii: "\n") {
        index += 1
      }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else {
        throw LanguageError(.syntax, "missing ']' to close the slice", at: location(from: start))
      }
      let text = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
      index += 1
      return Token(kind: .slice(text), location: location(from: start))
    }
    // Words start with a word character, except that '-' starts one only
    // as a negative number, and '/' only when a path follows (`/tmp/x`).
    if Lexer.isWordByte(b) && !(b == UInt8(ascii: "-") && !startsNegativeNumber())
      && !(b == UInt8(ascii: ".") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "."))
      && !(b == UInt8(ascii: "/") && !(index + 1 < bytes.count && Lexer.isWordByte(bytes[index + 1])))
    {
      index += 1
      while index < bytes.count && Lexer.isWordByte(bytes[index]) { index += 1 }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      return Token(kind: try argument(text, at: location(from: start)) ?? .word(text), location: location(from: start))
    }
    for op in Lexer.operators where matches(op) {
      index += op.utf8.count
      return Token(kind: .op(op), location: location(from: start))
    }
    index += 1
    throw LanguageError(
      .syntax, "unexpected character '\(String(decoding: [b], as: UTF8.self))'", at: location(from: start))
  }

  /// The token the argument that `word` (`$N`) names stands for, or nil
  /// when `word` names none. A missing argument is an error at `$N`.
  private func argument(_ word: String, at location: SourceLocation) throws(LanguageError) -> TokenKind? {
    guard let arguments, word.first == "$", let n = Int(word.dropFirst()), word.dropFirst().allSatisfy(\.isASCII)
    else { return nil }
    guard n >= 1, n <= arguments.count else {
      let given = arguments.isEmpty ? "no arguments" : arguments.count == 1 ? "1 argument" : "\(arguments.count) arguments"
      throw LanguageError(
        .syntax, n < 1 ? "script arguments count from $1" : "missing script argument \(word): the script was given \(given)",
        at: location)
    }
    let text = arguments[n - 1]
    return !text.isEmpty && text.utf8.allSatisfy(Lexer.isWordByte) ? .word(text) : .string(Array(text.utf8))
  }

  /// Whether the `#` at `index` is a layer operator: a digit or `[`
  /// follows, or a word ends right before it (`ip.src#-1` is a mistake,
  /// not `ip.src` and a comment).
  private func startsLayer() -> Bool {
    if index > 0, Lexer.isWordByte(bytes[index - 1]) { return true }
    guard index + 1 < bytes.count else { return false }
    let next = bytes[index + 1]
    return next == UInt8(ascii: "[") || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
  }

  /// `#N` or `#[ranges]`: the layer token, holding `N` or the text between the brackets.
  private mutating func layer(from start: Int) throws(LanguageError) -> Token {
    index += 1
    if index < bytes.count && bytes[index] == UInt8(ascii: "[") {
      index += 1
      let textStart = index
      while index < bytes.count && bytes[index] != UInt8(ascii: "]") && bytes[index] != UInt8(ascii: "\n") { index += 1 }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else {
        throw LanguageError(.syntax, "missing ']' to close the layers", at: location(from: start))
      }
      let text = String(decoding: bytes[textStart..<index], as: UTF8.self)
      index += 1
      return Token(kind: .layer(text), location: location(from: start))
    }
    let textStart = index
    while index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") { index += 1 }
    guard index > textStart else {
      throw LanguageError(.syntax, "the layer operator takes a number or [ranges] (ip.src#2)", at: location(from: start))
    }
    return Token(kind: .layer(String(decoding: bytes[textStart..<index], as: UTF8.self)), location: location(from: start))
  }

  /// A '-' directly followed by a digit, after an operator or at the
  /// start, begins a negative number or a slice-free word such as `-1`.
  private func startsNegativeNumber() -> Bool {
    guard index + 1 < bytes.count else { return false }
    let nextIsDigit = bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9")
    guard nextIsDigit else { return false }
    var back = index - 1
    while back >= 0 && bytes[back] == UInt8(ascii: " ") { back -= 1 }
    guard back >= 0 else { return true }
    return !Lexer.isWordByte(bytes[back]) && bytes[back] != UInt8(ascii: ")")
      && bytes[back] != UInt8(ascii: "\"")
  }

  private func matches(_ op: String) -> Bool {
    let u = Array(op.utf8)
    guard index + u.count <= bytes.count else { return false }
    return Array(bytes[index..<(index + u.count)]) == u
  }

  private mutating func string(from start: Int) throws(LanguageError) -> Token {
    index += 1
    var value: [UInt8] = []
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        index += 1
        return Token(kind: .string(value), location: location(from: start))
      }
      if b == UInt8(ascii: "\n") { break }
      if b == UInt8(ascii: "\\") {
        index += 1
        guard index < bytes.count else { break }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "n"): value.append(0x0a)
        case UInt8(ascii: "t"): value.append(0x09)
        case UInt8(ascii: "r"): value.append(0x0d)
        case UInt8(ascii: "a"): value.append(0x07)
        case UInt8(ascii: "b"): value.append(0x08)
        case UInt8(ascii: "f"): value.append(0x0c)
        case UInt8(ascii: "v"): value.append(0x0b)
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): value.append(e)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
          var v = Int(e - UInt8(ascii: "0"))
          var digits = 1
          while digits < 3, index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
            bytes[index] <= UInt8(ascii: "7")
          {
            v = v * 8 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
            digits += 1
          }
          value.append(UInt8(truncatingIfNeeded: v))
        case UInt8(ascii: "x"):
          var v = 0
          var digits = 0
          while digits < 2, index < bytes.count, let d = hexDigit(bytes[index]) {
            v = v * 16 + d
            index += 1
            digits += 1
          }
          guard digits > 0 else {
            throw LanguageError(.syntax, "\\x needs hex digits", at: location(from: index - 2))
          }
          value.append(UInt8(v))
        default:
          // As tshark: an escape it does not know is a mistake (`"\HEAD"`).
          throw LanguageError(
            .syntax, "\\\(String(decoding: [e], as: UTF8.self)) is not a valid escape in a string",
            at: location(from: index - 2))
        }
        continue
      }
      value.append(b)
      index += 1
    }
    throw LanguageError(.syntax, "unterminated string", at: location(from: start))
  }
}

extension Lexer {
  /// `r"…"`: a string whose backslashes are kept as written (a `\"`
  /// inside keeps both characters and does not end it).
  fileprivate mutating func rawString(from start: Int) throws(LanguageError) -> Token {
    index += 2
    var value: [UInt8] = []
    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
      let b = bytes[index]
      index += 1
      if b == UInt8(ascii: "\"") { return Token(kind: .string(value), location: location(from: start)) }
      value.append(b)
      if b == UInt8(ascii: "\\"), index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
        value.append(bytes[index])
        index += 1
      }
    }
    throw LanguageError(.syntax, "unterminated string", at: location(from: start))
  }

  /// `'H'`, `'\x41'`, `'\101'`, `'\''`, `'\\'`: one byte, as the word `0x48`
  /// (an integer, or the byte 48 against bytes). tshark 4.0 takes no other
  /// escape in a character constant.
  fileprivate mutating func character(from start: Int) throws(LanguageError) -> Token {
    index += 1
    let contentStart = index
    while index < bytes.count, bytes[index] != UInt8(ascii: "'"), bytes[index] != UInt8(ascii: "\n") {
      if bytes[index] == UInt8(ascii: "\\") { index += 1 }
      index += 1
    }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "'") else {
      throw LanguageError(.syntax, "unterminated character constant", at: location(from: start))
    }
    let content = Array(bytes[contentStart..<index])
    index += 1
    let value: UInt8?
    switch content.count {
    case 0:
      throw LanguageError(.syntax, "empty character constant", at: location(from: start))
    case 1:
      value = content[0] < 0x80 ? content[0] : nil
    case 2 where content[0] == UInt8(ascii: "\\"):
      value = content[1] == UInt8(ascii: "'") || content[1] == UInt8(ascii: "\\") ? content[1] : nil
    default:
      if content[0] == UInt8(ascii: "\\"), content[1] == UInt8(ascii: "x"), content.count <= 4 {
        value = UInt8(String(decoding: content[2...], as: UTF8.self), radix: 16)
      } else if content[0] == UInt8(ascii: "\\"), content.count == 4 {
        value = UInt8(String(decoding: content[1...], as: UTF8.self), radix: 8)
      } else {
        value = nil
      }
    }
    guard let value else {
      throw LanguageError(.syntax, "not a valid character constant", at: location(from: start))
    }
    let hex = String(value, radix: 16)
    return Token(kind: .word("0x" + (hex.count == 1 ? "0" : "") + hex), location: location(from: start))
  }

  /// `${name}` or `${name:arg1;arg2}`: a display-filter macro's use.
  fileprivate mutating func macro(from start: Int) throws(LanguageError) -> Token {
    index += 2
    let contentStart = index
    while index < bytes.count, bytes[index] != UInt8(ascii: "}"), bytes[index] != UInt8(ascii: "\n") { index += 1 }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
      throw LanguageError(.syntax, "missing '}' to close the macro", at: location(from: start))
    }
    let content = String(decoding: bytes[contentStart..<index], as: UTF8.self)
    index += 1
    let name: Substring
    var arguments: [String] = []
    if let colon = content.firstIndex(of: ":") {
      name = content[..<colon]
      arguments = content[content.index(after: colon)...].split(separator: ";", omittingEmptySubsequences: false)
        .map(String.init)
    } else {
      name = Substring(content)
    }
    guard !name.isEmpty, name.utf8.allSatisfy(Lexer.isWordByte) else {
      throw LanguageError(.syntax, "a macro is used as ${name} or ${name:arg1;arg2}", at: location(from: start))
    }
    return Token(kind: .macro(String(name), arguments), location: location(from: start))
  }
}

func hexDigit(_ b: UInt8) -> Int? {
  switch b {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b - UInt8(ascii: "0"))
  case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(b - UInt8(ascii: "a") + 10)
  case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(b - UInt8(ascii: "A") + 10)
  default: nil
  }
}
