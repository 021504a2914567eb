#if canImport(Glibc)
  import Glibc
#endif

/// How pktsh answers SIGINT (Ctrl-C), SIGTERM and SIGHUP: none of them
/// kills it outright. Each raises `Interrupt`; the running command stops
/// at its next poll, or, for a `capture`, ends as its count would end it
/// and the script goes on. Whatever stops unwinds normally, so temporary
/// files are removed. A second signal while the first one is still being
/// answered ends the process at once (the default action), for a command
/// stuck where it cannot poll (a write to a pipe nobody reads).
///
/// SIGPIPE (the reader of standard output went away, as `| head` does)
/// stops the command in the same way, silently, and never ends the
/// process at once: every later write to the pipe raises it again.
public enum SignalHandlers {
  /// Installs the handlers for running a script (`-f`, `-c`, piped
  /// standard input) and for everything before the interactive shell
  /// starts, which then takes SIGINT over (`installInteractive`).
  /// A SIGINT or SIGHUP found ignored stays ignored: a shell ignores them
  /// on purpose for a background job or under `nohup`.
  public static func install() {
    stderrIsTerminal = isatty(2) == 1
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      if signal != SIGTERM && isIgnored(signal) { continue }
      handle(signal, with: onScriptSignal)
      sigaddset(&unblocked, signal)
    }
    // Ignored, a closed pipe is EPIPE, which ends the script quietly too.
    if !isIgnored(SIGPIPE) {
      handle(SIGPIPE, with: onBrokenPipe)
      sigaddset(&unblocked, SIGPIPE)
    }
    // A parent may have left them blocked; they must reach the handlers.
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
  }

  /// The interactive shell's SIGTERM and SIGHUP: the running command
  /// stops, then the shell leaves (SIGINT is the REPL's own).
  static func installInteractive(interrupt: @convention(c) (Int32) -> Void) {
    handle(SIGINT, with: interrupt)
    for signal in [SIGTERM, SIGHUP] where signal == SIGTERM || !isIgnored(signal) {
      handle(signal, with: onInteractiveTermination)
    }
  }

  /// `handler` for `signal`; SA_RESTART, so a system call the signal cuts
  /// short is resumed rather than failing with EINTR (poll(2) and
  /// readline's reads are cut short all the same, as they need to be).
  private static func handle(_ signal: Int32, with handler: @convention(c) (Int32) -> Void) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    action.sa_flags = SA_RESTART
    sigemptyset(&action.sa_mask)
    sigaction(signal, &action, nil)
  }

  private static func isIgnored(_ signal: Int32) -> Bool {
    var current = sigaction()
    sigaction(signal, nil, &current)
    return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }
}

/// Whether standard error is a terminal, which has echoed `^C` on Ctrl-C.
nonisolated(unsafe) private var stderrIsTerminal = false

private func onScriptSignal(_ signal: Int32) {
  if Interrupt.raise(signal) != 0 {
    endNow(signal)
  } else if signal == SIGINT && stderrIsTerminal {
    _ = write(2, "\n", 1)
  }
}

private func onBrokenPipe(_ signal: Int32) {
  Interrupt.raiseUnlessRaised(signal)
}

private func onInteractiveTermination(_ signal: Int32) {
  if Interrupt.termination != nil { endNow(signal) }
  Interrupt.raise(signal)
}

/// Takes the default action for `signal` (which ends the process).
private func endNow(_ signal: Int32) {
  Glibc.signal(signal, SIG_DFL)
  Glibc.raise(signal)
}
