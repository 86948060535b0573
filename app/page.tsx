/** The landing page: what PodPath is, in one screen, and the three ways in. */
import Link from "next/link";
import { SiteHeader } from "./_components/site-header";

const FACTS = [
  { title: "Real commands", text: "ip, bridge, iptables, iptables-restore, sysctl and conntrack, with the kernel's own output and error messages." },
  { title: "Every packet, hop by hop", text: "Each probe is traced through veths, bridges, routes, netfilter hooks, NAT and VXLAN, and animated on the cluster map." },
  { title: "Checked against Linux", text: "The packet engine is compared with real network namespaces, so what you learn here is what a node does." },
];

export default function Home() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <div className="grid items-center gap-10 lg:grid-cols-[1.1fr_1fr]">
          <div>
            <h1 className="text-4xl font-bold leading-tight tracking-tight text-white sm:text-5xl">
              Fix the cluster.
              <br />
              <span className="text-accent-strong">Learn the kernel.</span>
            </h1>
            <p className="mt-5 max-w-xl text-lg leading-relaxed text-muted">
              PodPath is a game about Kubernetes networking. Each level hands you a small cluster that is broken or unfinished: pods that cannot reach a Service, a node that forgot to
              forward, a VXLAN tunnel with a missing entry. You fix it by typing the Linux commands you would type on a real node, and watch your packets find their way.
            </p>
            <ul className="mt-8 grid gap-4 sm:grid-cols-3" aria-label="Ways in">
              <li>
                <Link href="/play" className="btn btn-primary w-full justify-center py-2.5 text-base font-semibold no-underline">
                  Play
                </Link>
                <p className="mt-2 text-sm text-muted">28 levels in 7 tracks, from a pod&apos;s loopback to NodePorts.</p>
              </li>
              <li>
                <Link href="/join" prefetch={false} className="btn w-full justify-center py-2.5 text-base no-underline">
                  Join a class
                </Link>
                <p className="mt-2 text-sm text-muted">Enter your class code and play along.</p>
              </li>
              <li>
                <Link href="/teach" prefetch={false} className="btn w-full justify-center py-2.5 text-base no-underline">
                  Teach
                </Link>
                <p className="mt-2 text-sm text-muted">Run a session and follow every student live.</p>
              </li>
            </ul>
          </div>
          <figure className="overflow-hidden rounded-lg border border-ink-600 bg-ink-900 shadow-2xl shadow-black/40">
            <figcaption className="flex items-center gap-2 border-b border-ink-700 px-3 py-2 text-xs text-muted">
              <span className="h-2.5 w-2.5 rounded-full bg-bad/80" aria-hidden="true" />
              <span className="h-2.5 w-2.5 rounded-full bg-warn/80" aria-hidden="true" />
              <span className="h-2.5 w-2.5 rounded-full bg-ok/80" aria-hidden="true" />
              <span className="ml-2 font-mono">root@node1 — level: Make pod A reach service B</span>
            </figcaption>
            <pre className="overflow-x-auto whitespace-pre-wrap px-4 py-3 text-[0.8rem] leading-relaxed text-fg">
              <span className="text-ok">root@node1:~#</span> iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080
              {"\n"}
              <span className="text-ok">root@node1:~#</span> <span className="text-muted"># trace: pod-a → 10.96.0.20:80</span>
              {"\n"}
              <span className="text-muted">pod-a: send TCP 10.244.0.2:32768 &gt; 10.96.0.20:80 [SYN]</span>
              {"\n"}
              <span className="text-muted">node1: PREROUTING nat/PREROUTING rule 1: -j DNAT</span>
              {"\n"}
              <span className="text-accent-strong">node1: DNAT 10.244.0.2:32768 &gt; 10.96.0.20:80 becomes 10.244.0.2:32768 &gt; 10.244.0.3:8080</span>
              {"\n"}
              <span className="text-muted">pod-b: deliver TCP 10.244.0.2:32768 &gt; 10.244.0.3:8080 [SYN] to tcp *:8080 (listening)</span>
              {"\n\n"}
              <span className="text-ok">✓ pod-a connects to service b at 10.96.0.20:80 and lands on pod-b</span>
            </pre>
          </figure>
        </div>
        <section aria-labelledby="facts" className="mt-8">
          <h2 id="facts" className="sr-only">
            What makes it different
          </h2>
          <ul className="grid gap-6 sm:grid-cols-3">
            {FACTS.map((f) => (
              <li key={f.title} className="rounded-lg border border-ink-700 bg-ink-900 p-4">
                <h3 className="font-semibold text-white">{f.title}</h3>
                <p className="mt-1 text-sm leading-relaxed text-muted">{f.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
