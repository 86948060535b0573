import { describe, expect, it } from "vitest";
import { build, out, refusal } from "./build";

describe("[LK8] ip link set applies its changes in do_setlink's order", () => {
  it("[LK8] `netns pod up` moves the device and brings it up in the pod", () => {
    const s = build(["node", "pod"], ["node: ip link add veth-a type veth peer name veth-b", "node: ip link set veth-b netns pod up"]);
    expect(out(s, "pod: ip link show veth-b")).toMatch(/<[^>]*\bUP\b[^>]*>/);
    expect(refusal(s, "node: ip link show veth-b").error).toBe('Device "veth-b" does not exist.');
  });

  it("[LK8] `up netns pod` ends the same way: the namespace move comes first", () => {
    const s = build(["node", "pod"], ["node: ip link add veth-a type veth peer name veth-b", "node: ip link set veth-b up netns pod"]);
    expect(out(s, "pod: ip link show veth-b")).toMatch(/<[^>]*\bUP\b[^>]*>/);
  });

  it("[LK5] a bridge cannot change namespace", () => {
    const s = build(["node", "pod"], ["node: ip link add cni0 type bridge"]);
    expect(refusal(s, "node: ip link set cni0 netns pod").error).toBe("RTNETLINK answers: Invalid argument");
  });
});

describe("[BR3] enslaving again to the same bridge changes nothing", () => {
  it("[BR3] the port keeps hairpin on", () => {
    const s = build(["node"], [
      "node: ip link add cni0 type bridge",
      "node: ip link add veth-a type veth peer name veth-b",
      "node: ip link set veth-a master cni0",
      "node: bridge link set dev veth-a hairpin on",
      "node: ip link set veth-a master cni0",
    ]);
    expect(out(s, "node: ip -d link show veth-a")).toMatch(/hairpin on/);
  });
});
