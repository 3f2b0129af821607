// The connection pool: one SSH session per instance, shared by its files and terminals; reconnects after a drop and
// closes sessions left idle.
import type { SshSession } from './session';

export interface SshConnectionsOptions {
  /** Opens a session for an instance (resolve the target, then SshSession.connect). */
  readonly connect: (instanceId: string) => Promise<SshSession>;
  /** Close a session with nothing open for this long; default 5 minutes. */
  readonly idleMs?: number;
}

/**
 * One session per instance, shared by files and terminals: get() connects on first use and again after a drop;
 * a session idle (no shell, no operation) for idleMs is closed.
 */
export class SshConnections {
  private readonly sessions = new Map<string, Promise<SshSession>>();
  private readonly timer: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly options: SshConnectionsOptions) {
    const idleMs = options.idleMs ?? 300_000;
    this.timer = setInterval(() => void this.closeIdle(idleMs), Math.max(250, Math.min(idleMs / 4, 30_000)));
    this.timer.unref();
  }

  get(instanceId: string): Promise<SshSession> {
    if (this.disposed) return Promise.reject(new Error('SshConnections disposed'));
    const existing = this.sessions.get(instanceId);
    if (existing) return existing.then((s) => (s.closed ? this.reconnect(instanceId, existing) : s));
    return this.open(instanceId);
  }

  /** The open session, if any, without connecting. */
  async peek(instanceId: string): Promise<SshSession | undefined> {
    const s = await this.sessions.get(instanceId)?.catch(() => undefined);
    return s && !s.closed ? s : undefined;
  }

  private reconnect(instanceId: string, stale: Promise<SshSession>): Promise<SshSession> {
    // Concurrent callers that saw the same dropped session share one new connection.
    if (this.sessions.get(instanceId) === stale) this.sessions.delete(instanceId);
    return this.get(instanceId);
  }

  private open(instanceId: string): Promise<SshSession> {
    const pending = this.options.connect(instanceId);
    this.sessions.set(instanceId, pending);
    pending.then(
      (s) =>
        s.onClose(() => {
          if (this.sessions.get(instanceId) === pending) this.sessions.delete(instanceId);
        }),
      () => {
        if (this.sessions.get(instanceId) === pending) this.sessions.delete(instanceId);
      },
    );
    return pending;
  }

  private async closeIdle(idleMs: number): Promise<void> {
    for (const [id, pending] of [...this.sessions]) {
      const s = await pending.catch(() => undefined);
      if (s && !s.closed && s.busy === 0 && s.idleSinceMs >= idleMs) {
        this.sessions.delete(id);
        s.close();
      }
    }
  }

  close(instanceId: string): void {
    const pending = this.sessions.get(instanceId);
    this.sessions.delete(instanceId);
    void pending?.then(
      (s) => s.close(),
      () => undefined,
    );
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    for (const id of [...this.sessions.keys()]) this.close(id);
  }
}
