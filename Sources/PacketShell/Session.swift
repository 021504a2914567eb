#if canImport(Glibc)
  import Glibc
#endif
import PacketCapture
import PacketDissection
import PacketLanguage

/// The shell's state (the loaded capture, the view filter, `let` names)
/// and the commands that work on it. Scripts, `-c` strings and REPL lines
/// all run through `run`.
///
/// Its stored properties skip run-time exclusivity checks: one command
/// runs at a time, and a walk reads them once per packet.
public final class Session {
  public enum Outcome: Equatable {
    case ok
    /// A command failed while running (a file that cannot be read): exit 1.
    case runtimeFailure
    /// The script has a mistake, found before anything ran: exit 2.
    case scriptError
    /// An `assert` found its test false: exit 3.
    case assertionFailed
    case quit
    /// A signal stopped a command (SIGINT, SIGTERM, SIGHUP, SIGPIPE): the
    /// process exits with 128 plus the signal's number, as shells report it.
    case interrupted(signal: Int32)
  }

  @exclusivity(unchecked) public private(set) var capture: CaptureFile?
  /// The view filter set by `filter`; later commands see only its packets.
  @exclusivity(unchecked) public private(set) var view: CompiledFilter?
  @exclusivity(unchecked) var viewText: String?
  /// The view filter as written (`big`, `tcp.len > 1000`), to say why a packet is not in view.
  @exclusivity(unchecked) var viewExpression: String?
  /// Whether the loaded capture's damage (`CaptureFile.problem`) was reported.
  @exclusivity(unchecked) var problemReported = false
  /// Whether any capture read so far was damaged (cut short, a bad
  /// record): a script that read one ends with status 1, after its output.
  @exclusivity(unchecked) public private(set) var readDamagedCapture = false
  /// A command failed but the script went on (a capture whose interface
  /// went away keeps its packets for the `save` after it): `run` ends
  /// with a runtime failure all the same.
  @exclusivity(unchecked) var laterFailure = false
  @exclusivity(unchecked) var checker = ScriptChecker()
  /// The format `format` or `pktsh --format` chose; nil: `table` on a
  /// terminal, `tsv` otherwise.
  @exclusivity(unchecked) public var format: RowFormat?
  /// The `decode … as` rules every later walk dissects with.
  @exclusivity(unchecked) var decodeAs = DecodeAsRules()
  /// Whether later walks put TCP segments back together for the layers
  /// above (`reassembly on|off`), as tshark's `tcp.desegment_tcp_streams`.
  @exclusivity(unchecked) var reassemblesTCP = true
  /// The name of the script running, for `assert`'s message.
  @exclusivity(unchecked) var scriptName = ""
  let out: OutputSink
  let err: OutputSink

  public init(output: OutputSink = OutputSink(descriptor: 1), errors: OutputSink = OutputSink(descriptor: 2)) {
    out = output
    err = errors
  }

  /// The names `let` has defined so far.
  public var bindingNames: [String] {
    Array(checker.bindings.keys) + checker.variables.keys.filter { !$0.contains("#") }
  }

  /// Checks all of `source`, then runs it statement by statement.
  /// `file` names the source in error messages; `arguments` are a
  /// script's `$1`, `$2`, … (nil: `$N` is not substituted).
  public func run(_ source: String, file: String, arguments: [String]? = nil) -> Outcome {
    run(source, file: file, arguments: arguments) { $0.rendered(file: file, source: source) }
  }

  /// Runs a line typed at the interactive prompt, which is `promptWidth`
  /// columns wide on a screen `screenWidth` wide: a mistake is shown by a
  /// caret under the line the terminal still shows, no `FILE:LINE:`.
  public func run(typed line: String, promptWidth: Int, screenWidth: Int) -> Outcome {
    run(line, file: "<stdin>", arguments: nil) {
      $0.renderedAtPrompt(line, promptWidth: promptWidth, screenWidth: screenWidth)
    }
  }

  private func run(
    _ source: String, file: String, arguments: [String]?, rendering: (LanguageError) -> String
  ) -> Outcome {
    var trial = checker
    let actions: [Action]
    do { actions = try trial.check(source, arguments: arguments) } catch {
      err.line(rendering(error))
      err.flush()
      return .scriptError
    }
    checker = trial
    scriptName = file
    return perform(actions)
  }

  /// Loads the capture at `path`, as `load` does (for `pktsh -r`).
  public func load(capture path: String) -> Outcome {
    perform([{ $0.load(path) }])
  }

  /// Runs checked statements in order, until one fails, a signal stops
  /// them or output fails.
  private func perform(_ actions: [Action]) -> Outcome {
    defer { err.flush() }
    out.clearFailure()
    laterFailure = false
    let outcome = runInOrder(actions)
    if case .interrupted = outcome { return outcome }
    out.flush()
    if let stopped = stoppedBySignal() { return stopped }
    if reportOutputFailure() { return .runtimeFailure }
    return outcome == .ok && laterFailure ? .runtimeFailure : outcome
  }

  /// Runs `actions` (a script's statements, or a block's) in order, until
  /// one fails, a signal stops them or output fails; `.ok` then, which
  /// `perform` reports.
  private func runInOrder(_ actions: [Action]) -> Outcome {
    for action in actions {
      if let stopped = stoppedBySignal() { return stopped }
      let outcome = action(self)
      // A block's statement that a signal stopped has said so.
      if case .interrupted = outcome { return outcome }
      reportCaptureProblem()
      if let stopped = stoppedBySignal() { return stopped }
      // A reader gone away stops what prints (by SIGPIPE, or at EPIPE when
      // SIGPIPE is ignored), not a `save` after a capture it ended.
      if outcome != .ok { return outcome }
      if case .failed = out.failure { return .ok }
    }
    return .ok
  }

  /// `if`: runs the block of the first test that holds, or the `else` block.
  func run(_ choice: CheckedIf) -> Outcome {
    for branch in choice.branches where branch.test.holds { return runInOrder(branch.block) }
    return choice.otherwise.map(runInOrder) ?? .ok
  }

  /// Says why output could not be written, if it could not: one line,
  /// except for a reader that went away (`| head`), which ends quietly.
  /// Answers whether output failed.
  private func reportOutputFailure() -> Bool {
    guard let failure = out.failure else { return false }
    if case .failed(let reason) = failure { err.line("pktsh: cannot write output: \(reason)") }
    return true
  }

  /// A signal stops the command and the rest of the line or script (a
  /// capture that one ended has cleared it: the script goes on).
  private func stoppedBySignal() -> Outcome? {
    guard let signal = Interrupt.signal else { return nil }
    out.flush()
    if let notice = Interrupt.notice { err.line(notice) }
    return .interrupted(signal: signal)
  }

  /// A one-line description for the prompt: `http.pcap (30 packets)`.
  public var promptDescription: String? {
    guard let capture else { return nil }
    let name = capture.path.split(separator: "/").last.map(String.init) ?? capture.path
    return viewText.map { "\(name) [\($0)]" } ?? name
  }

  func fail(_ message: String) -> Outcome {
    out.flush()
    err.line("pktsh: \(message)")
    return .runtimeFailure
  }

  /// `filter`: later commands see only the packets `filter` passes (all,
  /// when nil); `written` is the filter as written.
  func narrow(to filter: CompiledFilter?, written: String?) -> Outcome {
    view = filter
    viewText = filter == nil ? nil : "filtered"
    viewExpression = filter == nil ? nil : written
    return .ok
  }

  func help(_ topic: String?) -> Outcome {
    out.write(Help.text(topic))
    return .ok
  }

  /// Makes `file` the current packets, with no view filter.
  func adopt(_ file: CaptureFile) {
    capture = file
    view = nil
    viewText = nil
    viewExpression = nil
    problemReported = false
  }

  /// Warns once that the capture is damaged, as soon as indexing has found
  /// it: on loading a pcapng file, after the first command that reads a
  /// pcap file to its end (tshark, too, says so after the packets).
  private func reportCaptureProblem() {
    guard let capture, capture.isIndexed, !problemReported, let problem = capture.problem else { return }
    problemReported = true
    readDamagedCapture = true
    out.flush()
    err.line("pktsh: warning: \(capture.path): \(problem)")
    err.flush()
  }

  /// Reads the capture at `path`; a signal stops the decompression of a
  /// compressed one (`run` then says so) and keeps the capture loaded before.
  func load(_ path: String) -> Outcome {
    do {
      adopt(try CaptureFile(path: path, stop: { Interrupt.isRaised }))
      return .ok
    } catch {
      return Interrupt.isRaised ? .runtimeFailure : fail(error.description)
    }
  }

  func loaded() -> CaptureFile? {
    if capture == nil { _ = fail("no capture loaded (use load FILE or pktsh -r FILE)") }
    return capture
  }

  /// A dissector for packets of `interfaces` with the session's settings:
  /// its `decode … as` rules and `reassembly on|off`. Every walk, fast or
  /// not, live or from a file, dissects with one of these, so a setting
  /// changes every answer alike.
  func dissector(for interfaces: [CaptureInterface]) -> Dissector {
    let dissector = Dissector()
    dissector.interfaces = interfaces
    dissector.decodeAs = decodeAs
    dissector.reassemblesTCP = reassemblesTCP
    return dissector
  }

  /// Walks the view in capture order, dissecting only what `fields`,
  /// the view and `filter` need (everything when `fields` is nil), and
  /// calls `body` for each packet that passes both until it answers false
  /// (every packet that passes `filter` when `inView` is false). Those of
  /// `fields` in `presenceOnly` are read only for whether they are there,
  /// unless the view or `filter` reads them. `recordsOnly` says `body`
  /// reads nothing of the dissection but the records of `fields`
  /// (`Dissector.readsOwnRecordsOnly`).
  /// Returns false when the walk could not go on: a signal stopped it or,
  /// for a walk that `prints`, output failed (`run` says so), or the
  /// capture became unreadable (said here).
  @discardableResult
  func scan(
    _ capture: CaptureFile, fields: [FieldID]? = [], presenceOnly: [FieldID] = [], filter: CompiledFilter?,
    through last: Int? = nil, prints: Bool = true, inView: Bool = true, recordsOnly: Bool = false,
    _ body: (PacketRecord, Dissection) -> Bool
  ) -> Bool {
    let dissector = dissector(for: capture.interfaces)
    dissector.readsOwnRecordsOnly = recordsOnly && fields != nil
    let tests = [inView ? view : nil, filter].compactMap { $0 }
    if let fields {
      let tested = tests.flatMap(\.fields)
      dissector.restrict(to: fields + tested, presenceOnly: presenceOnly.filter { !tested.contains($0) })
    }
    // One test made once, not the array (nor optional filters) copied
    // out for every packet.
    let passes: (Dissection) -> Bool
    switch tests.count {
    case 0: passes = { _ in true }
    case 1:
      let only = tests[0]
      passes = { only.matches($0) }
    default:
      let (view, filter) = (tests[0], tests[1])
      passes = { view.matches($0) && filter.matches($0) }
    }
    return walk(capture, through: last, prints: prints) { record in
      let d = dissector.dissect(record)
      return passes(d) ? body(record, d) : true
    }
  }

  /// Walks every packet through `last` (all when nil) in capture order,
  /// undissected, and calls `body` for each until it answers false; the
  /// answer is `scan`'s.
  func walk(_ capture: CaptureFile, through last: Int?, prints: Bool = true, _ body: (PacketRecord) -> Bool) -> Bool {
    var interrupted = false
    do {
      try capture.forEachPacket(in: 0..<(last ?? Int.max)) { record in
        if Interrupt.isRaised {
          interrupted = true
          return false
        }
        if prints && out.failure != nil { return false }
        return body(record)
      }
    } catch {
      _ = fail("\(error)")
      return false
    }
    return !interrupted && !(prints && out.failure != nil)
  }

  func count(_ filter: CompiledFilter?) -> Outcome {
    guard let n = counted(filter) else { return .runtimeFailure }
    out.line(String(n))
    return .ok
  }

  /// `let name = count [EXPR]`: the count, kept as `name`'s value.
  func count(_ filter: CompiledFilter?, into variable: ScriptVariable) -> Outcome {
    guard let n = counted(filter) else { return .runtimeFailure }
    variable.value = Int64(n)
    return .ok
  }

  /// The number of packets in view that pass `filter`; nil when a failure
  /// (said) or a signal stopped the count: an interrupted count is not the answer.
  private func counted(_ filter: CompiledFilter?) -> Int? {
    guard let capture = loaded() else { return nil }
    if view == nil && filter == nil { return packetCount(capture) }
    if let fast = FastCount(capture: capture, filters: [view, filter].compactMap { $0 }, decodeAs: decodeAs) {
      do { return try fast.count(capture, with: dissector(for: capture.interfaces)) } catch {
        _ = fail("\(error)")
        return nil
      }
    }
    var n = 0
    guard scan(capture, filter: filter, recordsOnly: true, { _, _ in
      n += 1
      return true
    }) else { return nil }
    return n
  }

  /// The number of packets in `capture`. Indexing a pcap file's packets
  /// (which a walk does as it passes them) takes seconds for a large file,
  /// so what is left is indexed by a walk that a signal stops; nil then.
  func packetCount(_ capture: CaptureFile) -> Int? {
    guard !capture.isIndexed else { return capture.count }
    var interrupted = false
    do {
      try capture.forEachPacket { _ in
        interrupted = Interrupt.isRaised
        return !interrupted
      }
    } catch {
      _ = fail("\(error)")
      return nil
    }
    return interrupted ? nil : capture.count
  }

  /// The format rows are written in now.
  var rowFormat: RowFormat { format ?? (out.isTerminal ? .table : .tsv) }

  /// One line a packet. TSV keeps the fast path `print` always had;
  /// `table` aligns the columns as the first rows set them (`StreamingTable`).
  func printValues(_ columns: ValueColumns, headers: [String], _ filter: CompiledFilter?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    let writer = RowWriter(format: rowFormat, headers: headers, numeric: columns.numeric, out: out)
    var table = writer.format == .table ? StreamingTable(headers: headers, numeric: columns.numeric, out: out) : nil
    let separate = writer.format == .csv || writer.format == .json
    writer.begin()
    let walked = scan(capture, fields: columns.fields, filter: filter, recordsOnly: true) { _, d in
      if table != nil {
        table?.add(columns.occurrences(d).map { $0.joined(separator: ",") })
      } else if separate {
        writer.row(columns.occurrences(d))
      } else {
        out.line { columns.appendLine(d, to: &$0) }
      }
      return true
    }
    table?.finish()
    return walked ? .ok : .runtimeFailure
  }

  /// `echo`: the values on one line, computed with no packet.
  func echo(_ values: PacketlessValues) -> Outcome {
    out.line(values.line)
    return .ok
  }

  /// `assert E[, "message"]`: nothing when E is true; else says where,
  /// what and with which values on standard error, and stops the script.
  func assert(_ test: PacketlessValues, message: String?) -> Outcome {
    guard !test.holds else { return .ok }
    let values = test.variableValues
    out.flush()
    err.line(
      "\(scriptName):\(test.location.line): assertion failed: \(message ?? "the test is false")"
        + (values.isEmpty ? "" : " (\(values))"))
    return .assertionFailed
  }

  /// Writes the view packet by packet as it is walked, so memory does not
  /// grow with the file. Until the last packet is written and the file
  /// renamed into place, `path` is untouched: an interrupt or any failure
  /// removes the temporary file and leaves whatever was there.
  func save(_ path: String, _ filter: CompiledFilter?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    let writer: CaptureWriter
    do { writer = try CaptureWriter(path: path, interfaces: capture.interfaces, format: .forPath(path)) } catch {
      return fail(error.description)
    }
    if sameFile(path, capture.path) {
      writer.abandon()
      return fail("refusing to overwrite \(path): it is the loaded capture")
    }
    var failure: CaptureError?
    let walked = scan(capture, filter: filter, prints: false) { record, _ in
      do throws(CaptureError) { try writer.append(record) } catch {
        failure = error
        return false
      }
      return true
    }
    if let failure { return fail(failure.description) }
    guard walked else {
      writer.abandon()
      return .runtimeFailure
    }
    do { try writer.commit() } catch { return fail(error.description) }
    err.line("pktsh: saved \(writer.count) packets to \(path)")
    return .ok
  }

  private func sameFile(_ a: String, _ b: String) -> Bool {
    var sa = stat()
    var sb = stat()
    guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
  }
}
