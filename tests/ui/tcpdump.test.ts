import { describe, expect, it } from "vitest";
import { observeProbes } from "../../app/_lib/probe-runs";
import { capturesFrom, packetLine, parseFilter, tcpdump, timestamp } from "../../app/_lib/tcpdump";
import { parseIPv4 } from "../../engine/addr/ipv4";
import { ICMP, packet } from "../../engine/walk/packet";
import { after, DNAT_B, prepared } from "./levels";

const ip = (s: string) => parseIPv4(s)!;

describe("tcpdump over the last probe run", () => {
  const p = prepared("svc-reach-service-b");
  const solved = after(p.start, [["node1", DNAT_B]]);
  const run = observeProbes(p, solved);
  const caps = capturesFrom(run.probes.map((x) => x.trace));
  const dump = (host: string, ...argv: string[]) => tcpdump(argv, run.state.hosts[host]!, caps, true);

  it("pod-a's eth0 saw its SYN to the VIP and the SYN-ACK translated back from the VIP", () => {
    const r = dump("pod-a", "-i", "eth0", "-n");
    expect(r.ok).toBe(true);
    const out = r.ok ? r.output : "";
    expect(out).toContain("listening on eth0, link-type EN10MB (Ethernet)");
    expect(out).toMatch(/IP 10\.244\.0\.2\.\d+ > 10\.96\.0\.20\.80: Flags \[S\]/);
    expect(out).toMatch(/IP 10\.96\.0\.20\.80 > 10\.244\.0\.2\.\d+: Flags \[S\.\]/);
    expect(out).toMatch(/^4 packets captured$/m);
  });

  it("pod-b's eth0 saw the packets after DNAT, to its own address and port", () => {
    const out = (dump("pod-b", "-i", "eth0") as { output: string }).output;
    expect(out).toMatch(/> 10\.244\.0\.3\.8080: Flags \[S\]/);
    expect(out).not.toContain("10.96.0.20");
  });

  it("filters by port and protocol, and -c stops after N packets", () => {
    const out = (dump("pod-a", "-i", "eth0", "port", "80", "and", "tcp") as { output: string }).output;
    expect(out).toMatch(/^4 packets captured$/m);
    expect((dump("pod-a", "-i", "eth0", "udp") as { output: string }).output).toMatch(/^0 packets captured$/m);
    expect((dump("pod-a", "-c", "1", "-i", "eth0") as { output: string }).output).toMatch(/^1 packet captured$/m);
  });

  it("-i any names the interface and direction of each packet", () => {
    const out = (dump("node1", "-i", "any") as { output: string }).output;
    expect(out).toContain("listening on any, link-type LINUX_SLL2");
    expect(out).toMatch(/veth71866a09 In {2}IP 10\.244\.0\.2\.\d+ > 10\.96\.0\.20\.80/);
    expect(out).toMatch(/veth06316318 Out IP 10\.244\.0\.2\.\d+ > 10\.244\.0\.3\.8080/);
  });

  it("refuses a device that does not exist, a down one, and a bad filter, in tcpdump's words", () => {
    expect(dump("pod-a", "-i", "eth9")).toEqual({ ok: false, error: "tcpdump: eth9: No such device exists\n(No such device exists)" });
    const down = after(run.state, [["pod-a", "ip link set eth0 down"]]);
    expect(tcpdump(["-i", "eth0"], down.hosts["pod-a"]!, caps, true)).toEqual({ ok: false, error: "tcpdump: eth0: That device is not up" });
    expect(dump("pod-a", "-i", "eth0", "vlan")).toMatchObject({ ok: false });
    expect(dump("pod-a", "-X")).toMatchObject({ ok: false });
  });

  it("prints ICMP and UDP the way tcpdump -n does", () => {
    const echo = packet({ src: ip("10.0.0.1"), dst: ip("10.0.0.2"), ttl: 64, proto: "icmp", icmp: { type: ICMP.ECHO_REQUEST, code: 0, id: 3 }, size: 84, df: true });
    expect(packetLine(echo)).toBe("IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3, seq 1, length 64");
    const udp = packet({ src: ip("10.0.0.1"), dst: ip("10.0.0.2"), ttl: 64, proto: "udp", sport: 5000, dport: 53, size: 60, df: true });
    expect(packetLine(udp)).toBe("IP 10.0.0.1.5000 > 10.0.0.2.53: UDP, length 32");
    const inner = packet({ src: ip("10.0.0.1"), dst: ip("10.96.0.10"), ttl: 64, proto: "udp", sport: 5000, dport: 53, size: 60, df: true });
    const unreach = packet({ src: ip("10.0.0.9"), dst: ip("10.0.0.1"), ttl: 64, proto: "icmp", icmp: { type: ICMP.DEST_UNREACH, code: ICMP.PORT_UNREACH, inner }, size: 88, df: false });
    expect(packetLine(unreach)).toBe("IP 10.0.0.9 > 10.0.0.1: ICMP 10.96.0.10 udp port 53 unreachable, length 68");
  });

  it("parses its small filter language", () => {
    expect(parseFilter(["host", "10.0.0.1", "and", "port", "80"])).toEqual([
      { kind: "host", addr: ip("10.0.0.1") },
      { kind: "port", port: 80 },
    ]);
    expect(typeof parseFilter(["port", "http"])).toBe("string");
    expect(timestamp(0, 0)).toBe("10:00:01.000100");
  });
});

describe("VXLAN on the wire", () => {
  it("shows the outer UDP packet to port 8472 and the pod packet inside it", () => {
    const p = prepared("overlay-missing-fdb");
    const run = observeProbes(p, p.start);
    const caps = capturesFrom(run.probes.map((x) => x.trace));
    const r = tcpdump(["-i", "eth0"], run.state.hosts["node2"]!, caps, true);
    const out = r.ok ? r.output : "";
    expect(out).toMatch(/IP 192\.168\.50\.\d+\.\d+ > 192\.168\.50\.\d+\.8472: OTV, flags \[I\] \(0x08\), overlay 0, instance 1\nIP 10\.244\./);
  });
});
