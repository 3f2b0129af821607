// Opening a MySQL session from a practice instance, and running statements in it. Decision (issue 11, not to
// revisit): the MySQL face is a simulated server evaluated in-process, reached from practice instances only (their
// shell, later the practice WordPress) — there is no TCP listener on the host, as a private RDS is unreachable from
// a student's laptop on AWS too. Reachability is the practice's own: same VPC only, the client instance's outbound
// rules and the DB's security groups inbound on its port (machine/firewall.ts); what fails says how, with the
// code a MySQL client turns into its ERROR 2005/2002/1045/1049 (the shell's `mysql` and WordPress word them).
import type { DatabaseStoreRecord, InstanceRecord, RegionState } from '../../core/records';
import type { World } from '../../core/world';
import { isIpv4, resolveName } from '../../machine/dns';
import { connectionAllowed } from '../../machine/firewall';
import { databaseNodes, type DatabaseNode } from '../nodes';
import { MySqlError, sqlErrors } from './errors';
import { Server, type Result, type ServerIdentity, type SessionState } from './engine';
import { WRITES, parseStatement } from './parser';

/** How long a client waits for a SYN that is never answered before it gives up (Linux's ~130 s, AWS time). */
export const CONNECT_TIMEOUT_MS = 130_000;

/** The practice world as a session needs it: the region's records (writable: the data lives there), time. */
export interface DatabaseWorld {
  readonly region: string;
  records(): RegionState;
  now(): Date;
  /** The records changed (the state file keeps the data). */
  changed(): void;
}

/** The practice world's region as a session needs it (for the shell's client and the practice WordPress). */
export function databaseWorld(world: World, region: string): DatabaseWorld {
  return {
    region,
    records: () => world.writableRegion(region),
    now: () => world.clock.now(),
    changed: () => world.changed(),
  };
}

export interface DatabaseTarget {
  host: string;
  port?: number;
  user: string;
  password: string;
  database?: string;
}

export type ConnectError =
  | { code: 'unknownHost'; host: string }
  /** No answer to the SYN (a security group, another VPC, no host at the address): after CONNECT_TIMEOUT_MS. */
  | { code: 'timeout'; host: string }
  /** A host answered with a RST: nothing listens there, or the database is not answering (a reboot, a failover). */
  | { code: 'refused'; host: string }
  /** `localhost`: no MySQL server runs on the instance itself. */
  | { code: 'noLocalServer' }
  | { code: 'accessDenied'; error: MySqlError }
  | { code: 'unknownDatabase'; error: MySqlError }
  | { code: 'lost' };

export type QueryOutcome = { kind: 'result'; result: Result } | { kind: 'error'; error: MySqlError } | { kind: 'lost' };

let connections = 7;

/** Server version strings by Aurora MySQL 3 minor version (Aurora reports the MySQL version it is compatible with). */
const AURORA_MYSQL: Record<string, string> = {
  '3.04': '8.0.28',
  '3.05': '8.0.32',
  '3.06': '8.0.34',
  '3.07': '8.0.36',
  '3.08': '8.0.39',
  '3.09': '8.0.40',
  '3.10': '8.0.42',
};

function identityOf(records: RegionState, node: DatabaseNode): ServerIdentity {
  const engineVersion = records.dbInstances.find((d) => d.id === node.instanceId)?.engineVersion ?? '';
  const aurora = /mysql_aurora\.(\d+\.\d+)(\.\d+)?/.exec(engineVersion);
  const base = { hostname: node.hostname, port: node.port, readOnly: node.readOnly };
  if (node.engine === 'aurora-mysql' || aurora) {
    const auroraVersion = aurora ? `${aurora[1]}${aurora[2] ?? ''}` : '3.05.2';
    return { ...base, version: AURORA_MYSQL[aurora?.[1] ?? '3.05'] ?? '8.0.32', auroraVersion };
  }
  return { ...base, version: /^\d+\.\d+\.\d+$/.test(engineVersion) ? engineVersion : '8.0.35' };
}

function storeOf(world: DatabaseWorld, node: DatabaseNode): DatabaseStoreRecord {
  const records = world.records();
  const stores = (records.databaseStores ??= {});
  let store = stores[node.storeId];
  if (!store) {
    store = { schemas: node.initialDatabase ? { [node.initialDatabase]: { tables: {} } } : {} };
    stores[node.storeId] = store;
    world.changed();
  }
  return store;
}

/** The end of the instance's last outage (a reboot's, a failover's): a new one since the connection dropped it. */
const outageOf = (records: RegionState, instanceId: string) =>
  records.dbInstances.find((d) => d.id === instanceId)?.outageUntil;

export class DatabaseSession {
  private lost = false;
  private readonly outage: string | undefined;

  constructor(
    private readonly world: DatabaseWorld,
    private readonly node: DatabaseNode,
    readonly state: SessionState,
  ) {
    this.outage = outageOf(world.records(), node.instanceId);
  }

  /** The server's identity when the session opened (the client's banner). */
  get identity(): ServerIdentity {
    return identityOf(this.world.records(), this.node);
  }

  get connectionId(): number {
    return this.state.connectionId;
  }

  /** The node now, if this connection still stands: a failover or reboot (not answering, moved, role swapped) drops it. */
  private current(): DatabaseNode | undefined {
    if (this.lost) return undefined;
    const now = databaseNodes(this.world.records(), this.world.now(), this.world.region).find(
      (n) => n.instanceId === this.node.instanceId,
    );
    const moved = !now || now.privateIp !== this.node.privateIp || now.readOnly !== this.node.readOnly;
    if (moved || !now.answering || outageOf(this.world.records(), now.instanceId) !== this.outage) {
      this.lost = true;
      return undefined;
    }
    return now;
  }

  get connected(): boolean {
    return this.current() !== undefined;
  }

  /** Runs one statement (its `;` optional). */
  query(sql: string): QueryOutcome {
    const node = this.current();
    if (!node) return { kind: 'lost' };
    try {
      const statement = parseStatement(sql);
      const records = this.world.records();
      const server = new Server(storeOf(this.world, node), identityOf(records, node), this.world.now());
      const result = server.execute(statement, this.state);
      if (WRITES.has(statement.kind)) this.world.changed();
      return { kind: 'result', result };
    } catch (error) {
      if (error instanceof MySqlError) return { kind: 'error', error };
      throw error;
    }
  }
}

/** Where the client instance's connection to `host:port` goes, or why it does not. */
export function connectDatabase(
  world: DatabaseWorld,
  from: Pick<InstanceRecord, 'privateIp' | 'vpcId' | 'securityGroupIds'>,
  target: DatabaseTarget,
): { session: DatabaseSession } | { error: ConnectError } {
  const records = world.records();
  const now = world.now();
  const host = target.host;
  const port = target.port ?? 3306;
  if (host === 'localhost' || host === '') return { error: { code: 'noLocalServer' } };
  if (host === '127.0.0.1' || host === from.privateIp) return { error: { code: 'refused', host } };
  const address = isIpv4(host) ? host : resolveName(records, world.region, from.vpcId, host, now)?.addresses[0];
  if (!address) return { error: { code: 'unknownHost', host } };
  const client = { ip: from.privateIp, groupIds: from.securityGroupIds };
  const node = databaseNodes(records, now, world.region).find((n) => n.privateIp === address);
  if (!node) {
    // Another instance in the VPC: its groups decide whether the SYN arrives; nothing listens on MySQL's port.
    const other = records.instances.find(
      (i) => i.privateIp === address && i.vpcId === from.vpcId && i.state === 'running',
    );
    const reaches =
      other &&
      connectionAllowed(client, { ip: address, groupIds: other.securityGroupIds }, port, records.securityGroups);
    return { error: { code: reaches ? 'refused' : 'timeout', host } };
  }
  const server = { ip: node.privateIp, groupIds: node.securityGroupIds };
  if (node.vpcId !== from.vpcId || !connectionAllowed(client, server, port, records.securityGroups))
    return { error: { code: 'timeout', host } };
  if (port !== node.port || !node.answering) return { error: { code: 'refused', host } };
  if (target.user !== node.masterUsername || target.password !== node.masterPassword)
    return {
      error: {
        code: 'accessDenied',
        error: sqlErrors.accessDenied(target.user, from.privateIp, target.password !== ''),
      },
    };
  const store = storeOf(world, node);
  const state: SessionState = {
    user: target.user,
    clientHost: from.privateIp,
    connectionId: ++connections,
    userVars: new Map(),
    lastInsertId: 0,
  };
  if (target.database !== undefined) {
    if (!new Server(store, identityOf(records, node), now).hasDatabase(target.database))
      return { error: { code: 'unknownDatabase', error: sqlErrors.unknownDatabase(target.database) } };
    state.database = target.database;
  }
  return { session: new DatabaseSession(world, node, state) };
}
