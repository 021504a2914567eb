#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A short lower-case reason for an `errno` value, worded for users.
func systemErrorReason(_ code: Int32) -> String {
  switch code {
  case ENOENT: return "no such file"
  case EACCES, EPERM: return "permission denied"
  case EISDIR: return "is a directory"
  case ENOTDIR: return "a component of the path is not a directory"
  case ENOSPC: return "no space left on device"
  default:
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text).lowercased()
  }
}
