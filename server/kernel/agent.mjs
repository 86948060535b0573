// PodPath host agent: runs inside one scenario network namespace as
// `ip netns exec NS node agent.mjs HOSTNAME` and speaks JSON lines on stdin/stdout.
// Plain JavaScript (no tsx) so it starts fast. It exits when stdin closes, so a
// harness that dies cannot leave it behind.
//
// Requests:  {"req":N,"op":"listen","proto":"tcp"|"udp","port":P,"addresses":["10.0.0.2",...]}
//            {"req":N,"op":"probe","proto":"tcp"|"udp","to":A,"port":P,"src":A?,"timeoutMs":T}
// Responses: {"req":N,"ok":true} | {"req":N,"ok":false,"error":"..."} | {"req":N,"outcome":{...}}
import readline from "node:readline";
import { listenTcp, listenUdp } from "./agent-listen.mjs";
import { probeTcp, probeUdp } from "./agent-probe.mjs";

const serverName = process.argv[2] ?? "unknown";

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

async function handle(request) {
  const { req, op } = request;
  try {
    if (op === "listen") {
      if (request.proto === "tcp") await listenTcp(serverName, request.port);
      else await listenUdp(serverName, request.port, request.addresses ?? []);
      send({ req, ok: true });
    } else if (op === "probe") {
      const outcome = request.proto === "tcp" ? await probeTcp(request) : await probeUdp(request);
      send({ req, outcome });
    } else {
      send({ req, ok: false, error: `unknown op ${String(op)}` });
    }
  } catch (err) {
    send({ req, ok: false, error: err && err.code ? `${err.code}: ${err.message}` : String(err) });
  }
}

const input = readline.createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (line.trim() === "") return;
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    send({ req: null, ok: false, error: "request is not JSON" });
    return;
  }
  void handle(request);
});
input.on("close", () => process.exit(0));
process.on("uncaughtException", (err) => process.stderr.write(`agent ${serverName}: ${err.stack ?? err}\n`));
send({ ready: true, pid: process.pid });
