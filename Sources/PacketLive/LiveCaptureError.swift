/// Why a live capture could not start or stopped early. `description` is
/// one line, ready to show to a user.
public struct LiveCaptureError: Error, CustomStringConvertible, Sendable {
  public enum Kind: Sendable, Equatable {
    /// No root and no CAP_NET_RAW: packet sockets are refused.
    case permission
    case unknownInterface
    case interfaceDown
    /// Any other failing system call.
    case system
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }

  static let permissionMessage =
    "capturing needs root or CAP_NET_RAW: run pktsh as root, or grant it once with "
    + "`sudo setcap cap_net_raw,cap_net_admin+ep $(command -v pktsh)`"
}
