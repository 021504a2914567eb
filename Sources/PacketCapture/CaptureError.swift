/// Why a capture file could not be read or written.
///
/// `description` is always one line: `cannot read 'PATH': REASON` (or
/// `cannot write ...`), ready to show to a user as is (a NUL in the path
/// shows as `\x00`).
public struct CaptureError: Error, CustomStringConvertible, Sendable {
  public enum Action: Sendable { case read, write }

  public var path: String
  public var reason: String
  public var action: Action

  public init(path: String, reason: String, action: Action = .read) {
    self.path = path
    self.reason = reason
    self.action = action
  }

  public var description: String {
    let verb = action == .read ? "read" : "write"
    let line = "cannot \(verb) '\(path)': \(reason)"
    return line.reduce(into: "") { text, c in
      if c == "\0" { text += "\\x00" } else { text.append(c.isNewline ? " " : c) }
    }
  }
}
