#if canImport(Glibc)
  import Glibc
#endif

/// Descriptors 0, 1 and 2 as the process found them.
///
/// A program started with one of them closed would hand that number to
/// the next file or socket it opens, and then write its output there (a
/// packet socket that became descriptor 1 would send the summary lines
/// onto the network). `openMissing` gives every closed one /dev/null
/// before anything else is opened, and says which were closed, so that
/// output meant for a closed standard output is reported, not written.
public enum StandardDescriptors {
  /// Opens /dev/null on each of descriptors 0–2 that is closed; answers
  /// those descriptors. Call first thing, before opening anything.
  public static func openMissing() -> Set<Int32> {
    var closed: Set<Int32> = []
    for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
      closed.insert(fd)
      let null = open("/dev/null", O_RDWR)
      // The lowest free number is `fd` (those below it are open), but
      // make sure: the descriptor must end up there or nowhere.
      if null >= 0 && null != fd {
        dup2(null, fd)
        close(null)
      }
    }
    return closed
  }
}
