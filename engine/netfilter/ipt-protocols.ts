/**
 * xtables_parse_protocol: a number 0-255 (base 0), a name from Debian 12's /etc/protocols
 * (netbase 6.4), or one of iptables' own names. PodPath models tcp, udp and icmp (and all).
 */
const ETC_PROTOCOLS =
  "ip=0 hopopt=0 icmp=1 igmp=2 ggp=3 ipencap=4 ip-encap=4 st=5 tcp=6 egp=8 igp=9 pup=12 udp=17 hmp=20 xns-idp=22 rdp=27 " +
  "iso-tp4=29 dccp=33 xtp=36 ddp=37 idpr-cmtp=38 ipv6=41 ipv6-route=43 ipv6-frag=44 idrp=45 rsvp=46 gre=47 esp=50 " +
  "ipsec-esp=50 ah=51 ipsec-ah=51 skip=57 ipv6-icmp=58 ipv6-nonxt=59 ipv6-opts=60 rspf=73 cphb=73 vmtp=81 eigrp=88 ospf=89 " +
  "ospfigp=89 ax.25=93 ipip=94 etherip=97 encap=98 pim=103 ipcomp=108 vrrp=112 l2tp=115 isis=124 sctp=132 fc=133 " +
  "mobility-header=135 udplite=136 mpls-in-ip=137 manet=138 hip=139 shim6=140 wesp=141 rohc=142 ethernet=143 " +
  "all=0 icmpv6=58 mh=135";

let names: Map<string, number> | undefined;

export function protocolNumber(name: string): number | undefined {
  names ??= new Map(ETC_PROTOCOLS.split(" ").map((e) => [e.slice(0, e.indexOf("=")), Number(e.slice(e.indexOf("=") + 1))]));
  return names.get(name);
}

export const PROTO_NAMES: Readonly<Record<number, "tcp" | "udp" | "icmp">> = { 1: "icmp", 6: "tcp", 17: "udp" };
