/**
 * Which students have a socket in their class right now, and when the others were last seen.
 * In memory: after a restart nobody is present until their socket reconnects, so for the first
 * grace period everybody counts as recently seen (nobody's nickname can be taken meanwhile).
 */
export class Presence {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly lastSeen = new Map<string, number>();
  private readonly startedAt: number;

  constructor(
    private readonly graceMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.startedAt = clock();
  }

  /** True when this is the student's first socket. */
  connect(studentId: string, socketId: string): boolean {
    const set = this.sockets.get(studentId) ?? new Set<string>();
    const first = set.size === 0;
    set.add(socketId);
    this.sockets.set(studentId, set);
    return first;
  }

  /** True when this was the student's last socket. */
  disconnect(studentId: string, socketId: string): boolean {
    const set = this.sockets.get(studentId);
    if (!set?.delete(socketId)) return false;
    if (set.size > 0) return false;
    this.sockets.delete(studentId);
    this.lastSeen.set(studentId, this.clock());
    return true;
  }

  online(studentId: string): boolean {
    return (this.sockets.get(studentId)?.size ?? 0) > 0;
  }

  /** Online, or gone for less than the grace period (or the server started less than that ago). */
  present(studentId: string): boolean {
    if (this.online(studentId)) return true;
    const now = this.clock();
    if (now - this.startedAt < this.graceMs) return true;
    const seen = this.lastSeen.get(studentId);
    return seen !== undefined && now - seen < this.graceMs;
  }
}
