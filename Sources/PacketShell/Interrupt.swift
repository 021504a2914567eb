import Synchronization

/// Set by Ctrl-C (SIGINT) while a command runs; long loops poll it and stop.
public enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  public static func raise() { flag.store(true, ordering: .relaxed) }
  public static func clear() { flag.store(false, ordering: .relaxed) }
  public static var isRaised: Bool { flag.load(ordering: .relaxed) }
}
