/// GRE protocol types, versions and WCCP's redirect header values, as
/// Wireshark names them.
enum GRENames {
  /// A protocol type's name (mostly EtherTypes, named as GRE names them).
  static func protocolName(_ type: UInt64) -> String? {
    switch type {
    case 0x0000: "Possible GRE keepalive packet"
    case 0x00fe: "OSI"
    case 0x0800: "IP"
    case 0x0806: "ARP"
    case 0x2000: "CDP (Cisco)"
    case 0x2001: "NHRP"
    case 0x22eb: "ERSPAN III"
    case 0x6400: "MIKROTIK EoIP"
    case 0x6558: "Transparent Ethernet bridging"
    case 0x6559: "Frame Relay"
    case 0x8137: "IPX"
    case 0x8200: "ARUBA WLAN"
    case 0x8210: "ARUBA WLAN"
    case 0x8220: "ARUBA WLAN"
    case 0x8230: "ARUBA WLAN"
    case 0x8240: "ARUBA WLAN"
    case 0x8250: "ARUBA WLAN"
    case 0x8260: "ARUBA WLAN"
    case 0x8270: "ARUBA WLAN"
    case 0x8280: "ARUBA WLAN"
    case 0x8290: "ARUBA WLAN"
    case 0x82a0: "ARUBA WLAN"
    case 0x82b0: "ARUBA WLAN"
    case 0x82c0: "ARUBA WLAN"
    case 0x82d0: "ARUBA WLAN"
    case 0x82e0: "ARUBA WLAN"
    case 0x82f0: "ARUBA WLAN"
    case 0x8300: "ARUBA WLAN"
    case 0x8310: "ARUBA WLAN"
    case 0x8320: "ARUBA WLAN"
    case 0x8330: "ARUBA WLAN"
    case 0x8340: "ARUBA WLAN"
    case 0x8350: "ARUBA WLAN"
    case 0x8360: "ARUBA WLAN"
    case 0x8370: "ARUBA WLAN"
    case 0x86dd: "IPv6"
    case 0x880b: "PPP"
    case 0x883e: "WCCP"
    case 0x8847: "MPLS label switched packet"
    case 0x8881: "CDMA2000 A10 Unstructured byte stream"
    case 0x88be: "ERSPAN"
    case 0x88d2: "CDMA2000 A10 3GPP2 Packet"
    case 0x8909: "CiscoMetaData"
    case 0x894f: "Network Service Header"
    case 0x9000: "ARUBA WLAN"
    case 0xb7ea: "Huawei GRE bonding"
    case 0xfeae: "AIROHIVE AP AP"
    default: nil
    }
  }

  static func versionName(_ version: UInt64) -> String? {
    switch version {
    case 0: "GRE"
    case 1: "Enhanced GRE"
    default: nil
    }
  }
}

extension ValueNames {
  static let greProtocols = ValueNames(GRENames.protocolName)
  static let greVersions = ValueNames(GRENames.versionName)
  static let wccpDynamicService = ValueNames { $0 != 0 ? "Dynamic service" : "Well-known service" }
  static let wccpAlternativeBucketUsed = ValueNames { $0 != 0 ? "Alternative bucket used" : "Primary bucket used" }
  static let wccpRedirectHeaderValid = ValueNames {
    $0 != 0 ? "Header is present, but ignore contents" : "Header contents are valid"
  }
  static let wccpServiceIDs = ValueNames { $0 == 0 ? "HTTP" : nil }
}
