/// The pieces the lexer cuts a script into.
public enum TokenKind: Sendable, Equatable {
  /// A bare word: a field name, a command, a number, an address, a path.
  /// Words may hold `.`, `:`, `/` and `-`, so `10.0.0.0/8`,
  /// `00:11:22:33:44:55` and `examples/a.pcap` are single words.
  case word(String)
  /// A double-quoted string, escapes already decoded.
  case string([UInt8])
  /// The raw text between `[` and `]` of a slice.
  case slice(String)
  /// The layers of a layer operator: `2` for `#2`, `1-2` for `#[1-2]`.
  case layer(String)
  /// A macro's use, `${name:arg1;arg2}`: its name and arguments.
  case macro(String, [String])
  case op(String)
  /// A statement separator: a newline or `;`.
  case separator
  case end
}

public struct Token: Sendable, Equatable {
  public var kind: TokenKind
  public var location: SourceLocation
}
