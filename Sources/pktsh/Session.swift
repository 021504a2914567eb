import ArgumentParser
import PacketCapture
import PacketDissection

/// The loaded capture and the commands that work on it.
struct Session {
  var capture: CaptureFile?

  mutating func perform(_ line: String) throws {
    let trimmed = line.trimmingCharacters(in: " \t\n")
    guard !trimmed.isEmpty else { return }
    let word = trimmed.prefix { $0 != " " }
    let rest = String(trimmed.dropFirst(word.count)).trimmingCharacters(in: " \t")
    switch word {
    case "load":
      do { capture = try CaptureFile(path: rest) } catch {
        printError("pktsh: \(error)")
        throw ExitCode(1)
      }
    case "count":
      print(try loaded().count)
    case "print":
      try printFields(rest.split(separator: ",").map { String($0).trimmingCharacters(in: " \t") })
    default:
      printError("pktsh: unknown command '\(word)'")
      throw ExitCode(2)
    }
  }

  private func loaded() throws -> CaptureFile {
    guard let capture else {
      printError("pktsh: no capture loaded (use load FILE or -r FILE)")
      throw ExitCode(1)
    }
    return capture
  }

  private func printFields(_ names: [String]) throws {
    let capture = try loaded()
    let query: FieldQuery
    do { query = try FieldQuery(names: names) } catch {
      printError("pktsh: unknown field '\(error.name)'")
      throw ExitCode(2)
    }
    let dissector = Dissector()
    dissector.interfaces = capture.interfaces
    query.configure(dissector)
    var output = StandardOutput()
    capture.forEachPacket { record in
      output.write(query.line(dissector.dissect(record)))
      output.write("\n")
      return true
    }
    output.flush()
  }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}
