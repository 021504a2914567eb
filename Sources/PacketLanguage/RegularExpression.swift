import CPCRE2
import PacketWire

/// A `matches` pattern, compiled once with PCRE2 as Wireshark compiles it:
/// case-insensitive, on bytes (never UTF), so that a string field matches
/// its text and a byte field its raw bytes.
///
/// Every match runs in bounded time: PCRE2 gives up after `matchLimit`
/// steps or `depthLimit` levels of backtracking, and a match that gives up
/// counts as no match, as in tshark (whose limits are PCRE2's defaults,
/// ten times higher: `(a+)+$` on 30 a's and a `!` takes it a third of a
/// second a packet).
public final class RegularExpression: @unchecked Sendable {
  /// Steps of the matcher (calls of its inner match function) before it gives up.
  static let matchLimit: UInt32 = 1_000_000
  /// Nested backtracking points before it gives up.
  static let depthLimit: UInt32 = 100_000

  private let code: OpaquePointer
  private let context: OpaquePointer

  /// Compiles `pattern`, or throws PCRE2's message (`missing closing parenthesis`).
  init(_ pattern: [UInt8]) throws(PatternError) {
    var errorCode: Int32 = 0
    var errorOffset = 0
    let compiled = pattern.withUnsafeBytes { p in
      withBase(p) { base in
        pcre2_compile_8(base, p.count, UInt32(PCRE2_CASELESS | PCRE2_NEVER_UTF), &errorCode, &errorOffset, nil)
      }
    }
    guard let compiled else { throw PatternError(message: Self.message(errorCode), offset: errorOffset) }
    guard let context = pcre2_match_context_create_8(nil) else {
      pcre2_code_free_8(compiled)
      throw PatternError(message: "out of memory", offset: 0)
    }
    pcre2_set_match_limit_8(context, Self.matchLimit)
    pcre2_set_depth_limit_8(context, Self.depthLimit)
    code = compiled
    self.context = context
  }

  deinit {
    pcre2_match_context_free_8(context)
    pcre2_code_free_8(code)
  }

  /// Whether the pattern occurs in `subject`; false also when PCRE2 gives
  /// up (a limit reached) or fails.
  func matches(_ subject: ByteView) -> Bool {
    guard let data = pcre2_match_data_create_8(1, nil) else { return false }
    defer { pcre2_match_data_free_8(data) }
    let result = subject.withUnsafeBytes { bytes in
      withBase(bytes) { pcre2_match_8(code, $0, bytes.count, 0, 0, data, context) }
    }
    return result >= 0
  }

  private static func message(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
    return n > 0 ? String(decoding: buffer[..<Int(n)], as: UTF8.self) : "error \(code)"
  }
}

/// `bytes`' first byte, or a valid address when there are none (PCRE2
/// takes no null pointer, even for nothing).
private func withBase<R>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>) -> R) -> R {
  if let base = bytes.baseAddress { return body(base.assumingMemoryBound(to: UInt8.self)) }
  var zero: UInt8 = 0
  return withUnsafePointer(to: &zero, body)
}

/// Why a pattern does not compile: PCRE2's message, and where in the pattern.
struct PatternError: Error {
  var message: String
  var offset: Int
}
