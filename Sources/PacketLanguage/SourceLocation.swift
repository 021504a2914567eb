/// A span of script text: where a token or an error sits.
///
/// Lines and columns count from 1; `offset` and `length` are in UTF-8
/// bytes from the start of the source, so a caret can be drawn under the
/// exact text.
public struct SourceLocation: Sendable, Equatable {
  public var line: Int
  public var column: Int
  public var offset: Int
  public var length: Int

  public init(line: Int, column: Int, offset: Int, length: Int) {
    self.line = line
    self.column = column
    self.offset = offset
    self.length = length
  }

  /// The span from the start of `self` to the end of `other`.
  public func through(_ other: SourceLocation) -> SourceLocation {
    SourceLocation(
      line: line, column: column, offset: offset,
      length: max(length, other.offset + other.length - offset))
  }
}

/// A mistake in a script or an expression, found before anything runs.
public struct LanguageError: Error, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case syntax, unknownField, unknownCommand, unknownName, type
  }

  public var kind: Kind
  public var message: String
  public var location: SourceLocation
  /// A likely fix, such as the field the user probably meant.
  public var suggestion: String?

  public init(_ kind: Kind, _ message: String, at location: SourceLocation, suggestion: String? = nil) {
    self.kind = kind
    self.message = message
    self.location = location
    self.suggestion = suggestion
  }

  /// `FILE:LINE:COL: error: MESSAGE`, the source line, and a caret under
  /// the mistake, as compilers print them.
  public func rendered(file: String, source: String) -> String {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let text = location.line - 1 < lines.count ? String(lines[location.line - 1]) : ""
    var message = "\(file):\(location.line):\(location.column): error: \(self.message)"
    if let suggestion { message += "; did you mean \(suggestion)?" }
    let underline = String(repeating: " ", count: max(0, location.column - 1)) + "^"
      + String(repeating: "~", count: max(0, min(location.length, text.utf8.count - location.column + 1) - 1))
    return message + "\n" + text + "\n" + underline
  }
}
