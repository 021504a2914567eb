/// STUN's methods, classes, attribute types and error codes, as Wireshark
/// 4.0 names them.
enum STUNNames {
  /// MS-TURN's MAGIC-COOKIE attribute, first in each of its messages.
  static let magicCookieAttribute: UInt16 = 0x000f

  static func methodName(_ method: UInt64) -> String? {
    switch method {
    case 0x001: "Binding"
    case 0x002: "SharedSecret"
    case 0x003: "Allocate"
    case 0x004: "Refresh"
    case 0x006: "Send"
    case 0x007: "Data"
    case 0x008: "CreatePermission"
    case 0x009: "Channel-Bind"
    case 0x00a: "Connect"
    case 0x00b: "ConnectionBind"
    case 0x00c: "ConnectionAttempt"
    case 0x080: "GooglePing"
    default: nil
    }
  }

  static func className(_ messageClass: UInt64) -> String? {
    switch messageClass {
    case 0: "Request"
    case 1: "Indication"
    case 2: "Success Response"
    case 3: "Error Response"
    default: nil
    }
  }

  static func attributeName(_ code: UInt64) -> String? {
    switch code {
    case 0x0001: "MAPPED-ADDRESS"
    case 0x0002: "RESPONSE_ADDRESS"
    case 0x0003: "CHANGE_REQUEST"
    case 0x0004: "SOURCE_ADDRESS"
    case 0x0005: "CHANGED_ADDRESS"
    case 0x0006: "USERNAME"
    case 0x0007: "PASSWORD"
    case 0x0008: "MESSAGE-INTEGRITY"
    case 0x0009: "ERROR-CODE"
    case 0x000a: "UNKNOWN-ATTRIBUTES"
    case 0x000b: "REFLECTED-FROM"
    case 0x000c: "CHANNEL-NUMBER"
    case 0x000d: "LIFETIME"
    case 0x000e: "MS-ALTERNATE-SERVER"
    case 0x000f: "MAGIC-COOKIE"
    case 0x0010: "BANDWIDTH"
    case 0x0011: "DESTINATION-ADDRESS"
    case 0x0012: "XOR-PEER-ADDRESS"
    case 0x0013: "DATA"
    case 0x0014: "REALM"
    case 0x0015: "NONCE"
    case 0x0016: "XOR-RELAYED-ADDRESS"
    case 0x0017: "REQUESTED-ADDRESS-FAMILY"
    case 0x0018: "EVEN-PORT"
    case 0x0019: "REQUESTED-TRANSPORT"
    case 0x001a: "DONT-FRAGMENT"
    case 0x001b: "ACCESS-TOKEN"
    case 0x001c: "MESSAGE-INTEGRITY-SHA256"
    case 0x001d: "PASSWORD-ALGORITHM"
    case 0x001e: "USERHASH"
    case 0x0020: "XOR-MAPPED-ADDRESS"
    case 0x0022: "RESERVATION-TOKEN"
    case 0x0024: "PRIORITY"
    case 0x0025: "USE-CANDIDATE"
    case 0x0026: "PADDING"
    case 0x0027: "XOR-RESPONSE-TARGET"
    case 0x0028: "XOR-REFELECTED-FROM"
    case 0x002a: "CONNECTION-ID"
    case 0x0030: "LEGACY-ICMP"
    case 0x8000: "ADDITIONAL-ADDRESS-FAMILY"
    case 0x8001: "ADDRESS-ERROR-CODE"
    case 0x8002: "PASSWORD-ALGORITHMS"
    case 0x8003: "ALTERNATE-DOMAIN"
    case 0x8004: "ICMP"
    case 0x8006: "MS-TURN UNKNOWN 8006"
    case 0x8008: "MS-VERSION"
    case 0x8020: "XOR-MAPPED-ADDRESS"
    case 0x8022: "SOFTWARE"
    case 0x8023: "ALTERNATE-SERVER"
    case 0x8025: "TRANSACTION-TRANSMIT-COUNTER"
    case 0x8027: "CACHE-TIMEOUT"
    case 0x8028: "FINGERPRINT"
    case 0x8029: "ICE-CONTROLLED"
    case 0x802a: "ICE-CONTROLLING"
    case 0x802b: "RESPONSE-ORIGIN"
    case 0x802c: "OTHER-ADDRESS"
    case 0x802d: "ECN-CHECK-STUN"
    case 0x802e: "THIRD-PARTY-AUTHORIZATION"
    case 0x8030: "MOBILITY-TICKET"
    case 0x8032: "MS-ALTERNATE-HOST-NAME"
    case 0x8037: "MS-APP-ID"
    case 0x8039: "MS-SECURE-TAG"
    case 0x8050: "MS-SEQUENCE-NUMBER"
    case 0x8054: "MS-CANDIDATE-IDENTIFIER"
    case 0x8055: "MS-SERVICE-QUALITY"
    case 0x8056: "Bandwidth Admission Control Message"
    case 0x8057: "Bandwidth Reservation Identifier"
    case 0x8058: "Bandwidth Reservation Amount"
    case 0x8059: "Remote Site Address"
    case 0x805a: "Remote Relay Site Address"
    case 0x805b: "Local Site Address"
    case 0x805c: "Local Relay Site Address"
    case 0x805d: "Remote Site Address Response"
    case 0x805e: "Remote Relay Site Address Response"
    case 0x805f: "Local Site Address Response"
    case 0x8060: "Local Relay Site Address Response"
    case 0x8061: "SIP Dialog Identifier"
    case 0x8062: "SIP Call Identifier"
    case 0x8068: "Location Profile"
    case 0x8070: "MS-IMPLEMENTATION-VERSION"
    case 0x8090: "MS-ALT-MAPPED-ADDRESS"
    case 0x8095: "MS-MULTIPLEXED-TURN-SESSION-ID"
    case 0xc000: "CISCO-STUN-FLOWDATA"
    case 0xc001: "ENF-FLOW-DESCRIPTION"
    case 0xc002: "ENF-NETWORK-STATUS"
    case 0xc057: "GOOG-NETWORK-INFO"
    case 0xc058: "GOOG-LAST-ICE-CHECK-RECEIVED"
    case 0xc059: "GOOG-MISC-INFO"
    case 0xc05a: "GOOG-OBSOLETE-1"
    case 0xc05b: "GOOG-CONNECTION-ID"
    case 0xc05c: "GOOG-DELTA"
    case 0xc05d: "GOOG-DELTA-ACK"
    case 0xc060: "GOOG-MESSAGE_INTEGRITY-32"
    case 0xff04: "GOOG-MULTI-MAPPING"
    case 0xff05: "GOOG-LOGGING-ID"
    default: nil
    }
  }

  /// Attributes Wireshark reads into fields of their own that pktsh does
  /// not declare (Microsoft's TURN and bandwidth extensions, Google's
  /// network information, password algorithms): pktsh shows their type and
  /// length only.
  static func hasFieldsOfItsOwn(_ code: UInt16) -> Bool {
    switch code {
    case 0x001d, 0x8002, 0x8006, 0x8008, 0x8050, 0x8054, 0x8055, 0x8056, 0x8057, 0x8058, 0x805d, 0x805e, 0x805f,
      0x8060, 0x8061, 0x8062, 0x8068, 0x8070, 0x8095, 0xc057:
      true
    default: false
    }
  }

  static func errorName(_ code: UInt64) -> String? {
    switch code {
    case 274: "Disable Candidate"
    case 275: "Disable Candidate Pair"
    case 300: "Try Alternate"
    case 400: "Bad Request"
    case 401: "Unauthenticated"
    case 403: "Forbidden"
    case 405: "Mobility Forbidden"
    case 420: "Unknown Attribute"
    case 430: "Stale Credentials (legacy)"
    case 431: "Integrity Check Failure (legacy)"
    case 432: "Missing Username (legacy)"
    case 433: "Use TLS (legacy)"
    case 434: "Missing Realm (legacy)"
    case 435: "Missing Nonce (legacy)"
    case 436: "Unknown User (legacy)"
    case 437: "Allocation Mismatch"
    case 438: "Stale Nonce"
    case 439: "Wrong Credentials (legacy)"
    case 440: "Address Family not Supported"
    case 441: "Wrong Credentials"
    case 442: "Unsupported Transport Protocol"
    case 443: "Peer Address Family Mismatch"
    case 446: "Connection Already Exists"
    case 447: "Connection Timeout or Failure"
    case 481: "Connection does not exist (legacy)"
    case 486: "Allocation Quota Reached"
    case 487: "Role Conflict"
    case 500: "Server Error"
    case 503: "Service Unavailable (legacy)"
    case 507: "Insufficient Bandwidth Capacity (legacy)"
    case 508: "Insufficient Port Capacity"
    case 600: "Global Failure"
    default: nil
    }
  }

  static func networkVersionName(_ version: UInt64) -> String? {
    switch version {
    case 1: "MS-TURN"
    case 2: "RFC-3489 and earlier"
    case 3: "RFC-5389/8489"
    default: nil
    }
  }

  static func familyName(_ family: UInt64) -> String? {
    switch family {
    case 1: "IPv4"
    case 2: "IPv6"
    default: nil
    }
  }

  static func transportName(_ proto: UInt64) -> String? {
    switch proto {
    case 17: "UDP"
    case 6: "TCP"
    default: nil
    }
  }
}

extension ValueNames {
  static let stunAttributes = ValueNames(STUNNames.attributeName, nameAlone: true)
  static let stunNetworkVersions = ValueNames(STUNNames.networkVersionName)
  static let stunFamilies = ValueNames(STUNNames.familyName)
  static let stunTransports = ValueNames(STUNNames.transportName)
}
