// libFuzzer entry for pktsh. fuzz/run.sh compiles the fuzz sources together
// with the sources of pktsh's libraries as one module, so the targets use
// their internal API directly. One binary holds every target; the
// environment variable PKTSH_FUZZ_TARGET names the one that runs.
#if canImport(Glibc)
  import Glibc
#endif

/// The targets by name, as fuzz/run.sh passes them.
private let targets: [String: (UnsafePointer<UInt8>, Int) -> Void] = [
  "capture": CaptureTarget.run,
  "language": LanguageTarget.run,
  "render": RenderTarget.run,
  "writers": WriterTarget.run,
  "filters": FilterTarget.run,
]

private let target: (UnsafePointer<UInt8>, Int) -> Void = {
  let name = getenv("PKTSH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
  guard let target = targets[name] else {
    fatalError("PKTSH_FUZZ_TARGET must be one of \(targets.keys.sorted()), not '\(name)'")
  }
  return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  target(data, size)
  return 0
}
