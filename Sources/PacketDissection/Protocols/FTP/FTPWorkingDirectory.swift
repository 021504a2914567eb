/// The working directory of an FTP control connection as Wireshark 4.0
/// follows it: a 257 reply (to PWD) states it; a 250 reply to CWD or CDUP
/// changes it, a relative path joined to the one known and `.` and `..`
/// taken out.
enum FTPWorkingDirectory {
  /// Applies a 250 reply to the last request, when that was CWD or CDUP.
  static func changed(_ conversation: inout FTP.Conversation) {
    let request = conversation.lastRequest
    if request.starts(with: "CWD ".utf8) {
      change(&conversation.workingDirectory, to: Array(request[4...]))
    } else if request.starts(with: "CDUP".utf8) {
      change(&conversation.workingDirectory, to: Array("..".utf8))
    }
  }

  /// The path between the first pair of double quotes of a 257 reply's
  /// text (a doubled quote inside stands for one); nil unless the text
  /// starts with a quote and the path ends with one.
  static func quoted(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    let quote = UInt8(ascii: "\"")
    guard text.count >= 2, text.first == quote else { return nil }
    var path: [UInt8] = []
    var i = text.startIndex + 1
    while i < text.endIndex, text[i] != 0x0d, text[i] != 0x0a {
      if text[i] == quote {
        guard i + 1 < text.endIndex, text[i + 1] == quote else { return path }
        i += 1
      }
      path.append(text[i])
      i += 1
    }
    return nil
  }

  private static func change(_ directory: inout [UInt8], to path: [UInt8]) {
    let slash = UInt8(ascii: "/")
    if path.first == slash || directory.isEmpty {
      directory = path
      return
    }
    let joined = directory + (directory.last == slash ? [] : [slash]) + path
    var normalised: [UInt8] = directory.first == slash ? [slash] : []
    for name in joined.split(separator: slash, omittingEmptySubsequences: true) {
      if name.elementsEqual("..".utf8) {
        while let last = normalised.last, last != slash { normalised.removeLast() }
        if normalised.count > 1 { normalised.removeLast() }
      } else if !name.elementsEqual(".".utf8) {
        if let last = normalised.last, last != slash { normalised.append(slash) }
        normalised += name
      }
    }
    directory = normalised
  }
}
