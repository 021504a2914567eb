#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A second thread that reads the next block of a walk with `pread`
/// while the walk works on the one before (`BlockReader`), so copying
/// from the page cache, a third of a `count`'s time on a large file, runs
/// on the machine's other core. It reads only the bytes it is asked for,
/// into a buffer the walk lends it and does not touch until `wait()` has
/// answered: the walk sees the same bytes, in the same order, as if it
/// had read them itself. A read that fails or comes up short is not an
/// answer; the walk then reads for itself, and reports what it finds.
final class ReadAhead: @unchecked Sendable {
  private let file: CaptureSource
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var thread = pthread_t()
  // Guarded by `lock`.
  private var job: (buffer: UnsafeMutableRawPointer, count: Int, offset: Int)?
  private var busy = false
  private var done: (offset: Int, count: Int)?
  private var stopping = false

  init?(_ file: CaptureSource) {
    self.file = file
    pthread_mutex_init(lock, nil)
    pthread_cond_init(changed, nil)
    let context = Unmanaged.passRetained(self).toOpaque()
    let started = pthread_create(
      &thread, nil,
      { context in
        Unmanaged<ReadAhead>.fromOpaque(context!).takeRetainedValue().serve()
        return nil
      }, context)
    guard started == 0 else {
      Unmanaged<ReadAhead>.fromOpaque(context).release()
      return nil
    }
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(lock)
    changed.deallocate()
    lock.deallocate()
  }

  /// Starts reading up to `count` bytes at `offset` into `buffer`. The
  /// caller has called `wait()` since the last `start`.
  func start(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) {
    pthread_mutex_lock(lock)
    job = (buffer, count, offset)
    busy = true
    done = nil
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(lock)
  }

  /// Waits for the read `start` asked for and answers the file offset and
  /// count of the bytes it put in the buffer (nil when it failed). The
  /// buffer is the caller's again.
  func wait() -> (offset: Int, count: Int)? {
    pthread_mutex_lock(lock)
    while busy { pthread_cond_wait(changed, lock) }
    let answer = done
    done = nil
    pthread_mutex_unlock(lock)
    return answer
  }

  /// Waits for any read under way and ends the thread.
  func finish() {
    pthread_mutex_lock(lock)
    while busy { pthread_cond_wait(changed, lock) }
    stopping = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(lock)
    pthread_join(thread, nil)
  }

  private func serve() {
    // Signals are the main thread's to take (an interrupt stops the walk there).
    var all = sigset_t()
    sigfillset(&all)
    pthread_sigmask(SIG_BLOCK, &all, nil)
    pthread_mutex_lock(lock)
    while true {
      while job == nil && !stopping { pthread_cond_wait(changed, lock) }
      guard let (buffer, count, offset) = job else { break }
      job = nil
      pthread_mutex_unlock(lock)
      let n = try? file.read(into: buffer, count: count, needed: 0, at: offset)
      pthread_mutex_lock(lock)
      done = n.map { (offset, $0) }
      busy = false
      pthread_cond_broadcast(changed)
    }
    pthread_mutex_unlock(lock)
  }
}
