import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenarioText, parseScenarioValue } from "./load";

const GOOD = `
name: svc-two-endpoints
description: ClusterIP with two endpoints on one node
hosts:
  - { name: node1, role: node }
  - { name: pod-a, role: pod, node: node1 }
  - { name: pod-b1, role: pod, node: node1 }
setup:
  - node1: sysctl -w net.ipv4.ip_forward=1
  - node1: ip link add veth-a type veth peer name eth0 netns pod-a
  - node1: iptables -t nat -A PREROUTING -m comment --comment "kube svc" -j KUBE-SERVICES
  - node1: |
      iptables-restore --noflush
      *nat
      :KUBE-SERVICES - [0:0]
      COMMIT
  - pod-a: |
      ip link set eth0 up
listen:
  pod-b1: [tcp/8080, udp/53]
probes:
  - { id: a-to-svc, from: pod-a, to: 10.96.0.10, proto: tcp, port: 80 }
  - { id: a-ping-b1, from: pod-a, to: 10.244.0.3, proto: icmp, size: 1400, df: true, src: 10.244.0.2 }
expect:
  a-to-svc:
    - { result: connected, server: pod-b1 }
    - { result: connected, server: pod-b1, seenPort: 8080, p: 0.5 }
`;

/** A valid file with one part replaced, to test one rule at a time. */
function fileWith(parts: { hosts?: string; setup?: string; listen?: string; probes?: string; expect?: string; name?: string }): string {
  return [
    `name: ${parts.name ?? "t"}`,
    `hosts: ${parts.hosts ?? "[{ name: a, role: node }, { name: b, role: pod, node: a }]"}`,
    `setup: ${parts.setup ?? "[]"}`,
    `listen: ${parts.listen ?? "{}"}`,
    `probes: ${parts.probes ?? "[{ id: p1, from: a, to: 10.0.0.2, proto: tcp, port: 80 }]"}`,
    ...(parts.expect ? [`expect: ${parts.expect}`] : []),
  ].join("\n");
}

function errorsOf(text: string): string[] {
  const parsed = parseScenarioText(text, "x.yaml");
  return parsed.ok ? [] : parsed.errors;
}

describe("parseScenarioText: good files", () => {
  it("converts the file shape into a Scenario", () => {
    const parsed = parseScenarioText(GOOD, "good.yaml");
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const { scenario } = parsed;
    expect(scenario.name).toBe("svc-two-endpoints");
    expect(scenario.hosts[1]).toEqual({ name: "pod-a", role: "pod", node: "node1" });
    expect(scenario.setup[0]).toEqual({ host: "node1", line: "sysctl -w net.ipv4.ip_forward=1" });
    expect(scenario.setup[2]!.line).toBe('iptables -t nat -A PREROUTING -m comment --comment "kube svc" -j KUBE-SERVICES');
    expect(scenario.listen["pod-b1"]).toEqual([{ proto: "tcp", port: 8080 }, { proto: "udp", port: 53 }]);
    expect(scenario.probes[1]).toEqual({ id: "a-ping-b1", from: "pod-a", to: "10.244.0.3", proto: "icmp", size: 1400, df: true, src: "10.244.0.2" });
    expect(scenario.expect?.["a-to-svc"]?.[1]).toEqual({ result: "connected", server: "pod-b1", seenPort: 8080, p: 0.5 });
  });

  it("keeps a multi-line item's newlines: first line the command, the rest its stdin", () => {
    const parsed = parseScenarioText(GOOD);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.scenario.setup[3]).toEqual({ host: "node1", line: "iptables-restore --noflush\n*nat\n:KUBE-SERVICES - [0:0]\nCOMMIT\n" });
  });

  it("drops the final newline of a one-line block scalar", () => {
    const parsed = parseScenarioText(GOOD);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.scenario.setup[4]).toEqual({ host: "pod-a", line: "ip link set eth0 up" });
  });

  it("reads the same scenario from JSON", () => {
    const json = JSON.stringify({
      name: "j",
      hosts: [{ name: "a", role: "router" }],
      setup: [{ a: "ip link set lo up" }],
      listen: { a: ["udp/53"] },
      probes: [{ id: "p", from: "a", to: "127.0.0.1", proto: "udp", port: 53 }],
    });
    const parsed = parseScenarioText(json, "j.json");
    expect(parsed).toEqual({
      ok: true,
      scenario: {
        name: "j",
        hosts: [{ name: "a", role: "router" }],
        setup: [{ host: "a", line: "ip link set lo up" }],
        listen: { a: [{ proto: "udp", port: 53 }] },
        probes: [{ id: "p", from: "a", to: "127.0.0.1", proto: "udp", port: 53 }],
      },
    });
  });

  it("defaults setup, listen and probes to empty", () => {
    const parsed = parseScenarioText("name: bare\nhosts: [{ name: a, role: node }]\n");
    expect(parsed.ok && parsed.scenario).toEqual({ name: "bare", hosts: [{ name: "a", role: "node" }], setup: [], listen: {}, probes: [] });
  });
});

describe("parseScenarioText: errors say where", () => {
  it("rejects a leading zero in an address with file and field", () => {
    expect(errorsOf(fileWith({ probes: "[{ id: p1, from: a, to: 010.1.1.1, proto: tcp, port: 80 }]" }))).toEqual([
      'x.yaml: probes[0].to: "010.1.1.1" is not a dotted quad (leading zeros are not allowed)',
    ]);
  });

  it.each([
    ["10.1.1", "four decimal octets"],
    ["10.1.1.256", "octets are 0-255"],
    ["10.1.1.1/24", "four decimal octets"],
    ["0x0a.1.1.1", "four decimal octets"],
    [" 10.1.1.1", "four decimal octets"],
  ])("rejects %j as a destination", (address, why) => {
    const errors = errorsOf(fileWith({ probes: `[{ id: p1, from: a, to: ${JSON.stringify(address)}, proto: icmp }]` }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("probes[0].to:");
    expect(errors[0]).toContain(why);
  });

  it("says that YAML read an unquoted 10.1 as a number", () => {
    expect(errorsOf(fileWith({ probes: "[{ id: p1, from: a, to: 10.1, proto: icmp }]" }))).toEqual([
      "x.yaml: probes[0].to: must be a dotted quad like 10.0.0.1, not the number 10.1",
    ]);
  });

  it("requires port for tcp/udp and forbids it, like size/df, where it does not apply", () => {
    expect(errorsOf(fileWith({ probes: "[{ id: p1, from: a, to: 10.0.0.2, proto: udp }]" }))).toEqual(["x.yaml: probes[0].port: is required for udp"]);
    expect(errorsOf(fileWith({ probes: "[{ id: p1, from: a, to: 10.0.0.2, proto: icmp, port: 7 }]" }))).toEqual(["x.yaml: probes[0].port: is not allowed for icmp"]);
    expect(errorsOf(fileWith({ probes: "[{ id: p1, from: a, to: 10.0.0.2, proto: tcp, port: 80, df: true, size: 9 }]" }))).toEqual([
      "x.yaml: probes[0].size: is only for icmp probes",
      "x.yaml: probes[0].df: is only for icmp probes",
    ]);
    expect(errorsOf(fileWith({ probes: "[{ id: p1, from: a, to: 10.0.0.2, proto: tcp, port: 65536 }]" }))).toEqual(["x.yaml: probes[0].port: must be 1-65535"]);
  });

  it("rejects duplicate probe ids and undeclared senders", () => {
    const probes = "[{ id: p1, from: a, to: 10.0.0.2, proto: icmp }, { id: p1, from: ghost, to: 10.0.0.2, proto: icmp }]";
    expect(errorsOf(fileWith({ probes }))).toEqual([
      'x.yaml: probes[1].id: "p1" is used by an earlier probe',
      'x.yaml: probes[1].from: "ghost" is not a declared host',
    ]);
  });

  it("checks host names, uniqueness and pods' nodes", () => {
    expect(errorsOf(fileWith({ hosts: "[{ name: Node1, role: node }]" }))).toEqual(["x.yaml: hosts[0].name: must match [a-z][a-z0-9-]{0,14}"]);
    expect(errorsOf(fileWith({ hosts: "[{ name: abcdefghijklmnop, role: node }]" }))).toEqual(["x.yaml: hosts[0].name: must match [a-z][a-z0-9-]{0,14}"]);
    expect(errorsOf(fileWith({ hosts: "[{ name: a, role: node }, { name: a, role: pod }]" }))).toEqual(['x.yaml: hosts[1].name: "a" is declared twice']);
    expect(errorsOf(fileWith({ hosts: "[{ name: a, role: node }, { name: b, role: pod, node: n9 }]" }))).toEqual(['x.yaml: hosts[1].node: "n9" is not a declared host']);
    expect(errorsOf(fileWith({ hosts: "[{ name: a, role: node }, { name: b, role: pot }]" }))[0]).toMatch(/^x\.yaml: hosts\[1\]\.role: /);
  });

  it("checks setup and listen hosts and shapes", () => {
    expect(errorsOf(fileWith({ setup: "[{ c: ip link }]" }))).toEqual(['x.yaml: setup[0]: "c" is not a declared host']);
    expect(errorsOf(fileWith({ setup: "[{ a: ip link, b: ip addr }]" }))).toEqual(["x.yaml: setup[0]: a setup item is one HOST: COMMAND pair"]);
    expect(errorsOf(fileWith({ setup: '[{ a: "  " }]' }))).toEqual(["x.yaml: setup[0].a: the command line is empty"]);
    expect(errorsOf(fileWith({ setup: "[ip link]" }))[0]).toMatch(/^x\.yaml: setup\[0\]: /);
    expect(errorsOf(fileWith({ listen: "{ zz: [tcp/80] }" }))).toEqual(['x.yaml: listen.zz: "zz" is not a declared host']);
    expect(errorsOf(fileWith({ listen: "{ a: [sctp/80] }" }))).toEqual(['x.yaml: listen.a[0]: "sctp/80" is not a listener (tcp/PORT or udp/PORT)']);
    expect(errorsOf(fileWith({ listen: "{ a: [tcp/0] }" }))).toEqual(['x.yaml: listen.a[0]: "tcp/0": port must be 1-65535']);
    expect(errorsOf(fileWith({ listen: "{ a: [tcp/80, tcp/80] }" }))).toEqual(['x.yaml: listen.a[1]: "tcp/80" is listed twice']);
  });

  it("checks the scenario name, expect keys and unknown keys", () => {
    expect(errorsOf(fileWith({ name: "Svc_1" }))).toEqual(["x.yaml: name: must match [a-z0-9-]+"]);
    expect(errorsOf(fileWith({ expect: "{ nope: [{ result: connected }] }" }))).toEqual(['x.yaml: expect.nope: "nope" is not a probe id']);
    expect(errorsOf(fileWith({ expect: "{ p1: [{ result: maybe }] }" }))[0]).toMatch(/^x\.yaml: expect\.p1\[0\]\.result: /);
    expect(errorsOf(`${fileWith({})}\nprobe: []`)).toEqual(['x.yaml: Unrecognized key: "probe"']);
  });

  it("reports YAML syntax errors with their position", () => {
    const errors = errorsOf("name: t\nhosts: [{ name: a, role: node }\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^x\.yaml: .*line \d+, column \d+$/);
    expect(errorsOf("name: t\nname: u\n")[0]).toMatch(/^x\.yaml: Map keys must be unique/);
  });

  it("turns empty, non-mapping and non-text input into errors", () => {
    expect(errorsOf("")).toEqual(["x.yaml: the file is empty"]);
    expect(errorsOf("- a\n- b")).toEqual(["x.yaml: a scenario file is a mapping with name, hosts, setup, listen and probes"]);
    expect(errorsOf("null")).toEqual(["x.yaml: a scenario file is a mapping with name, hosts, setup, listen and probes"]);
    expect(parseScenarioText(42 as unknown as string).ok).toBe(false);
    expect(parseScenarioText("\u0000\u0001\uffff garbage: [").ok).toBe(false);
  });

  it("never throws, whatever the text or value", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseScenarioText(text);
        return parsed.ok || (parsed.errors.length > 0 && parsed.errors.every((error) => typeof error === "string"));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseScenarioValue(value, "v");
        return !parsed.ok && parsed.errors.length > 0;
      }),
      { numRuns: 300 },
    );
  });
});
