/// Something done with one protocol's module, chosen at run time by the
/// protocol's id: `Registry.apply` finds the module and calls `apply` with
/// it, generic over the module, so that each call is direct.
protocol ProtocolOperation {
  associatedtype Argument
  associatedtype Result
  associatedtype Failure: Error
  static func apply<Module: ProtocolModule>(
    _ module: Module.Type, _ argument: inout Argument) throws(Failure) -> Result
}

/// Every protocol pktsh dissects. Registering a protocol is its case here
/// and its arm in `Registry.apply` below; the compiler refuses a case
/// without an arm.
///
/// The raw value is the protocol's slot in the registry and the high byte of
/// its fields' `FieldID`s.
public enum ProtocolID: UInt8, CaseIterable, Sendable {
  case frame, eth, ethertype, vlan, ieee8021ad, sll, null, raw, arp, ip, ipv6, ipv6HopByHop, ipv6Routing,
    ipv6Fragment, ipv6DestinationOptions, icmp, icmpv6, tcp, mptcp, udp, dns, mdns, llmnr, nbns, dhcp, ntp, quic, http, tls, data, malformed
  /// Tunnels and the link and network protocols around them.
  case gre, vxlan, geneve, igmp, llc, stp, esp, ah
  /// Text protocols of TCP and UDP.
  case ssh, ftp, pop
  /// A certificate's parts, read inside TLS.
  case x509af, x509if, x509sat, x509ce, pkix1implicit, pkix1explicit, pkcs1, nsCertExts
  /// Binary application protocols read with `BERReader`.
  case snmp
  /// Application protocols of file sharing and industrial control.
  case nbss, smb2, mbtcp, modbus
  /// Wireless and point-to-point links.
  case radiotap, wlanRadio, wlan, ppp
  /// Binary application protocols of control systems, messaging and tunnels.
  case dnp3, resp, isakmp, udpencap, mqtt, gtp, vrrp
  /// Databases, datagram TLS, DHCP for IPv6 and SCTP.
  case pgsql, mysql, dtls, dhcpv6, sctp
  /// Remote procedure calls: ONC RPC and the programs after it.
  case rpc, portmap, nfs, mount, nlm, nfsacl, stat, dcerpc
  /// Serial, FDDI and netfilter links; provider, mirror and label tunnels.
  case chdlc, fddi, nflog, pppoed, pppoes, ieee8021ah, erspan, vntag, mpls, mipv6
  /// What HTTP carries: bodies by their media type, and the protocols a
  /// connection switches to.
  case dataTextLines, media, json, urlencodedForm, mimeMultipart, png, imageJFIF, imageGIF, websocket, http2, ssdp, ocsp
  /// More text protocols of TCP.
  case smtp, irc
  /// Authentication and directory protocols read with `BERReader`, and SMB1.
  case kerberos, ldap
  /// Binary protocols of mobile cores, remote desktops and tunnels.
  case pfcp, ayiya, pim, vnc, gtpv2
  /// FTP's data connections and Telnet.
  case ftpData, telnet
  /// Authentication tokens (GSS-API, SPNEGO, Kerberos tokens, NTLMSSP) and SMB1.
  case gssapi, spnego, spnegoKRB5, ntlmssp, smb
  /// NAT traversal and IPv6 tunnelled in UDP.
  case stun, teredo
  /// ISO transport on TCP (TPKT) and the transport protocol it carries (COTP).
  case tpkt, cotp
  /// Routing Information Protocol.
  case rip
  /// Session Initiation Protocol.
  case sip
  /// Internet Message Access Protocol.
  case imap
}

/// Every protocol: its declaration and its dissect function, and the
/// indexes derived from the declarations: fields by name, dissector tables
/// by key.
public enum Registry {
  /// The registration: each protocol's module, by its id. A protocol is
  /// registered by its `ProtocolID` case and its arm here; the compiler
  /// refuses an id without one.
  ///
  /// One switch serves both the declarations (built once) and dissection,
  /// which passes here for every layer of every packet. Generic dispatch
  /// rather than a table of module types or closures: inlined and
  /// specialised, each arm is a direct call of the module's `dissect`,
  /// costing neither a witness-table call, a thunk nor a retain.
  @inline(__always)
  static func apply<Operation: ProtocolOperation>(
    _ operation: Operation.Type, to id: ProtocolID, _ argument: inout Operation.Argument
  ) throws(Operation.Failure) -> Operation.Result {
    switch id {
    case .frame: try operation.apply(Frame.self, &argument)
    case .eth: try operation.apply(Ethernet.self, &argument)
    case .ethertype: try operation.apply(Ethertype.self, &argument)
    case .vlan: try operation.apply(VLAN.self, &argument)
    case .ieee8021ad: try operation.apply(ServiceVLAN.self, &argument)
    case .sll: try operation.apply(SLL.self, &argument)
    case .null: try operation.apply(Null.self, &argument)
    case .raw: try operation.apply(RawIP.self, &argument)
    case .arp: try operation.apply(ARP.self, &argument)
    case .ip: try operation.apply(IPv4.self, &argument)
    case .ipv6: try operation.apply(IPv6.self, &argument)
    case .ipv6HopByHop: try operation.apply(IPv6HopByHop.self, &argument)
    case .ipv6Routing: try operation.apply(IPv6Routing.self, &argument)
    case .ipv6Fragment: try operation.apply(IPv6Fragment.self, &argument)
    case .ipv6DestinationOptions: try operation.apply(IPv6DestinationOptions.self, &argument)
    case .icmp: try operation.apply(ICMP.self, &argument)
    case .icmpv6: try operation.apply(ICMPv6.self, &argument)
    case .tcp: try operation.apply(TCP.self, &argument)
    case .mptcp: try operation.apply(MPTCP.self, &argument)
    case .udp: try operation.apply(UDP.self, &argument)
    case .dns: try operation.apply(DNS.self, &argument)
    case .mdns: try operation.apply(MDNS.self, &argument)
    case .llmnr: try operation.apply(LLMNR.self, &argument)
    case .nbns: try operation.apply(NBNS.self, &argument)
    case .dhcp: try operation.apply(DHCP.self, &argument)
    case .ntp: try operation.apply(NTP.self, &argument)
    case .quic: try operation.apply(QUIC.self, &argument)
    case .http: try operation.apply(HTTP.self, &argument)
    case .tls: try operation.apply(TLS.self, &argument)
    case .data: try operation.apply(PayloadData.self, &argument)
    case .malformed: try operation.apply(Malformed.self, &argument)
    case .gre: try operation.apply(GRE.self, &argument)
    case .vxlan: try operation.apply(VXLAN.self, &argument)
    case .geneve: try operation.apply(Geneve.self, &argument)
    case .igmp: try operation.apply(IGMP.self, &argument)
    case .llc: try operation.apply(LLC.self, &argument)
    case .stp: try operation.apply(STP.self, &argument)
    case .esp: try operation.apply(ESP.self, &argument)
    case .ah: try operation.apply(AH.self, &argument)
    case .ssh: try operation.apply(SSH.self, &argument)
    case .ftp: try operation.apply(FTP.self, &argument)
    case .pop: try operation.apply(POP.self, &argument)
    case .x509af: try operation.apply(X509AF.self, &argument)
    case .x509if: try operation.apply(X509IF.self, &argument)
    case .x509sat: try operation.apply(X509SAT.self, &argument)
    case .x509ce: try operation.apply(X509CE.self, &argument)
    case .pkix1implicit: try operation.apply(PKIX1Implicit.self, &argument)
    case .pkix1explicit: try operation.apply(PKIX1Explicit.self, &argument)
    case .pkcs1: try operation.apply(PKCS1.self, &argument)
    case .nsCertExts: try operation.apply(NetscapeCertificateExtensions.self, &argument)
    case .snmp: try operation.apply(SNMP.self, &argument)
    case .nbss: try operation.apply(NBSS.self, &argument)
    case .smb2: try operation.apply(SMB2.self, &argument)
    case .mbtcp: try operation.apply(ModbusTCP.self, &argument)
    case .modbus: try operation.apply(Modbus.self, &argument)
    case .radiotap: try operation.apply(Radiotap.self, &argument)
    case .wlanRadio: try operation.apply(WLANRadio.self, &argument)
    case .wlan: try operation.apply(IEEE80211.self, &argument)
    case .ppp: try operation.apply(PPP.self, &argument)
    case .dnp3: try operation.apply(DNP3.self, &argument)
    case .resp: try operation.apply(RESP.self, &argument)
    case .isakmp: try operation.apply(ISAKMP.self, &argument)
    case .udpencap: try operation.apply(UDPEncap.self, &argument)
    case .mqtt: try operation.apply(MQTT.self, &argument)
    case .gtp: try operation.apply(GTP.self, &argument)
    case .vrrp: try operation.apply(VRRP.self, &argument)
    case .pgsql: try operation.apply(PGSQL.self, &argument)
    case .mysql: try operation.apply(MySQL.self, &argument)
    case .dtls: try operation.apply(DTLS.self, &argument)
    case .dhcpv6: try operation.apply(DHCPv6.self, &argument)
    case .sctp: try operation.apply(SCTP.self, &argument)
    case .rpc: try operation.apply(RPC.self, &argument)
    case .portmap: try operation.apply(Portmap.self, &argument)
    case .nfs: try operation.apply(NFS.self, &argument)
    case .mount: try operation.apply(Mount.self, &argument)
    case .nlm: try operation.apply(NLM.self, &argument)
    case .nfsacl: try operation.apply(NFSACL.self, &argument)
    case .stat: try operation.apply(Stat.self, &argument)
    case .dcerpc: try operation.apply(DCERPC.self, &argument)
    case .chdlc: try operation.apply(CHDLC.self, &argument)
    case .fddi: try operation.apply(FDDI.self, &argument)
    case .nflog: try operation.apply(NFLOG.self, &argument)
    case .pppoed: try operation.apply(PPPoED.self, &argument)
    case .pppoes: try operation.apply(PPPoES.self, &argument)
    case .ieee8021ah: try operation.apply(PBB.self, &argument)
    case .erspan: try operation.apply(ERSPAN.self, &argument)
    case .vntag: try operation.apply(VNTag.self, &argument)
    case .mpls: try operation.apply(MPLS.self, &argument)
    case .mipv6: try operation.apply(MIPv6.self, &argument)
    case .dataTextLines: try operation.apply(DataTextLines.self, &argument)
    case .media: try operation.apply(Media.self, &argument)
    case .json: try operation.apply(JSON.self, &argument)
    case .urlencodedForm: try operation.apply(URLEncodedForm.self, &argument)
    case .mimeMultipart: try operation.apply(MIMEMultipart.self, &argument)
    case .png: try operation.apply(PNG.self, &argument)
    case .imageJFIF: try operation.apply(ImageJFIF.self, &argument)
    case .imageGIF: try operation.apply(ImageGIF.self, &argument)
    case .websocket: try operation.apply(WebSocket.self, &argument)
    case .http2: try operation.apply(HTTP2.self, &argument)
    case .ssdp: try operation.apply(SSDP.self, &argument)
    case .ocsp: try operation.apply(OCSP.self, &argument)
    case .smtp: try operation.apply(SMTP.self, &argument)
    case .irc: try operation.apply(IRC.self, &argument)
    case .kerberos: try operation.apply(Kerberos.self, &argument)
    case .ldap: try operation.apply(LDAP.self, &argument)
    case .pfcp: try operation.apply(PFCP.self, &argument)
    case .ayiya: try operation.apply(AYIYA.self, &argument)
    case .pim: try operation.apply(PIM.self, &argument)
    case .vnc: try operation.apply(VNC.self, &argument)
    case .gtpv2: try operation.apply(GTPv2.self, &argument)
    case .ftpData: try operation.apply(FTPData.self, &argument)
    case .telnet: try operation.apply(Telnet.self, &argument)
    case .gssapi: try operation.apply(GSSAPI.self, &argument)
    case .spnego: try operation.apply(SPNEGO.self, &argument)
    case .spnegoKRB5: try operation.apply(SPNEGOKerberos.self, &argument)
    case .ntlmssp: try operation.apply(NTLMSSP.self, &argument)
    case .smb: try operation.apply(SMB.self, &argument)
    case .stun: try operation.apply(STUN.self, &argument)
    case .teredo: try operation.apply(Teredo.self, &argument)
    case .tpkt: try operation.apply(TPKT.self, &argument)
    case .cotp: try operation.apply(COTP.self, &argument)
    case .rip: try operation.apply(RIP.self, &argument)
    case .sip: try operation.apply(SIP.self, &argument)
    case .imap: try operation.apply(IMAP.self, &argument)
    }
  }

  /// Declarations, indexed by `ProtocolID.rawValue`.
  public static let protocols: [ProtocolDecl] = ProtocolID.allCases.map { id in
    var none: Void = ()
    return apply(Declare.self, to: id, &none)
  }

  public static func decl(_ id: ProtocolID) -> ProtocolDecl { protocols[Int(id.rawValue)] }

  /// Walks one layer of protocol `id`.
  @inline(__always)
  static func dissect(_ id: ProtocolID, _ c: inout LayerCursor) throws(DissectionStop) -> Next {
    try apply(DissectLayer.self, to: id, &c)
  }

  /// Field ids by filter name and by alias.
  public static let fieldsByName: [String: FieldID] = {
    var names: [String: FieldID] = [:]
    for proto in protocols {
      for (index, field) in proto.fields.enumerated() {
        let id = FieldID(proto.id, index)
        names[field.name] = names[field.name] ?? id
        for alias in field.aliases { names[alias] = id }
      }
    }
    return names
  }()

  /// The field called `name` (a filter name or a Scapy alias).
  public static func field(named name: String) -> FieldID? { fieldsByName[name] }

  /// Every field of every protocol, in declaration order.
  public static var allFields: [FieldID] {
    protocols.flatMap { p in p.fields.indices.map { FieldID(p.id, $0) } }
  }

  /// The protocol bound to `key` in `table`, if any.
  public static func lookup(_ table: DispatchTable, _ key: UInt32) -> ProtocolID? {
    FastTables.shared.lookup(table, key)
  }

  /// The UDP ports bound to tunnels: protocols declared at the transport
  /// level or below, because they carry link, network or transport layers
  /// (VXLAN, Geneve, GTP, AYIYA, ...). Readers of raw bytes must not take
  /// a datagram on one of them for the last layer.
  public static let tunnelUDPPorts: Set<UInt32> = {
    var ports: Set<UInt32> = []
    for proto in protocols where proto.level <= .transport {
      for binding in proto.bindings where binding.table == .udpPort && binding.value < 65536 {
        if lookup(.udpPort, binding.value) == proto.id { ports.insert(binding.value) }
      }
    }
    return ports
  }()
}

/// Gathers a module's declaration.
private enum Declare: ProtocolOperation {
  typealias Failure = Never
  static func apply<Module: ProtocolModule>(_ module: Module.Type, _: inout Void) -> ProtocolDecl {
    ProtocolDecl(module)
  }
}

/// Runs a module's dissect function on the layer under the cursor.
private enum DissectLayer: ProtocolOperation {
  @inline(__always)
  static func apply<Module: ProtocolModule>(_ module: Module.Type, _ cursor: inout LayerCursor)
    throws(DissectionStop) -> Next
  {
    try module.dissect(&cursor)
  }
}
