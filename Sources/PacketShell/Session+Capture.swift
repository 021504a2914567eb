import PacketBPF
import PacketCapture
import PacketDissection
import PacketLanguage
import PacketLive
import PacketRender

#if canImport(Glibc)
  import Glibc
#endif

/// A checked `capture` statement.
struct CaptureRequest {
  var command: CaptureCommand
  /// The `where` expression, compiled for dissected packets; its checked
  /// form is also translated to classic BPF.
  var filter: CompiledFilter?
}

/// Where a capture's `where` expression runs: as classic BPF in the
/// kernel, which drops what certainly fails, and in user space, which
/// decides every packet the kernel passes (from the raw bytes where the
/// same program can, by dissection otherwise).
struct CaptureFilterPlan {
  /// Attached with SO_ATTACH_FILTER; nil lets every packet through.
  var kernelProgram: [SocketFilterInstruction]?
  /// Decides from the raw bytes (with VLAN tags put back) where it can;
  /// nil when every packet is dissected.
  var fast: FastFilter?
  /// Decides the packets `fast` leaves open (or all, without it).
  var userSpace: CompiledFilter?
  /// What `capture … explain` prints.
  var explanation: String

  /// Fields whose value the kernel sees differently from user space: the
  /// kernel strips a received VLAN tag before its filter runs, and pktsh
  /// puts it back, so the tag, the EtherType after the MAC addresses and
  /// the frame's length differ between the two views.
  private static func differsInKernel(_ field: FieldID) -> Bool {
    [.vlan, .ieee8021ad].contains(field.protocolID)
      || ["eth.type", "eth.len", "frame.len", "frame.cap_len"].contains(field.decl.name)
  }

  /// The plan for `request` on an interface framed as `framing`. The
  /// kernel filter is only a pre-filter: it passes every packet the
  /// expression could keep (its verdict is yes or unsure), and user space
  /// decides each packet again, so both paths keep the same packets.
  static func make(for request: CaptureRequest, framing: CaptureFraming, decodeAs: DecodeAsRules) -> CaptureFilterPlan {
    guard let filter = request.filter else {
      return CaptureFilterPlan(
        kernelProgram: nil, fast: nil, userSpace: nil, explanation: "no filter: every packet is kept")
    }
    let userSpaceOnly = { (why: String) in
      CaptureFilterPlan(
        kernelProgram: nil, fast: nil, userSpace: filter,
        explanation: "filtered in user space (\(why)): every packet is dissected and tested (no kernel filter)")
    }
    // A cooked socket's filter sees the packet without the cooked header
    // the program would be compiled for.
    if framing.cooked { return userSpaceOnly("a cooked capture has no link header for the kernel's filter") }
    if !decodeAs.isEmpty { return userSpaceOnly("decode rules are in force, and the kernel knows only the usual ports") }
    if let field = filter.fields.first(where: differsInKernel) {
      return userSpaceOnly("it reads \(field.decl.name), which the kernel sees before the VLAN tag is put back")
    }
    let fast: FastFilter
    do {
      fast = try FastFilter(filter.checked, linkType: framing.linkType)
    } catch {
      let at = error.location
      return userSpaceOnly("no classic BPF for it: \(error.reason), at \(at.line):\(at.column)")
    }
    let program = fast.program.instructions.map { ($0.code, $0.jt, $0.jf, $0.k) }
    return CaptureFilterPlan(
      kernelProgram: program, fast: fast, userSpace: filter,
      explanation: "classic BPF in the kernel (\(program.count) instructions), "
        + "then each packet it passes is decided again in user space:\n" + fast.program.description)
  }
}

extension Session {
  /// One line per interface: index, name, link type, state, addresses.
  func interfaces() -> Outcome {
    let all: [NetworkInterface]
    do { all = try NetworkInterfaces.list() } catch { return fail(error.description) }
    let rows = all.map { i in
      [
        String(i.index), i.name, i.capture.linkTypeName,
        i.isUp ? (i.isRunning ? "up" : "up, no carrier") : "down",
        i.addresses.map(\.description).joined(separator: ", "),
      ]
    }
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      var line = String(repeating: " ", count: widths[0] - row[0].count) + row[0]
      for column in 1..<4 {
        line += "  " + row[column] + String(repeating: " ", count: widths[column] - row[column].count)
      }
      line += "  " + row[4]
      while line.last == " " { line.removeLast() }
      out.line(line)
    }
    return .ok
  }

  /// Captures from an interface until the count, the duration, a signal
  /// (Ctrl-C, SIGTERM, SIGHUP, SIGPIPE) or the interface going down or
  /// away; the packets then replace the current ones (through a pcapng
  /// file in a private temporary directory, unlinked as soon as it is
  /// mapped, so nothing is left behind). When the interface goes, the
  /// script goes on (a `save` after the capture still runs) and ends with
  /// exit status 1.
  func capture(_ request: CaptureRequest) -> Outcome {
    let command = request.command
    let plan: CaptureFilterPlan
    do { plan = CaptureFilterPlan.make(
        for: request, framing: try LiveCapture.framing(of: command.interface), decodeAs: decodeAs) } catch {
      return fail(error.description)
    }
    if command.explain {
      out.line("capture on \(command.interface): \(plan.explanation)")
      return .ok
    }
    let live: LiveCapture
    do {
      live = try LiveCapture(
        interface: command.interface,
        options: LiveCapture.Options(promiscuous: command.promiscuous, filter: plan.kernelProgram))
    } catch {
      return fail(error.description)
    }
    if command.promiscuous && live.interface == nil {
      err.line("pktsh: warning: promiscuous mode needs one interface; capturing on any without it")
    }
    err.line("pktsh: capturing on \(command.interface) (\(live.framing.linkTypeName))")
    err.flush()
    guard let directory = temporaryDirectory() else {
      return fail("cannot create a temporary directory for the capture: " + String(cString: strerror(errno)))
    }
    defer { rmdir(directory) }
    let path = directory + "/capture-\(command.interface).pcapng"

    let stream = LivePackets(
      live: live, plan: plan, limit: command.count,
      // A century is as good as forever, and converts without overflow.
      deadline: command.seconds.map { .now + .nanoseconds(Int64(min($0, 3e9) * 1e9)) },
      display: command.quiet ? nil : out,
      filterDissector: dissector(for: [live.captureInterface]), viewDissector: dissector(for: [live.captureInterface]))
    do {
      try CaptureWriter.write(stream, interfaces: [live.captureInterface], to: path, format: .pcapng)
    } catch {
      return fail(error.description)
    }
    out.flush()
    // A signal ended the capture, as a count would have: the script goes on.
    Interrupt.clear()
    if let failure = stream.failure, failure.endsCapture { err.line("pktsh: \(failure)") }
    var summary = "pktsh: \(stream.kept) packets captured on \(command.interface)"
    if let counters = try? live.statistics() {
      summary += "; \(counters.received) received by filter, \(counters.dropped) dropped by kernel"
    }
    err.line(summary)
    err.flush()
    do {
      adopt(try CaptureFile(path: path))
      unlink(path)
    } catch {
      unlink(path)
      return fail(error.description)
    }
    guard let failure = stream.failure else { return .ok }
    if failure.endsCapture {
      laterFailure = true
      return .ok
    }
    return fail(failure.description)
  }

  private func temporaryDirectory() -> String? {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/pktsh-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
      mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
    }
  }
}

/// The packets of a running capture, as the sequence the capture file is
/// written from: each is filtered and shown as it arrives, until the
/// count, the deadline, a signal or an error ends the sequence.
private final class LivePackets: Sequence, IteratorProtocol {
  let live: LiveCapture
  let plan: CaptureFilterPlan
  let limit: Int?
  let deadline: ContinuousClock.Instant?
  /// Where summary lines go; nil when quiet.
  let display: OutputSink?
  /// Packets kept so far.
  private(set) var kept = 0
  /// Why the capture stopped early, if it failed.
  private(set) var failure: LiveCaptureError?

  /// Dissects only what the filter needs, for every packet the kernel passes.
  private let filterDissector: Dissector
  /// Dissects kept packets in full for their summary lines: fed only
  /// those, it numbers and times them as `list` will afterwards.
  private let viewDissector: Dissector
  private let summarizer = PacketSummarizer(timeDigits: PacketSummarizer.timeDigits(for: .nanoseconds))

  init(
    live: LiveCapture, plan: CaptureFilterPlan, limit: Int?, deadline: ContinuousClock.Instant?,
    display: OutputSink?, filterDissector: Dissector, viewDissector: Dissector
  ) {
    self.live = live
    self.plan = plan
    self.limit = limit
    self.deadline = deadline
    self.display = display
    self.filterDissector = filterDissector
    self.viewDissector = viewDissector
    if let filter = plan.userSpace {
      filterDissector.restrict(to: filter.fields)
    }
  }

  func next() -> OwnedPacket? {
    while limit.map({ kept < $0 }) ?? true, !Interrupt.isRaised {
      let packet: OwnedPacket?
      do {
        packet = try live.next(until: deadline) {
          display?.flush()
          return !Interrupt.isRaised
        }
      } catch {
        failure = error
        return nil
      }
      guard let packet else { return nil }
      if keeps(packet) {
        kept += 1
        return packet
      }
    }
    return nil
  }

  private func keeps(_ packet: OwnedPacket) -> Bool {
    if let filter = plan.userSpace {
      let passes = packet.withRecord(number: kept + 1) { record in
        switch plan.fast?.decide(record) ?? .unsure {
        case .yes: true
        case .no: false
        case .unsure: filter.matches(filterDissector.dissect(record))
        }
      }
      guard passes else { return false }
    }
    if let display {
      packet.withRecord(number: kept + 1) { record in
        display.line(summarizer.line(viewDissector.dissect(record), colour: display.colour))
      }
    }
    return true
  }
}

extension LiveCaptureError {
  /// The interface went down or away: the capture ends, keeping what it
  /// has, as the end of its count would.
  var endsCapture: Bool { kind == .interfaceDown || kind == .unknownInterface }
}
