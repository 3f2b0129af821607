// Track 2's doing for RDS MySQL (seed 004 §4, §9, §10): 2.1 db-sg and db-subnetgroup in the web tier's VPC, 2.2
// test-rds-1, 2.4 Multi-AZ applied now, 2.5 a reboot with failover. Each adopts what the checks already accept (a
// console-made group, subnet group or database), makes only what is missing, and waits with AWS's states as
// progress; run again, it finishes what exists.
import type { DBInstance } from '@aws-sdk/client-rds';
import type { Inventory, SecurityGroup, Subnet } from '../../aws/types';
import { authorizeIngress, ensureSecurityGroup, ipPermission, revokeIngress } from '../../aws/actions/ec2';
import {
  createDbSubnetGroup,
  createMySqlInstance,
  makeMultiAz,
  rebootDbInstance,
  setDbSubnetGroupSubnets,
  type Sent,
} from '../../aws/actions/rds';
import { checkStep } from '../checks/checks';
import { coversTcpPort } from '../checks/securityRules';
import { reason } from '../codes';
import { admitsWebTier, findDatabaseRoles, type DatabaseRoles } from '../database';
import { namesOf } from '../layout';
import { layoutSubnet, shownName, subnetRouting, TEST_VPC } from '../network';
import { findRoles } from '../roles';
import { StepError, type StepContext, type StepId, type StepOptions, type StepOutcome } from '../types';
import { finishRun, labTags, startRun, type Run } from './kit';
import { waits } from './waits';

/** The database tier as the checks see it in this inventory. */
export function databaseRoles(inv: Inventory, ctx: StepContext): DatabaseRoles {
  return findDatabaseRoles(inv, findRoles(inv, undefined, ctx.layout), ctx.layout);
}

/** Statuses a database passes through on its own: waited for, not judged. */
const TRANSITIONAL = [
  'creating',
  'backing-up',
  'modifying',
  'rebooting',
  'starting',
  'configuring-enhanced-monitoring',
  'upgrading',
  'renaming',
  'resetting-master-credentials',
  'maintenance',
];
export const isTransitional = (status: string) => TRANSITIONAL.includes(status);

/** Each new status a wait sees, as progress (creating → backing-up → available), the last one kept. */
export function statusFollower(run: Run, name: string) {
  let last = '';
  let latest: DBInstance | undefined;
  return {
    seen: (d: DBInstance) => {
      latest = d;
      const status = d.DBInstanceStatus ?? '';
      if (status && status !== last)
        run.progress('progress.dbStatus', { name: d.DBInstanceIdentifier ?? name, status });
      last = status;
    },
    latest: () => latest,
  };
}

/**
 * The master password the student typed, checked against RDS's rules here so a refusal names the rule and never
 * the password; missing is a StepError (the CLI: SCALE_OUT_LAB_DB_PASSWORD; the extension: its input box).
 */
export async function databasePassword(ctx: StepContext, step: StepId): Promise<string> {
  const password = await ctx.secrets?.databasePassword();
  if (!password) throw new StepError(step, reason('run.noDbPassword'));
  if (password.length < 8 || password.length > 41)
    throw new StepError(step, reason('run.badDbPassword', { rule: 'length', length: password.length }));
  if (!/^[\x21-\x7e]+$/.test(password) || /[/@"]/.test(password))
    throw new StepError(step, reason('run.badDbPassword', { rule: 'characters' }));
  return password;
}

/**
 * A change not safe to send twice (a second failover swaps back), sent until the account shows it took: refused as
 * busy or unanswered, the state is read; taken, on to the wait; not taken and unanswered, sent once more; not taken
 * and busy (someone else's change), the StepError.
 */
export async function sendUntilTaken(
  send: () => Promise<Sent>,
  taken: () => Promise<boolean>,
  refused: () => Promise<StepError>,
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const sent = await send();
    if (sent === 'done' || (await taken())) return;
    if (sent === 'busy') break;
  }
  throw await refused();
}

/** What a new database needs from 2.1: its group and subnet group (a StepError in the check's words otherwise). */
export function databaseNetwork(inv: Inventory, db: DatabaseRoles, step: StepId, ctx: StepContext) {
  const names = namesOf(ctx.layout, ctx.student).database;
  const group = db.dbGroups[0];
  if (!group)
    throw new StepError(
      step,
      reason('dbSg.missing', { name: names.securityGroup, webGroup: webGroupName(inv, db), port: names.port }),
    );
  if (!db.subnetGroup) throw new StepError(step, reason('dbSubnetGroup.missing', { name: names.subnetGroup }));
  return { groupIds: db.dbGroups.map((g) => g.id), subnetGroup: db.subnetGroup };
}

function webGroupName(inv: Inventory, db: DatabaseRoles): string {
  return db.webGroupIds.map((id) => inv.securityGroups.find((g) => g.id === id)?.name ?? id).join(', ');
}

/** The web group the rule admits: the handout's (web-sg, launch-wizard-1) when the web servers have it. */
function webGroupId(inv: Inventory, db: DatabaseRoles, ctx: StepContext): string | undefined {
  const wanted = namesOf(ctx.layout, ctx.student).webSecurityGroup;
  const named = db.webGroupIds.find((id) => inv.securityGroups.find((g) => g.id === id)?.name === wanted);
  return named ?? db.webGroupIds[0];
}

/** db-sg: the group the checks find (adopted), else a new one; MySQL in from the web group, and not from everyone. */
async function ensureDbGroup(run: Run, inv: Inventory, db: DatabaseRoles, vpcId: string, name: string) {
  const port = namesOf(run.ctx.layout, run.ctx.student).database.port;
  let groups: readonly SecurityGroup[] = db.dbGroups;
  if (groups.length > 0) for (const g of groups) run.reuse('securityGroup', g.id);
  else {
    run.progress('progress.createSecurityGroup', { name });
    const made = await ensureSecurityGroup(run.aws, {
      name,
      description: 'MySQL from the web servers only',
      vpcId,
      tags: labTags(run, name),
    });
    if (made.created) run.created.push(made.id);
    else run.reuse('securityGroup', made.id);
    groups = [
      inv.securityGroups.find((g) => g.id === made.id) ?? {
        id: made.id,
        name,
        description: '',
        inbound: [],
        outbound: [],
        tags: {},
        vpcId,
      },
    ];
  }
  const target = groups[0];
  const web = webGroupId(inv, db, run.ctx);
  if (target && web && !admitsWebTier(groups, db.webGroupIds, db.webIps, port)) {
    const webName = inv.securityGroups.find((g) => g.id === web)?.name ?? web;
    run.progress('progress.authorize', { port, source: webName, group: target.name });
    await authorizeIngress(run.aws, target.id, ipPermission('tcp', port, port, { groupId: web }));
  }
  // A database open to the whole internet is what 2.1's check refuses: those rules go (the web group's stays).
  for (const g of groups) {
    for (const r of g.inbound) {
      const open =
        (r.source.kind === 'cidr' && r.source.cidr === '0.0.0.0/0') ||
        (r.source.kind === 'cidr6' && r.source.cidr === '::/0');
      if (!open || !coversTcpPort(r, port) || (r.source.kind !== 'cidr' && r.source.kind !== 'cidr6')) continue;
      const source = r.source.kind === 'cidr' ? { cidr: r.source.cidr } : { cidr6: r.source.cidr };
      run.progress('progress.revoke', { port: r.fromPort ?? port, source: r.source.cidr, group: g.name });
      await revokeIngress(run.aws, g.id, ipPermission(r.protocol, r.fromPort, r.toPort, source));
    }
  }
}

/**
 * Two subnets of different AZs for the database: in the lab's VPC its private ones (4.1's 10.0.2.0/24 and
 * 10.0.3.0/24, else any private ones); elsewhere the VPC's default subnets, AZ a and c first (2.6's reader is in c).
 */
export function databaseSubnets(inv: Inventory, vpcId: string, ctx: StepContext): Subnet[] {
  const region = inv.context.region;
  const inVpc = inv.subnets.filter((s) => s.vpcId === vpcId);
  let candidates: Subnet[];
  if (namesOf(ctx.layout, ctx.student).network === 'labVpc') {
    const layout = TEST_VPC.subnets.filter((e) => e.tier === 'private').map((e) => layoutSubnet(inv, vpcId, e));
    const privates = inVpc.filter((s) => subnetRouting(inv, s).tier === 'private');
    candidates = [...layout.filter((s): s is Subnet => s !== undefined), ...privates];
  } else {
    const defaults = inVpc.filter((s) => s.isDefaultForAz);
    const rank = (az: string) => [`${region}a`, `${region}c`].indexOf(az);
    candidates = (defaults.length > 0 ? defaults : inVpc).sort(
      (a, b) => ((rank(a.az) + 3) % 3) - ((rank(b.az) + 3) % 3) || a.az.localeCompare(b.az),
    );
  }
  const byAz = new Map<string, Subnet>();
  for (const s of candidates) if (!byAz.has(s.az)) byAz.set(s.az, s);
  return [...byAz.values()].slice(0, 2);
}

/** db-subnetgroup: the one the checks find when it is right; fixed when in one AZ or public; else a new one. */
async function ensureSubnetGroup(run: Run, inv: Inventory, db: DatabaseRoles, vpcId: string, name: string) {
  const found = db.subnetGroup;
  const subnets = databaseSubnets(inv, vpcId, run.ctx);
  const right =
    found &&
    found.vpcId === vpcId &&
    found.azs.length >= 2 &&
    (namesOf(run.ctx.layout, run.ctx.student).network !== 'labVpc' ||
      found.subnetIds.every((id) => {
        const s = inv.subnets.find((x) => x.id === id);
        return !s || subnetRouting(inv, s).tier !== 'public';
      }));
  if (found && right) {
    run.reuse('dbSubnetGroup', found.name);
    return;
  }
  if (subnets.length < 2) {
    const vpc = inv.vpcs.find((v) => v.id === vpcId);
    throw new StepError(run.step, reason('run.noDbSubnets', { vpc: vpc ? shownName(vpc) : vpcId }));
  }
  const azs = subnets.map((s) => s.az).join(', ');
  const ids = subnets.map((s) => s.id);
  if (found && found.vpcId === vpcId) {
    run.progress('progress.setDbSubnetGroupSubnets', { name: found.name, azs });
    await setDbSubnetGroupSubnets(run.aws, found.name, ids);
    return;
  }
  run.progress('progress.createDbSubnetGroup', { name, azs });
  const created = await createDbSubnetGroup(run.aws, {
    name,
    description: 'The database and its standby: two Availability Zones',
    subnetIds: ids,
    tags: labTags(run, name),
  });
  if (created) run.created.push(name);
  else {
    // Made by an earlier try whose answer was lost (or by hand just now): made right, as ours would be.
    run.reuse('dbSubnetGroup', name);
    await setDbSubnetGroupSubnets(run.aws, name, ids);
  }
}

/** 2.1. */
export async function runDatabaseNetwork(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('2.1', ctx);
  const names = namesOf(ctx.layout, ctx.student).database;
  const inv = await ctx.inventory();
  const db = databaseRoles(inv, ctx);
  const vpcId = db.vpcId;
  if (!vpcId || db.webGroupIds.length === 0) throw new StepError(run.step, reason('webServer.missing'));
  await ensureDbGroup(run, inv, db, vpcId, opts.securityGroup || names.securityGroup);
  await ensureSubnetGroup(run, inv, db, vpcId, opts.subnetGroup || names.subnetGroup);
  return finishRun(run);
}

/** 2.2: test-rds-1, or the database the checks already find. */
export async function runDatabase(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('2.2', ctx);
  const names = namesOf(ctx.layout, ctx.student).database;
  const inv = await ctx.inventory();
  const db = databaseRoles(inv, ctx);
  let id = db.instance?.id;
  if (id) run.reuse('dbInstance', id);
  else {
    id = (opts.name || names.instance).toLowerCase();
    const network = databaseNetwork(inv, db, run.step, ctx);
    const password = await databasePassword(ctx, run.step);
    const az = opts.az || `${inv.context.region}a`;
    const instanceClass = opts.instanceClass || 'db.t3.micro';
    run.progress('progress.createDatabase', { name: id, engine: 'MySQL 8.0', instanceClass, az });
    const created = await createMySqlInstance(run.aws, {
      id,
      instanceClass,
      storageGiB: 20,
      masterUser: opts.masterUser || names.masterUser,
      password,
      securityGroupIds: network.groupIds,
      subnetGroup: network.subnetGroup.name,
      az,
      dbName: opts.dbName || names.dbName,
      tags: labTags(run, id),
    });
    // Not created: it exists already (an earlier try whose answer was lost): adopted as it is.
    if (created) run.created.push(id);
    else run.reuse('dbInstance', id);
  }
  // A database that is stopped (or otherwise not on its way to available) is not waited for: the check says so.
  if (!db.instance || isTransitional(db.instance.status)) {
    const follow = statusFollower(run, id);
    await waits.dbInstanceAvailable(ctx, run.step, id, follow.seen);
  }
  return finishRun(run);
}

/** The database 2.4 and 2.5 change, available (waited for while it is still being made). */
export function databaseToChange(run: Run, inv: Inventory) {
  const d = databaseRoles(inv, run.ctx).instance;
  if (!d)
    throw new StepError(
      run.step,
      reason('db.missing', { name: namesOf(run.ctx.layout, run.ctx.student).database.instance }),
    );
  return d;
}

/** 2.4: Multi-AZ, applied immediately; done when the standby runs in another AZ. */
export async function runMultiAz(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('2.4', ctx);
  const inv = await ctx.inventory();
  const d = databaseToChange(run, inv);
  const follow = statusFollower(run, d.id);
  const applied = d.multiAz && d.secondaryAz !== undefined && d.secondaryAz !== d.az;
  if (applied && d.status === 'available') {
    run.reuse('dbInstance', d.id);
    return finishRun(run);
  }
  if (!d.multiAz || d.pendingMultiAz) {
    if (d.status !== 'available' && isTransitional(d.status))
      await waits.dbInstanceAvailable(ctx, run.step, d.id, follow.seen);
    run.progress('progress.modifyMultiAz', { name: d.id });
    const now = async () => databaseRoles(await ctx.inventory(), ctx).instance;
    await sendUntilTaken(
      () => makeMultiAz(run.aws, d.id),
      async () => {
        const n = await now();
        return n !== undefined && (n.status === 'modifying' || (n.multiAz && !n.pendingMultiAz));
      },
      async () =>
        new StepError(run.step, reason('db.notAvailable', { name: d.id, status: (await now())?.status ?? '' })),
    );
  }
  await waits.dbInstanceMultiAz(ctx, run.step, d.id, follow.seen);
  return finishRun(run);
}

/** 2.5: a reboot with failover; the outcome's progress says the primary's AZ before and after. */
export async function runFailover(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('2.5', ctx);
  const inv = await ctx.inventory();
  const d = databaseToChange(run, inv);
  if (!d.multiAz) throw new StepError(run.step, reason('multiAz.off', { name: d.id }));
  const follow = statusFollower(run, d.id);
  const before = checkStep('2.5', {
    inventory: inv,
    observations: new Map(),
    ...(ctx.layout ? { layout: ctx.layout } : {}),
  });
  if (before.status === 'passed' && opts.again !== 'yes') {
    run.progress('progress.failoverAlreadyDone', { name: d.id, az: d.az ?? '' });
    return finishRun(run);
  }
  if (d.status !== 'rebooting') {
    // 2.4 still applying: the standby must be there before it can take over.
    if (d.status !== 'available') await waits.dbInstanceMultiAz(ctx, run.step, d.id, follow.seen);
  }
  const fresh = d.status === 'available' ? d : (databaseRoles(await ctx.inventory(), ctx).instance ?? d);
  const fromAz = fresh.az ?? '';
  if (fresh.status !== 'rebooting') {
    run.progress('progress.rebootFailover', { name: d.id, az: fromAz });
    ctx.onFailover?.('started', { name: d.id, az: fromAz });
    const now = async () => databaseRoles(await ctx.inventory(), ctx).instance;
    await sendUntilTaken(
      () => rebootDbInstance(run.aws, d.id, true),
      async () => {
        const n = await now();
        return n?.status === 'rebooting' || (n?.status === 'available' && n.az !== fromAz);
      },
      async () =>
        new StepError(run.step, reason('db.notAvailable', { name: d.id, status: (await now())?.status ?? '' })),
    );
  }
  await waits.dbInstanceFailedOver(ctx, run.step, d.id, fromAz, follow.seen);
  const toAz = follow.latest()?.AvailabilityZone ?? '';
  run.progress('progress.failedOver', { name: d.id, from: fromAz, to: toAz });
  ctx.onFailover?.('done', { name: d.id, from: fromAz, to: toAz });
  return finishRun(run);
}
