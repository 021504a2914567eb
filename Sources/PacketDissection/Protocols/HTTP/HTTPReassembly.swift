/// HTTP messages across TCP segments, as tshark 4.0 puts them together by
/// default (`http.desegment_headers`, `http.desegment_body`; Wireshark's
/// `req_resp_hdrs_do_reassembly`): a message waits for the segment that
/// ends its header block, then for its body, by Content-Length, by its
/// chunks, or, for a response with neither, up to the connection's FIN.
extension HTTP {
  /// Bodies this long with an RPC-over-HTTP content type or method carry a
  /// Content-Length that means nothing (MS-RPCH): they are not waited for.
  static let rpcBodyThreshold = 128 * 1024

  /// Whether the message at `start` is whole in the layer; when it is not,
  /// asks TCP for more (`LayerCursor.needMore`) and answers false. `body`
  /// says whether to wait for the body, `untilFIN` whether a body of no
  /// stated length runs to the end of the direction (a response's).
  static func isWhole(_ c: LayerCursor, at start: Int, body: Bool, untilFIN: Bool) -> Bool {
    guard c.canDesegment else { return true }
    let captured = c.capturedLength
    let reported = c.length
    var next = start
    var contentLength: Int?
    var contentType: [UInt8] = []
    var chunked = false
    // The header block: every line up to the empty one.
    while true {
      if reported - next < 1 {
        c.needMore(at: start, nil)
        return false
      }
      let lineStart = next
      guard let (length, after) = lineEnd(c, from: next, limit: captured - next, partial: false) else {
        // No line end: more bytes would bring it, unless they were not captured.
        if captured >= reported { c.needMore(at: start, nil) }
        return captured < reported
      }
      next = after
      if length == 0 { break }
      guard body else { continue }
      let first = c.bytes.byte(lineStart) | 0x20
      guard first == UInt8(ascii: "c") || first == UInt8(ascii: "t") else { continue }
      let line = c.bytes.slice(lineStart, length).copyBytes()
      if hasPrefix(line, "Content-Length:") {
        if let value = strictInt32(Array(line[15...])), value >= 0 { contentLength = value }
      } else if hasPrefix(line, "Content-Type:") {
        contentType = Array(line[13...].drop { $0 == 0x20 })
      } else if hasPrefix(line, "Transfer-Encoding:") {
        let value = Array(line[18...].drop { $0 == 0x20 || $0 == 0x09 })
        if hasPrefix(value, "chunked") { chunked = true }
      }
    }
    guard body else { return true }
    if chunked { return chunksAreWhole(c, message: start, from: next) }
    if let contentLength {
      if contentLength >= rpcBodyThreshold {
        if contentType.starts(with: "application/rpc".utf8) { return true }
        let method = c.bytes.slice(0, min(12, captured)).copyBytes()
        if method.starts(with: "RPC_IN_DATA".utf8) || method.starts(with: "RPC_OUT_DATA".utf8) { return true }
      }
      guard next + contentLength > captured else { return true }
      // Bytes the capture cut off would never come.
      guard captured - next >= reported - next else { return true }
      c.needMore(at: start, contentLength - max(0, captured - next))
      return false
    }
    if untilFIN {
      guard captured >= reported else { return true }
      c.needMoreUntilFIN(at: start)
      return false
    }
    return true
  }

  /// Whether the chunks from `next` on reach the last (size 0) chunk and
  /// the line after it; asks for one more segment at `message` otherwise.
  /// A size line that is no hexadecimal number, or a size past 2^31, ends
  /// the wait.
  private static func chunksAreWhole(_ c: LayerCursor, message: Int, from start: Int) -> Bool {
    let captured = c.capturedLength
    let reported = c.length
    var next = start
    while true {
      let reportedRemaining = reported - next
      guard reportedRemaining >= 1 else {
        c.needMore(at: message, nil)
        return false
      }
      let capturedRemaining = captured - next
      guard let (length, dataStart) = lineEnd(c, from: next, limit: capturedRemaining, partial: false) else {
        if capturedRemaining >= reportedRemaining { c.needMore(at: message, nil) }
        return capturedRemaining < reportedRemaining
      }
      // The size: the line up to a `;`, read in place.
      let sizeLine = c.bytes.slice(next, length).withUnsafeBytes { raw -> UInt64? in
        let line = raw.bindMemory(to: UInt8.self)
        return scannedHex(UnsafeBufferPointer(rebasing: line[..<(line.firstIndex(of: UInt8(ascii: ";")) ?? line.count)]))
      }
      guard let scanned = sizeLine, scanned <= 1 << 31 else { return true }
      let size = Int(scanned)
      if size == 0 {
        // The line after the last chunk (the end of the message, or a trailer line).
        if lineEnd(c, from: dataStart, limit: capturedRemaining, partial: false) == nil,
          capturedRemaining >= reportedRemaining
        {
          c.needMore(at: message, nil)
          return false
        }
        return true
      }
      // As Wireshark compares: the bytes from the size line on, against the size.
      guard reportedRemaining > size else {
        c.needMore(at: message, nil)
        return false
      }
      next = dataStart + size + 2
    }
  }

  /// `sscanf(text, "%x")`: the number `HTTP.scanHex` reads, stored in an
  /// unsigned int (saturating; a negative number wraps); nil when there is no digit.
  private static func scannedHex(_ text: UnsafeBufferPointer<UInt8>) -> UInt64? {
    guard let (negative, magnitude) = HTTP.scanHex(text) else { return nil }
    let stored = UInt32(truncatingIfNeeded: min(magnitude, UInt64(UInt32.max)))
    return UInt64(negative ? 0 &- stored : stored)
  }

  /// `ws_strtoi32` over a header value: white space stripped, a base-10
  /// integer that fits 32 bits and is all the text; nil otherwise.
  private static func strictInt32(_ value: [UInt8]) -> Int? {
    func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0d) }
    let text = value.drop(while: space).reversed().drop(while: space).reversed()
    var digits = text[...]
    var negative = false
    if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      negative = sign == UInt8(ascii: "-")
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.count <= 11, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    let magnitude = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    let result = negative ? -magnitude : magnitude
    guard result >= Int(Int32.min), result <= Int(Int32.max) else { return nil }
    return result
  }

  /// Whether the segment under the layer carries a FIN: no more bytes come
  /// in its direction (Wireshark's `end_of_stream`).
  static func endsStream(_ c: LayerCursor) -> Bool {
    guard let tcp = c.dissection.layers.last(where: { $0.protocolID == .tcp }),
      let flags = c.packet.uint(at: tcp.start + 13, length: 1)
    else { return false }
    return flags & 0x01 != 0
  }
}
