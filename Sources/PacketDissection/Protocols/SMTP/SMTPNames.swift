extension ValueNames {
  /// SMTP's reply codes (RFC 5321, RFC 4954), as Wireshark names them.
  static let smtpResponseCodes = ValueNames { code in
    switch code {
    case 211: "System status, or system help reply"
    case 214: "Help message"
    case 220: "<domain> Service ready"
    case 221: "<domain> Service closing transmission channel"
    case 235: "Authentication successful"
    case 250: "Requested mail action okay, completed"
    case 251: "User not local; will forward to <forward-path>"
    case 252: "Cannot VRFY user, but will accept message and attempt delivery"
    case 334: "AUTH input"
    case 354: "Start mail input; end with <CRLF>.<CRLF>"
    case 421: "<domain> Service not available, closing transmission channel"
    case 432: "A password transition is needed"
    case 450: "Requested mail action not taken: mailbox unavailable"
    case 451: "Requested action aborted: local error in processing"
    case 452: "Requested action not taken: insufficient system storage"
    case 454: "Temporary authentication failed"
    case 455: "Server unable to accommodate parameters"
    case 500: "Syntax error, command unrecognized"
    case 501: "Syntax error in parameters or arguments"
    case 502: "Command not implemented"
    case 503: "Bad sequence of commands"
    case 504: "Command parameter not implemented"
    case 530: "Authentication required"
    case 534: "Authentication mechanism is too weak"
    case 535: "Authentication credentials invalid"
    case 538: "Encryption required for requested authentication mechanism"
    case 550: "Requested action not taken: mailbox unavailable"
    case 551: "User not local; please try <forward-path>"
    case 552: "Requested mail action aborted: exceeded storage allocation"
    case 553: "Requested action not taken: mailbox name not allowed"
    case 554: "Transaction failed"
    case 555: "MAIL FROM/RCPT TO parameters not recognized or not implemented"
    default: nil
    }
  }
}
