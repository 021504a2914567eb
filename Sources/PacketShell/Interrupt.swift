import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Asks the running command to stop: raised from a signal handler by
/// Ctrl-C (SIGINT), SIGTERM, SIGHUP or SIGPIPE; long loops poll
/// `isRaised` and stop.
/// Everything here is async-signal-safe (lock-free atomics).
public enum Interrupt {
  /// The signal that raised the flag; 0 while it is clear.
  private static let raisedBy = Atomic<Int32>(0)
  /// The first SIGTERM or SIGHUP, kept after `clear`: the interactive shell
  /// leaves once the command it interrupted has stopped.
  private static let terminatedBy = Atomic<Int32>(0)

  /// Raises the flag for `signal`; answers the signal that had raised it
  /// already (0 if none), so a handler can tell a repeated signal.
  @discardableResult
  public static func raise(_ signal: Int32 = SIGINT) -> Int32 {
    if signal == SIGTERM || signal == SIGHUP {
      _ = terminatedBy.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    }
    return raisedBy.exchange(signal, ordering: .relaxed)
  }

  /// Raises the flag for `signal` unless it is raised already.
  static func raiseUnlessRaised(_ signal: Int32) {
    _ = raisedBy.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
  }

  /// Lowers the flag (a capture that a signal ended has used it up).
  public static func clear() { raisedBy.store(0, ordering: .relaxed) }

  public static var isRaised: Bool { raisedBy.load(ordering: .relaxed) != 0 }

  /// The signal that raised the flag, nil while it is clear.
  public static var signal: Int32? {
    let raised = raisedBy.load(ordering: .relaxed)
    return raised == 0 ? nil : raised
  }

  /// SIGTERM or SIGHUP, if either has arrived since pktsh started.
  public static var termination: Int32? {
    let signal = terminatedBy.load(ordering: .relaxed)
    return signal == 0 ? nil : signal
  }

  /// What a stopped command prints on standard error; nothing when
  /// standard output's reader went away (SIGPIPE), as for other tools.
  static var notice: String? {
    switch signal {
    case SIGTERM: "pktsh: stopped by SIGTERM"
    case SIGHUP: "pktsh: stopped by SIGHUP"
    case SIGPIPE: nil
    default: "pktsh: interrupted"
    }
  }
}
