import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process whose standard input, output and error are the terminal
/// side of a pseudo-terminal, in a session of its own so that terminal is
/// its controlling terminal. Bytes sent are keys typed: the line discipline
/// turns 0x03 (Ctrl-C) into SIGINT for the child.
///
/// Every read has a deadline; `close` (also run on release) kills the
/// child if it is still there, so a stuck shell never hangs the tests.
final class PseudoTerminal {
  let pid: pid_t
  private var master: Int32
  /// Everything the child has written to the terminal so far.
  private(set) var transcript: [UInt8] = []
  /// How much of `transcript` `expect` has already matched past.
  private var consumed = 0
  private var exitStatus: Int32?

  /// Starts `executable` on a fresh terminal 250 columns wide (so readline
  /// never wraps a line) with exactly `environment`.
  init(executable: String, arguments: [String], environment: [String: String]) throws {
    var master: Int32 = -1
    var terminal: Int32 = -1
    var size = winsize(ws_row: 40, ws_col: 250, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &terminal, nil, nil, &size) == 0 else {
      throw ShellTestError("openpty failed: errno \(errno)")
    }
    // The child opens the terminal by name, once it leads its own session;
    // this side keeps only the master.
    var name = [CChar](repeating: 0, count: 4096)
    let named = ttyname_r(terminal, &name, name.count)
    Glibc.close(terminal)
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)
    self.master = master
    guard named == 0 else {
      Glibc.close(master)
      throw ShellTestError("ttyname_r failed: \(named)")
    }
    let terminalPath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }

    // glibc's posix_spawn runs setsid before the file actions, so the open
    // below makes the terminal the new session's controlling terminal.
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, terminalPath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Default SIGINT handling and no blocked signals, whatever the test runner has.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(
      &attributes, Int16(Self.spawnSetsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    guard status == 0 else {
      Glibc.close(master)
      self.master = -1
      throw ShellTestError("posix_spawn \(executable) failed: \(status)")
    }
    pid = child
  }

  /// glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module leaves out
  /// (it is declared only for _GNU_SOURCE).
  private static let spawnSetsid: Int32 = 0x80

  deinit { close() }

  /// Types `keys`.
  func send(_ keys: String) {
    Array(keys.utf8).withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = write(master, bytes.baseAddress! + offset, bytes.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }

  /// Waits until the terminal shows `needle` after what earlier calls
  /// matched, and returns the text up to and including it. Throws with
  /// everything unmatched when `seconds` pass first or the child is gone.
  @discardableResult
  func expect(_ needle: String, within seconds: Double = 30) throws -> String {
    let wanted = Array(needle.utf8)
    let deadline = Date().addingTimeInterval(seconds)
    var open = true
    while true {
      if let end = find(wanted) {
        let text = String(decoding: transcript[consumed..<end], as: UTF8.self)
        consumed = end
        return text
      }
      let remaining = deadline.timeIntervalSinceNow
      guard open, remaining > 0 else {
        let unmatched = String(decoding: transcript[consumed...], as: UTF8.self)
        throw ShellTestError(
          "terminal never showed \(needle.debugDescription) (\(open ? "timed out" : "closed")); "
            + "after the last match it showed \(unmatched.debugDescription)")
      }
      open = readAvailable(waitingAtMost: remaining)
    }
  }

  /// Everything shown after the last match, read for `seconds` more.
  func drain(for seconds: Double) -> String {
    let deadline = Date().addingTimeInterval(seconds)
    while deadline.timeIntervalSinceNow > 0, readAvailable(waitingAtMost: deadline.timeIntervalSinceNow) {}
    defer { consumed = transcript.count }
    return String(decoding: transcript[consumed...], as: UTF8.self)
  }

  /// The child's exit status once it exits within `seconds` (reading the
  /// terminal meanwhile so it never blocks on output); nil if it did not
  /// exit normally in time.
  func waitForExit(within seconds: Double = 30) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while exitStatus == nil {
      var status: Int32 = 0
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid {
        // WIFEXITED / WEXITSTATUS: low 7 bits zero, status in the next byte.
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        break
      }
      if result < 0 || deadline.timeIntervalSinceNow <= 0 { return nil }
      if !readAvailable(waitingAtMost: 0.05) { usleep(20_000) }
    }
    return exitStatus == -1 ? nil : exitStatus
  }

  /// Kills the child if it is still running and closes the terminal.
  func close() {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(pid, &status, 0)
      exitStatus = -1
    }
    if master >= 0 {
      Glibc.close(master)
      master = -1
    }
  }

  /// The end of the first occurrence of `wanted` at or after `consumed`.
  private func find(_ wanted: [UInt8]) -> Int? {
    guard transcript.count - consumed >= wanted.count else { return nil }
    var start = consumed
    while start + wanted.count <= transcript.count {
      if transcript[start..<start + wanted.count].elementsEqual(wanted) { return start + wanted.count }
      start += 1
    }
    return nil
  }

  /// Appends whatever the terminal shows within `seconds`; false once the
  /// child has closed the terminal (true when merely nothing came).
  private func readAvailable(waitingAtMost seconds: Double) -> Bool {
    guard master >= 0 else { return false }
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, Int32(max(0, min(seconds, 60)) * 1000))
    if ready <= 0 { return ready == 0 || errno == EINTR }
    var chunk = [UInt8](repeating: 0, count: 4096)
    let n = read(master, &chunk, chunk.count)
    // EIO: no process has the terminal side open any more.
    guard n > 0 else { return false }
    transcript.append(contentsOf: chunk[0..<n])
    return true
  }
}
