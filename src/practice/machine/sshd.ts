// The practice account's SSH: one ssh2 server per instance on its own free loopback port, started on
// the first `GET /__practice/ssh/<instance-id>` (practiceSshRoute) and stopped when the instance stops
// or terminates (its connections dropped) or the practice server closes. Each instance has its own
// ed25519 host key, kept in its record (derived from the instance ID, so a reset of the practice
// account does not look like a changed key, while a new instance from an AMI gets a new one).
// Login as OpenSSH on Amazon Linux: user ec2-user, public key only, the keys in
// ~/.ssh/authorized_keys plus the launch key pair's. Sessions: SFTP (sftpServer.ts), exec and a shell
// with or without a pty (shell.ts, sshTerminal.ts). The loopback port stands for the instance's public address on
// port 22: a connection that would not arrive on AWS (no public address, no route to an attached internet gateway,
// security groups closed to the student: reachability.ts) gets no answer at all, and the client's timeout fires.
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { Server, utils, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import { privateDnsName } from '../core/geography';
import { AUTHORIZED_KEYS } from './imageFiles';
import { InstanceFiles } from './instanceFiles';
import { seededOpenSshKey, sshPrivateKey } from '../ec2/keyMaterial';
import type { InstanceRecord } from '../core/records';
import { reachableFromInternet } from './reachability';
import { serveSftp } from './sftpServer';
import { Shell } from './shell';
import type { ShellHost } from './shellCommon';
import { serveTerminal, type TerminalSize } from './sshTerminal';
import type { World } from '../core/world';

export const SSH_ROUTE_PREFIX = '/__practice/ssh/';
export const SSH_USER = 'ec2-user';

/** What the route answers for a running instance. */
export interface PracticeSshTarget {
  host: '127.0.0.1';
  port: number;
  username: typeof SSH_USER;
  keyName?: string;
  /** The key pair's private key as the student's .pem holds it (absent for an imported key pair). */
  privateKey?: string;
  /** `SHA256:...` as OpenSSH prints it. */
  hostKeyFingerprint: string;
}

export type SshRouteAnswer =
  { status: 200; body: PracticeSshTarget } | { status: 404 | 409; body: { error: string; state?: string } };

/** SSH's port: what the security groups must admit. */
export const SSH_PORT = 22;
/** How long an unreachable connection is held before its socket is closed (the client gives up first). */
const HOLD_MS = 60_000;

interface Running {
  /** Accepts the TCP connections; hands the ones that arrive to `server`, holds the others. */
  listener: NetServer;
  server: Server;
  /** Connections that did not arrive (no SSH banner). */
  held: Set<Socket>;
  port: number;
  region: string;
  fingerprint: string;
  connections: Set<Connection>;
}

/** `SHA256:base64` (no padding) of an OpenSSH public key line's blob. */
export function sshFingerprint(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The instance's host key, made (and kept in its record) on first use. */
export function ensureHostKey(world: World, instance: InstanceRecord): NonNullable<InstanceRecord['sshHostKey']> {
  // A record copied from another instance's (a fixture's clone) carries that instance's key: make its own.
  if (!instance.sshHostKey?.publicKey.endsWith(` root@${instance.id}`)) {
    const key = seededOpenSshKey(`practice-account/ssh-host-key/${instance.id}`, `root@${instance.id}`);
    instance.sshHostKey = {
      privateKey: key.privateKey,
      publicKey: key.publicKey,
      fingerprint: sshFingerprint(key.publicKey),
    };
    world.changed();
  }
  return instance.sshHostKey;
}

function findInstance(world: World, instanceId: string): { region: string; instance: InstanceRecord } | undefined {
  for (const [region, records] of Object.entries(world.state.regions)) {
    const instance = records.instances.find((i) => i.id === instanceId);
    if (instance) return { region, instance };
  }
  return undefined;
}

function parsedKeys(lines: string[]): ParsedKey[] {
  const keys: ParsedKey[] = [];
  for (const line of lines) {
    const key = utils.parseKey(line.replace(/^.*?(?=(ssh-|ecdsa-|sk-))/, ''));
    if (!(key instanceof Error)) keys.push(key);
  }
  return keys;
}

export class PracticeSsh {
  private readonly running = new Map<string, Running>();
  private readonly starting = new Map<string, Promise<Running>>();
  private readonly stopWatching: () => void;
  private closed = false;

  constructor(private readonly world: World) {
    this.stopWatching = world.onChange(() => this.sweep());
  }

  /** The route's answer: where to connect for a running instance (its server started on demand). */
  async target(instanceId: string): Promise<SshRouteAnswer> {
    const found = findInstance(this.world, instanceId);
    if (!found || found.instance.state === 'terminated')
      return { status: 404, body: { error: `The instance ID '${instanceId}' does not exist` } };
    const { region, instance } = found;
    if (instance.state !== 'running')
      return { status: 409, body: { error: `The instance '${instanceId}' is not running`, state: instance.state } };
    const running = await this.start(region, instance);
    const keyPair = this.world.region(region).keyPairs.find((k) => k.name === instance.keyName);
    return {
      status: 200,
      body: {
        host: '127.0.0.1',
        port: running.port,
        username: SSH_USER,
        keyName: instance.keyName,
        privateKey: keyPair?.privateKeyPem ? sshPrivateKey(keyPair.privateKeyPem, keyPair.name) : undefined,
        hostKeyFingerprint: running.fingerprint,
      },
    };
  }

  /** Stops every server and drops every connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching();
    await Promise.allSettled([...this.starting.values()]);
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  private start(region: string, instance: InstanceRecord): Promise<Running> {
    const existing = this.running.get(instance.id);
    if (existing) return Promise.resolve(existing);
    let pending = this.starting.get(instance.id);
    if (!pending) {
      pending = this.listen(region, instance).finally(() => this.starting.delete(instance.id));
      this.starting.set(instance.id, pending);
    }
    return pending;
  }

  private async listen(region: string, instance: InstanceRecord): Promise<Running> {
    const hostKey = ensureHostKey(this.world, instance);
    const connections = new Set<Connection>();
    const instanceId = instance.id;
    const server = new Server({ hostKeys: [hostKey.privateKey] }, (client) => {
      connections.add(client);
      client.on('close', () => connections.delete(client));
      client.on('error', () => undefined); // a dropped client ends its sessions; nothing to report
      this.serveClient(client, region, instanceId);
    });
    const held = new Set<Socket>();
    const listener = createServer((socket) => {
      if (this.arrives(region, instanceId)) return server.injectSocket(socket);
      held.add(socket);
      const timer = setTimeout(() => socket.destroy(), HOLD_MS).unref();
      socket.on('error', () => undefined);
      socket.once('close', () => {
        clearTimeout(timer);
        held.delete(socket);
      });
    });
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(0, '127.0.0.1', () => {
        listener.off('error', reject);
        resolve();
      });
    });
    const running: Running = {
      listener,
      server,
      held,
      port: (listener.address() as AddressInfo).port,
      region,
      fingerprint: hostKey.fingerprint,
      connections,
    };
    this.running.set(instanceId, running);
    if (this.closed) await this.stop(instanceId);
    else this.sweep();
    return running;
  }

  /** Servers of instances that no longer run (or were replaced by a reset with another key) stop. */
  private sweep(): void {
    for (const [instanceId, running] of this.running) {
      const instance = this.world.region(running.region).instances.find((i) => i.id === instanceId);
      if (
        !instance ||
        instance.state !== 'running' ||
        (instance.sshHostKey && instance.sshHostKey.fingerprint !== running.fingerprint)
      )
        void this.stop(instanceId);
    }
  }

  private async stop(instanceId: string): Promise<void> {
    const running = this.running.get(instanceId);
    if (!running) return;
    this.running.delete(instanceId);
    const stopped = new Promise<void>((resolve) => running.listener.close(() => resolve()));
    for (const socket of running.held) socket.destroy();
    for (const client of running.connections) client.end();
    // A client that ignores the disconnect is cut off.
    setTimeout(() => {
      for (const client of running.connections) (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
    }, 200).unref();
    await stopped;
  }

  /** Would a connection from the student's computer to the instance's public address on port 22 arrive now? */
  private arrives(region: string, instanceId: string): boolean {
    const records = this.world.region(region);
    const instance = records.instances.find((i) => i.id === instanceId);
    return !!instance && reachableFromInternet(records, instance, SSH_PORT);
  }

  /** Keys that may log in: authorized_keys, plus the launch key pair's (cloud-init put it there). */
  private authorizedKeys(region: string, instance: InstanceRecord): ParsedKey[] {
    const lines = (instance.files[AUTHORIZED_KEYS]?.content ?? '')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const keyPair = this.world.region(region).keyPairs.find((k) => k.name === instance.keyName);
    if (keyPair) lines.push(keyPair.publicKey);
    return parsedKeys(lines);
  }

  private serveClient(client: Connection, region: string, instanceId: string): void {
    const files = new InstanceFiles(this.world, region, instanceId);
    client.on('authentication', (context) => {
      const instance = files.instance();
      if (context.method !== 'publickey' || context.username !== SSH_USER || instance?.state !== 'running')
        return context.reject(['publickey']);
      const key = this.authorizedKeys(region, instance).find((k) => k.getPublicSSH().equals(context.key.data));
      if (!key) return context.reject(['publickey']);
      if (!context.signature) return context.accept(); // the client asks whether this key would do
      if (!context.blob || key.verify(context.blob, context.signature, context.hashAlgo) !== true)
        return context.reject(['publickey']);
      context.accept();
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        const instance = files.instance();
        const host: ShellHost = {
          files,
          hostname: privateDnsName(region, instance?.privateIp ?? '127.0.0.1'),
          onChange: (listener) => this.world.onChange(listener),
        };
        let pty: TerminalSize | undefined;
        let interrupt: AbortController | undefined;
        session.on('pty', (ok, _reject, info) => {
          pty = { cols: info.cols, rows: info.rows, term: info.term };
          ok?.();
        });
        session.on('window-change', (ok, _reject, info) => {
          if (pty) Object.assign(pty, { cols: info.cols, rows: info.rows });
          ok?.();
        });
        session.on('env', (ok) => ok?.());
        session.on('signal', (ok) => {
          ok?.();
          interrupt?.abort();
        });
        session.on('exec', (ok, _reject, info) => {
          const stream = ok();
          interrupt = new AbortController();
          void runExec(new Shell(host), stream, info.command, pty, interrupt);
        });
        session.on('shell', (ok) => serveTerminal(new Shell(host), ok(), pty));
        session.on('sftp', (ok) => serveSftp(ok(), files));
      });
    });
  }
}

/** `ssh host COMMAND`: the command line's output, then its exit status. */
async function runExec(
  shell: Shell,
  stream: ServerChannel,
  command: string,
  pty: TerminalSize | undefined,
  interrupt: AbortController,
): Promise<void> {
  const open = () => stream.writable && !stream.destroyed;
  const write = (text: string, toStderr: boolean) => {
    if (!open()) return;
    if (pty) stream.write(text.replace(/\r?\n/g, '\r\n'));
    else if (toStderr) stream.stderr.write(text);
    else stream.write(text);
  };
  stream.on('close', () => interrupt.abort());
  stream.on('data', (data: Buffer) => {
    if (pty && data.includes(3)) interrupt.abort(); // Ctrl-C through the pty
  });
  const status = await shell.run(
    command,
    { stdout: (t) => write(t, false), stderr: (t) => write(t, true) },
    interrupt.signal,
  );
  if (!open()) return;
  stream.exit(status);
  stream.end();
}

/** Route handler: `GET /__practice/ssh/<instance-id>`, JSON as the team brief fixes it. */
export async function practiceSshRoute(ssh: PracticeSsh, path: string): Promise<{ status: number; json: string }> {
  let instanceId: string;
  try {
    instanceId = decodeURIComponent(path.slice(SSH_ROUTE_PREFIX.length)).replace(/\/+$/, '');
  } catch {
    // A malformed %-escape is the client's mistake: 400, not a server failure.
    return {
      status: 400,
      json: JSON.stringify({ error: 'The instance ID in the path is not valid percent-encoding' }),
    };
  }
  const answer = await ssh.target(instanceId);
  return { status: answer.status, json: JSON.stringify(answer.body) };
}
