/// The names Wireshark gives the values of GTPv1's information elements.
enum GTPElementNames {
  static func causeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Request IMSI"
    case 1: "Request IMEI"
    case 2: "Request IMSI and IMEI"
    case 3: "No identity needed"
    case 4: "MS refuses"
    case 5: "MS is not GPRS responding"
    case 6: "Reactivation Requested"
    case 7: "PDP address inactivity timer expires"
    case 59: "System failure"
    case 60: "The transmit buffers are becoming full"
    case 61: "The receive buffers are becoming full"
    case 62: "Another node is about to go down"
    case 63: "This node is about to go down"
    case 128: "Request accepted"
    case 129: "New PDP type due to network preference"
    case 130: "New PDP type due to single address bearer only"
    case 177: "CDR decoding error"
    case 192: "Non-existent"
    case 193: "Invalid message format"
    case 194: "IMSI not known"
    case 195: "MS is GPRS detached"
    case 196: "MS is not GPRS responding"
    case 197: "MS refuses"
    case 198: "Version not supported"
    case 199: "No resource available"
    case 200: "Service not supported"
    case 201: "Mandatory IE incorrect"
    case 202: "Mandatory IE missing"
    case 203: "Optional IE incorrect"
    case 204: "System failure"
    case 205: "Roaming restriction"
    case 206: "P-TMSI signature mismatch"
    case 207: "GPRS connection suspended"
    case 208: "Authentication failure"
    case 209: "User authentication failed"
    case 210: "Context not found"
    case 211: "All PDP dynamic addresses are occupied"
    case 212: "No memory is available"
    case 213: "Relocation failure"
    case 214: "Unknown mandatory extension header"
    case 215: "Semantic error in the TFT operation"
    case 216: "Syntactic error in the TFT operation"
    case 217: "Semantic errors in packet filter(s)"
    case 218: "Syntactic errors in packet filter(s)"
    case 219: "Missing or unknown APN"
    case 220: "Unknown PDP address or PDP type"
    case 221: "PDP context without TFT already activated"
    case 222: "APN access denied - no subscription"
    case 223: "APN Restriction type incompatibility with currently active PDP Contexts"
    case 224: "MS MBMS Capabilities Insufficient"
    case 225: "Invalid Correlation-ID"
    case 226: "MBMS Bearer Context Superseded"
    case 227: "Bearer Control Mode violation"
    case 228: "Collision with network initiated request"
    case 229: "APN Congestion"
    case 230: "Bearer handling not supported"
    case 231: "Target access restricted for the subscriber"
    case 232: "UE is temporarily not reachable due to power saving"
    case 233: "Relocation failure due to NAS message redirection"
    case 252: "Request related to possibly duplicated packets already fulfilled"
    case 253: "Request already fulfilled"
    case 254: "Sequence numbers of released/cancelled packets IE incorrect"
    case 255: "Request not fulfilled"
    default: nil
    }
  }

  static func selectionModeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "MS or network provided APN, subscribed verified"
    case 1: "MS provided APN, subscription not verified"
    case 2: "Network provided APN, subscription not verified"
    case 3: "For future use (Network provided APN, subscription not verified"
    default: nil
    }
  }

  static func pdpOrganizationName(_ code: UInt64) -> String? {
    switch code {
    case 0: "ETSI"
    case 1: "IETF"
    default: nil
    }
  }

  static func pdpTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "X.25"
    case 1: "PPP"
    case 2: "OSP:IHOSS"
    case 33: "IPv4"
    case 87: "IPv6"
    case 141: "IPv4v6"
    default: nil
    }
  }

  static func qosDelayName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Subscribed delay class (in MS to network direction)"
    case 1: "Delay class 1"
    case 2: "Delay class 2"
    case 3: "Delay class 3"
    case 4: "Delay class 4 (best effort)"
    case 7: "Reserved"
    default: nil
    }
  }

  static func qosReliabilityName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Subscribed reliability class (in MS to network direction)"
    case 1: "Acknowledged GTP, LLC, and RLC; Protected data"
    case 2: "Unacknowledged GTP, Ack LLC/RLC, Protected data"
    case 3: "Unacknowledged GTP/LLC, Ack RLC, Protected data"
    case 4: "Unacknowledged GTP/LLC/RLC, Protected data"
    case 5: "Unacknowledged GTP/LLC/RLC, Unprotected data"
    case 7: "Reserved"
    default: nil
    }
  }

  static func qosPrecedenceName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Subscribed precedence (in MS to network direction)"
    case 1: "High priority"
    case 2: "Normal priority"
    case 3: "Low priority"
    case 7: "Reserved"
    default: nil
    }
  }

  static func qosTrafficClassName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Subscribed traffic class (in MS to network direction)"
    case 1: "Conversational class"
    case 2: "Streaming class"
    case 3: "Interactive class"
    case 4: "Background class"
    case 7: "Reserved"
    default: nil
    }
  }

  static func ratTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Reserved"
    case 1: "UTRAN"
    case 2: "GERAN"
    case 3: "WLAN"
    case 4: "GAN"
    case 5: "HSPA Evolution"
    case 6: "EUTRAN (WB-E-UTRAN)"
    case 7: "Virtual"
    case 8: "EUTRAN-NB-IoT"
    default: nil
    }
  }

  static func daylightSavingName(_ code: UInt64) -> String? {
    switch code {
    case 0: "No adjustment"
    case 1: "+1 hour adjustment for Daylight Saving Time"
    case 2: "+2 hours adjustment for Daylight Saving Time"
    case 3: "Reserved"
    default: nil
    }
  }
}

extension ValueNames {
  static let gtpCauses = ValueNames(GTPElementNames.causeName)
  static let gtpSelectionModes = ValueNames(GTPElementNames.selectionModeName)
  static let gtpPDPOrganizations = ValueNames(GTPElementNames.pdpOrganizationName)
  static let gtpPDPTypes = ValueNames(GTPElementNames.pdpTypeName)
  static let gtpQoSDelays = ValueNames(GTPElementNames.qosDelayName)
  static let gtpQoSReliabilities = ValueNames(GTPElementNames.qosReliabilityName)
  static let gtpQoSPrecedences = ValueNames(GTPElementNames.qosPrecedenceName)
  static let gtpQoSTrafficClasses = ValueNames(GTPElementNames.qosTrafficClassName)
  static let gtpRATTypes = ValueNames(GTPElementNames.ratTypeName)
  static let gtpDaylightSaving = ValueNames(GTPElementNames.daylightSavingName)
}
