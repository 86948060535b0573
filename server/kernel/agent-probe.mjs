// Probes of the PodPath host agent (see agent.mjs): one TCP connection or one UDP datagram,
// classified by what the socket reports, within a deadline.
import net from "node:net";
import dgram from "node:dgram";

const usedSourcePorts = new Set();

// errno names from connect(2), send(2) and the ICMP errors the kernel maps to them
// (net/ipv4/icmp.c icmp_err_convert[]).
function classifyError(code) {
  if (code === "ECONNREFUSED") return "refused";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EHOSTDOWN" || code === "ENONET") return "unreachable";
  return "local-error";
}

function answerOutcome(result, text) {
  try {
    const answer = JSON.parse(text);
    return {
      result,
      server: String(answer.server),
      seenSrc: String(answer.seenSrc),
      seenDst: String(answer.seenDst),
      seenPort: Number(answer.seenPort),
    };
  } catch {
    return { result: "local-error", detail: `unreadable answer: ${text.slice(0, 60)}` };
  }
}

export function probeTcp({ to, port, src, timeoutMs }) {
  return new Promise((resolve) => {
    let buffered = "";
    let connected = false;
    let settled = false;
    const socket = net.connect({ host: to, port, family: 4, ...(src ? { localAddress: src } : {}) });
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ result: "timeout", detail: connected ? "connected, no answer" : "no answer" }), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => { connected = true; });
    socket.on("data", (chunk) => {
      buffered += chunk;
      const newline = buffered.indexOf("\n");
      if (newline >= 0) finish(answerOutcome("connected", buffered.slice(0, newline)));
    });
    socket.on("end", () => finish({ result: "local-error", detail: "connection closed without an answer" }));
    socket.on("error", (err) => finish({ result: classifyError(err.code), detail: err.code ?? err.message }));
  });
}

// Binds to port 0 (kernel-chosen port) and retries when the kernel hands out a port this agent
// already used, so every UDP probe is a new conntrack tuple.
async function freshUdpSocket(src) {
  for (let attempt = 0; ; attempt++) {
    const socket = dgram.createSocket("udp4");
    await new Promise((resolve, reject) => {
      socket.once("error", reject);
      socket.bind({ address: src ?? "0.0.0.0", port: 0 }, () => { socket.removeListener("error", reject); resolve(); });
    }).catch((err) => { socket.close(); throw err; });
    const port = socket.address().port;
    if (!usedSourcePorts.has(port) || attempt >= 8) {
      usedSourcePorts.add(port);
      return socket;
    }
    socket.close();
  }
}

export async function probeUdp({ to, port, src, timeoutMs }) {
  let socket;
  try {
    socket = await freshUdpSocket(src);
  } catch (err) {
    return { result: classifyError(err.code), detail: err.code ?? err.message };
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try { socket.close(); } catch {}
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ result: "timeout", detail: "no answer" }), timeoutMs);
    socket.on("message", (msg) => finish(answerOutcome("reply", msg.toString("utf8"))));
    // On a connected UDP socket without IP_RECVERR the kernel reports only "hard" ICMP errors
    // (port unreachable, prohibited, frag needed) to the next recvmsg(2), as ECONNREFUSED,
    // EHOSTUNREACH, EMSGSIZE (udp(7); __udp4_lib_err and icmp_err_convert[].fatal). Host and net
    // unreachable, a failed ARP included, are "soft" and never reach the socket: timeout.
    socket.on("error", (err) => finish({ result: classifyError(err.code), detail: err.code ?? err.message }));
    socket.connect(port, to, (err) => {
      if (err) return finish({ result: classifyError(err.code), detail: err.code ?? err.message });
      socket.send("podpath probe\n", (sendErr) => {
        if (sendErr) finish({ result: classifyError(sendErr.code), detail: sendErr.code ?? sendErr.message });
      });
    });
  });
}
