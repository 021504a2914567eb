/// MQTT's control packet types, QoS levels and versions, as Wireshark
/// names them.
enum MQTTNames {
  static let connect: UInt64 = 1, publish: UInt64 = 3, publishRelease: UInt64 = 6, subscribe: UInt64 = 8,
    subscribeAck: UInt64 = 9,
    unsubscribe: UInt64 = 10, unsubscribeAck: UInt64 = 11

  static func typeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Reserved"
    case 1: "Connect Command"
    case 2: "Connect Ack"
    case 3: "Publish Message"
    case 4: "Publish Ack"
    case 5: "Publish Received"
    case 6: "Publish Release"
    case 7: "Publish Complete"
    case 8: "Subscribe Request"
    case 9: "Subscribe Ack"
    case 10: "Unsubscribe Request"
    case 11: "Unsubscribe Ack"
    case 12: "Ping Request"
    case 13: "Ping Response"
    case 14: "Disconnect Req"
    case 15: "Authentication Exchange"
    default: nil
    }
  }

  static func qosName(_ code: UInt64) -> String? {
    switch code {
    case 0: "At most once delivery (Fire and Forget)"
    case 1: "At least once delivery (Acknowledged deliver)"
    case 2: "Exactly once delivery (Assured Delivery)"
    case 3: "Reserved"
    default: nil
    }
  }

  static func versionName(_ code: UInt64) -> String? {
    switch code {
    case 3: "MQTT v3.1"
    case 4: "MQTT v3.1.1"
    case 5: "MQTT v5.0"
    default: nil
    }
  }
}

extension ValueNames {
  static let mqttTypes = ValueNames(MQTTNames.typeName)
  static let mqttQoS = ValueNames(MQTTNames.qosName)
  static let mqttVersions = ValueNames(MQTTNames.versionName)
  static let mqttSet = flagLabels(set: "Set", notSet: "Not set")
}
