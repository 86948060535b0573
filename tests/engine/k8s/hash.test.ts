/** SHA-256, base32 and kube-proxy's chain names against known vectors and shared/reference. */
import { describe, expect, it } from "vitest";
import { base32 } from "../../../engine/k8s/base32";
import { endpointChain, podVethName, portProtoHash, serviceChains, servicePortName } from "../../../engine/k8s/chain-names";
import { sha256, toHex, utf8 } from "../../../engine/k8s/sha256";

const hex = (text: string | Uint8Array): string => toHex(sha256(typeof text === "string" ? utf8(text) : text));

describe("sha256 (FIPS 180-4 vectors)", () => {
  it("hashes the empty string", () => {
    expect(hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
  it('hashes "abc"', () => {
    expect(hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("hashes the two-block 448-bit message", () => {
    expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });
  it("hashes 1000 bytes of 'a' (many blocks, length field past one byte)", () => {
    expect(hex(new Uint8Array(1000).fill(0x61))).toBe("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  });
  it("hashes 55 and 56 bytes (the padding boundary)", () => {
    expect(hex("a".repeat(55))).toBe("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    expect(hex("a".repeat(56))).toBe("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  });
  it("encodes non-ASCII text as UTF-8", () => {
    expect(toHex(utf8("é€𝄞"))).toBe("c3a9e282acf09d849e");
  });
});

describe("base32 (RFC 4648 section 10 vectors)", () => {
  const vectors: [string, string][] = [["", ""], ["f", "MY======"], ["fo", "MZXQ===="], ["foo", "MZXW6==="], ["foob", "MZXW6YQ="], ["fooba", "MZXW6YTB"], ["foobar", "MZXW6YTBOI======"]];
  for (const [input, output] of vectors) {
    it(`encodes "${input}" as "${output}"`, () => expect(base32(utf8(input))).toBe(output));
  }
  it("encodes a 32-byte digest in 56 characters with 4 padding", () => {
    const out = base32(sha256(utf8("abc")));
    expect(out).toHaveLength(56);
    expect(out.endsWith("====")).toBe(true);
    expect(out.slice(0, 52)).toMatch(/^[A-Z2-7]+$/);
  });
});

describe("kube-proxy chain names equal the kernel reference's", () => {
  const web = servicePortName("default", "web", "http");
  const solo = servicePortName("default", "solo", "http");
  it("names Service chains from the port name and protocol", () => {
    expect(serviceChains(web, "TCP").svc).toBe("KUBE-SVC-CDGGSHYLG3RE2FKL");
    expect(serviceChains(web, "TCP").ext).toBe("KUBE-EXT-CDGGSHYLG3RE2FKL");
    expect(serviceChains(web, "TCP").svl).toBe("KUBE-SVL-CDGGSHYLG3RE2FKL");
    expect(serviceChains(solo, "TCP").svc).toBe("KUBE-SVC-KTRLE4AQBKCGHQRV");
  });
  it("names endpoint chains from the port name, protocol and ip:port", () => {
    expect(endpointChain(web, "TCP", "10.244.0.3:8080")).toBe("KUBE-SEP-TCD3IFXQZW3ZEZQU");
    expect(endpointChain(web, "TCP", "10.244.1.3:8080")).toBe("KUBE-SEP-2AZ33KU3V5PGPQZH");
    expect(endpointChain(solo, "TCP", "10.244.0.3:8080")).toBe("KUBE-SEP-FXWGUXL2AENPSKJD");
  });
  it("hashes the protocol in lower case, so UDP differs from TCP", () => {
    expect(portProtoHash(web, "UDP")).not.toBe(portProtoHash(web, "TCP"));
    expect(portProtoHash(web, "UDP")).toBe(base32(sha256(utf8(`${web}udp`))).slice(0, 16));
  });
  it("writes a port without a name as namespace/name", () => {
    expect(servicePortName("kube-system", "kube-dns", undefined)).toBe("kube-system/kube-dns");
  });
  it("derives pod veth names like the CNI plugins' (veth + 8 hex), fixed per pod", () => {
    expect(podVethName("default", "n1a")).toMatch(/^veth[0-9a-f]{8}$/);
    expect(podVethName("default", "n1a")).toBe(podVethName("default", "n1a"));
    expect(podVethName("default", "n1a")).not.toBe(podVethName("default", "n1b"));
  });
});
