// Listeners of the PodPath host agent (see agent.mjs): each connection or datagram gets one
// JSON line {server, seenSrc, seenDst, seenPort} with what the server's socket saw.
import net from "node:net";
import dgram from "node:dgram";

function answerLine(serverName, remoteAddress, localAddress, localPort) {
  return JSON.stringify({ server: serverName, seenSrc: remoteAddress, seenDst: localAddress, seenPort: localPort }) + "\n";
}

export function listenTcp(serverName, port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on("error", () => {});
      socket.end(answerLine(serverName, socket.remoteAddress, socket.localAddress, socket.localPort));
    });
    server.once("error", reject);
    server.listen({ host: "0.0.0.0", port, backlog: 512 }, () => resolve());
  });
}

// A wildcard UDP socket cannot tell which local address a datagram was sent to (that needs
// IP_PKTINFO, see ip(7)), so one socket is bound per local address; replies then leave from the
// address the client sent to, which conntrack needs to reverse a DNAT. The wildcard socket only
// catches addresses not listed (local routes); its seenDst is "0.0.0.0".
function bindUdp(serverName, address, port) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
    socket.on("message", (_msg, rinfo) => {
      socket.send(answerLine(serverName, rinfo.address, address, port), rinfo.port, rinfo.address);
    });
    socket.once("error", reject);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.removeListener("error", reject);
      socket.on("error", () => {});
      resolve();
    });
  });
}

export async function listenUdp(serverName, port, addresses) {
  await bindUdp(serverName, "0.0.0.0", port);
  for (const address of addresses) await bindUdp(serverName, address, port);
}
