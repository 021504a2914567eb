/// The Linux packet-socket ABI that Glibc's Swift module does not export:
/// constants and structure layouts, with the kernel's values. Structures
/// are read and written at explicit byte offsets rather than through
/// Swift structs, whose layout Swift does not promise to match C's.
enum PacketSocketABI {
  // linux/if_ether.h
  /// Every protocol: the `sll_protocol` that binds a socket to all of them.
  static let ethPAll: UInt16 = 0x0003

  // linux/socket.h
  static let solPacket: Int32 = 263

  // linux/if_packet.h: socket options at SOL_PACKET.
  static let packetAddMembership: Int32 = 1
  static let packetStatistics: Int32 = 6
  static let packetVersion: Int32 = 10
  static let packetRxRing: Int32 = 5

  // linux/if_packet.h: `enum tpacket_versions { TPACKET_V1, TPACKET_V2, TPACKET_V3 }`.
  static let tpacketV3: Int32 = 2

  // linux/if_packet.h: `packet_mreq.mr_type`.
  static let packetMembershipPromiscuous: UInt16 = 1

  // linux/if_packet.h: `sockaddr_ll.sll_pkttype`.
  static let packetOutgoing: UInt8 = 4

  // linux/if_packet.h: `tp_status` and `block_status` bits.
  static let statusKernel: UInt32 = 0
  static let statusUser: UInt32 = 1 << 0
  static let statusVLANValid: UInt32 = 1 << 4
  static let statusVLANTPIDValid: UInt32 = 1 << 6

  // asm-generic/socket.h
  static let soAttachFilter: Int32 = 26

  // linux/if_arp.h: the ARPHRD_ hardware types that choose a link type.
  static let arphrdEther: UInt16 = 1
  static let arphrdLoopback: UInt16 = 772
  static let arphrdNone: UInt16 = 65534
  /// Types whose frames start with the IP header (no link header): SLIP
  /// and its compressed forms (256...259), raw HDLC (518), raw IP (519),
  /// IPIP and IPv6-in-IPv6 tunnels (768, 769), SIT (776).
  static let arphrdRawIP: Set<UInt16> = [256, 257, 258, 259, 518, 519, 768, 769, 776, 65534]

  /// `struct tpacket_block_desc` with its `tpacket_hdr_v1` (linux/if_packet.h):
  /// byte offsets of the fields the reader uses.
  enum Block {
    static let status = 8
    static let packetCount = 12
    static let firstPacketOffset = 16
  }

  /// `struct tpacket3_hdr` (linux/if_packet.h), 48 bytes, followed (at
  /// TPACKET_ALIGN(48) = 48) by the packet's `struct sockaddr_ll`.
  enum Header {
    static let nextOffset = 0
    static let seconds = 4
    static let nanoseconds = 8
    static let snapLength = 12
    static let length = 16
    static let status = 20
    static let macOffset = 24
    /// `hv1.tp_vlan_tci` (a u32 holding the 16-bit TCI).
    static let vlanTCI = 32
    /// `hv1.tp_vlan_tpid`.
    static let vlanTPID = 36
    static let address = 48
  }

  /// `struct sockaddr_ll` (linux/if_packet.h), 20 bytes.
  enum LinkAddress {
    static let size = 20
    static let family = 0
    /// Network byte order.
    static let protocolNumber = 2
    static let interfaceIndex = 4
    static let hardwareType = 8
    static let packetType = 10
    static let addressLength = 11
    static let address = 12
  }

  /// `struct tpacket_stats_v3`: tp_packets, tp_drops, tp_freeze_q_cnt (three u32).
  static let statisticsV3Size = 12
}
