/**
 * One kernel run's sandbox: its namespaces (one per scenario host) and its processes. Cleanup
 * kills the processes by PID and deletes the namespaces by name, from a finally block and, while
 * the run is active, from SIGINT/SIGTERM handlers.
 */
import { createNamespace, deleteNamespace, deleteNamespaceSync, nextRunPrefix } from "./namespaces";
import type { ToolPaths } from "./preflight";
import { TrackedProcesses } from "./tracked-processes";

export class Sandbox {
  readonly prefix = nextRunPrefix();
  readonly processes = new TrackedProcesses();
  private readonly created: string[] = [];

  constructor(readonly tools: ToolPaths) {}

  namespaceOf(host: string): string {
    return `${this.prefix}${host}`;
  }

  /** The namespace for a host, only if this run created it. */
  createdNamespaceOf(host: string): string | undefined {
    const name = this.namespaceOf(host);
    return this.created.includes(name) ? name : undefined;
  }

  async createHosts(hosts: readonly string[]): Promise<void> {
    // Recorded before creation so a half-made namespace is still deleted by cleanup.
    this.created.push(...hosts.map((host) => this.namespaceOf(host)));
    // allSettled, not all: cleanup must not start while another `ip netns add` is still running.
    const created = await Promise.allSettled(hosts.map((host) => createNamespace(this.processes, this.tools, this.namespaceOf(host))));
    const failure = created.find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
  }

  async cleanup(): Promise<void> {
    await this.processes.killAllAndWait();
    await Promise.all(this.created.map((name) => deleteNamespace(this.processes, this.tools, name)));
  }

  cleanupSync(): void {
    this.processes.killAll();
    for (const name of this.created) deleteNamespaceSync(this.tools.ip, name);
  }
}

const activeSandboxes = new Set<Sandbox>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const sandbox of activeSandboxes) sandbox.cleanupSync();
  activeSandboxes.clear();
  removeSignalHandlers();
  // Nobody else handles it: die of the signal as the default action would (signal(7)).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function removeSignalHandlers(): void {
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

/** Runs body with a fresh sandbox and always cleans it up, also when the process is signalled. */
export async function withSandbox<T>(tools: ToolPaths, body: (sandbox: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = new Sandbox(tools);
  if (activeSandboxes.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  activeSandboxes.add(sandbox);
  try {
    return await body(sandbox);
  } finally {
    await sandbox.cleanup();
    activeSandboxes.delete(sandbox);
    if (activeSandboxes.size === 0) removeSignalHandlers();
  }
}
