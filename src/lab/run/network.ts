// Track 4's doing: 4.1 builds Test-VPC as the console's "VPC and more" does (subnets per AZ, an internet gateway,
// a public route table, a private one per AZ, a NAT gateway only when asked), adopting whatever part exists — a
// console-made VPC, a subnet with the layout's CIDR, a detached gateway — so a rerun or a half-done console build is
// finished, never doubled. The fixes of 4.1/4.2 route a subnet publicly or privately through the right table.
import { namesOf } from '../layout';
import type { Inventory, Subnet, Vpc } from '../../aws/types';
import {
  attachInternetGateway,
  createInternetGateway,
  createNatGateway,
  createRouteTable,
  createSubnet,
  createVpc,
  enableDnsHostnames,
  routeDefaultTo,
  setAutoAssignPublicIp,
  useRouteTable,
} from '../../aws/actions/vpc';
import { reason } from '../codes';
import {
  attachedGateway,
  detachedGatewayFor,
  findLabVpc,
  namedTier,
  layoutSubnet,
  publicTable,
  shownName,
  subnetsOf,
  tableOf,
  tableRouting,
  TEST_VPC,
  type Tier,
} from '../network';
import { cidrContains, cidrsOverlap } from '../cidr';
import { clientToken, finishRun, labTags, startRun, type Run } from './kit';
import { StepError, type StepContext, type StepOptions, type StepOutcome } from '../types';
import { waits } from './waits';

/** The VPC: the lab's as the checks find it, else a new one (DNS hostnames on, as the wizard sets them). */
async function ensureVpc(run: Run, inv: Inventory, name: string, cidr: string): Promise<Vpc> {
  const found = findLabVpc(inv);
  if (found) {
    run.reuse('vpc', found.id);
    return found;
  }
  run.progress('progress.createVpc', { name, cidr });
  const tags = labTags(run, name);
  const id = await createVpc(run.aws, cidr, tags);
  run.created.push(id);
  await enableDnsHostnames(run.aws, id);
  // As the next read would show it: nothing in it yet, so the subnets need no second look at the account.
  return { id, name, cidr, isDefault: false, state: 'available', tags };
}

/** The gateway attached to the VPC; else the detached one the checks accept for it, attached; else a new one. */
export async function ensureGateway(
  run: Run,
  inv: Inventory,
  vpc: { readonly id: string; readonly name?: string },
  gatewayId?: string,
): Promise<string> {
  const vpcId = vpc.id;
  const attached = attachedGateway(inv, vpcId);
  if (attached) {
    run.reuse('internet gateway', attached.id);
    return attached.id;
  }
  const vpcName = shownName(vpc);
  const loose = inv.internetGateways.find((g) => !g.vpcId && g.id === gatewayId) ?? detachedGatewayFor(inv);
  let id = loose?.id;
  if (id) run.reuse('internet gateway', id);
  else {
    const name = `${vpcName}-igw`;
    run.progress('progress.createGateway', { name });
    id = await createInternetGateway(run.aws, labTags(run, name));
    run.created.push(id);
  }
  run.progress('progress.attachGateway', { gateway: id, vpc: vpcName });
  await attachInternetGateway(run.aws, id, vpcId);
  return id;
}

/** The layout's subnets: found by CIDR (or name), else created; a CIDR another subnet overlaps stops the run. */
async function ensureSubnets(
  run: Run,
  inv: Inventory,
  vpc: Vpc,
  zones: readonly string[],
): Promise<Map<Tier, Subnet[]>> {
  const byTier = new Map<Tier, Subnet[]>([
    ['public', []],
    ['private', []],
  ]);
  // The four subnets do not depend on one another: made together.
  const made = await Promise.all(
    TEST_VPC.subnets.map(async (entry) => {
      const az = zones[entry.zone] ?? '';
      const found = layoutSubnet(inv, vpc.id, entry);
      if (found) {
        run.reuse('subnet', found.id);
        return { entry, subnet: found };
      }
      if (!cidrContains(vpc.cidr, entry.cidr)) {
        throw new StepError(
          '4.1',
          reason('run.cidrOutsideVpc', { cidr: entry.cidr, vpc: shownName(vpc), vpcCidr: vpc.cidr }),
        );
      }
      const clash = subnetsOf(inv, vpc.id).find((s) => cidrsOverlap(s.cidr, entry.cidr));
      if (clash)
        throw new StepError(
          '4.1',
          reason('run.cidrTaken', { cidr: entry.cidr, subnet: shownName(clash), subnetCidr: clash.cidr }),
        );
      run.progress('progress.createSubnet', { name: entry.name, cidr: entry.cidr, az });
      const id = await createSubnet(run.aws, { vpcId: vpc.id, cidr: entry.cidr, az, tags: labTags(run, entry.name) });
      run.created.push(id);
      const subnet: Subnet = {
        id,
        name: entry.name,
        vpcId: vpc.id,
        az,
        cidr: entry.cidr,
        isPublic: false,
        mapPublicIpOnLaunch: false,
        availableIpCount: 0,
        isDefaultForAz: false,
        usesMainRouteTable: true,
        tags: {},
      };
      return { entry, subnet };
    }),
  );
  for (const { entry, subnet } of made) {
    byTier.get(entry.tier)?.push(subnet);
  }
  return byTier;
}

/** A table of the VPC routing to the gateway (the public one), made when there is none. */
async function ensurePublicTable(run: Run, inv: Inventory, vpc: Vpc, gatewayId: string): Promise<string> {
  const found = publicTable(inv, vpc.id);
  if (found) {
    run.reuse('route table', found.id);
    return found.id;
  }
  const name = `${shownName(vpc)}-rtb-public`;
  run.progress('progress.createRouteTable', { name });
  const id = await createRouteTable(run.aws, vpc.id, labTags(run, name));
  run.created.push(id);
  run.progress('progress.createRoute', { table: name, target: gatewayId });
  await routeDefaultTo(run.aws, id, { gatewayId });
  return id;
}

/** A private subnet's own table (no route to the gateway): kept when it has one, else one per AZ as the wizard does. */
async function ensurePrivateTable(run: Run, inv: Inventory, vpc: Vpc, subnet: Subnet, index: number): Promise<string> {
  const current = tableOf(inv, subnet);
  if (current && !current.isMain && tableRouting(inv, current).tier === 'private') return current.id;
  const name = `${shownName(vpc)}-rtb-private${index + 1}-${subnet.az}`;
  const existing = inv.routeTables.find((t) => t.vpcId === vpc.id && t.name === name);
  if (existing && tableRouting(inv, existing).tier === 'private') return existing.id;
  run.progress('progress.createRouteTable', { name });
  const id = await createRouteTable(run.aws, vpc.id, labTags(run, name));
  run.created.push(id);
  return id;
}

async function associate(run: Run, subnet: Subnet, tableId: string): Promise<void> {
  if (subnet.routeTableId === tableId && !subnet.usesMainRouteTable) return;
  run.progress('progress.associateRouteTable', { subnet: shownName(subnet), table: tableId });
  await useRouteTable(run.aws, subnet.id, tableId);
}

/** One NAT gateway in the first public subnet, the private tables routing 0.0.0.0/0 through it (billed hourly). */
async function ensureNatGateway(run: Run, inv: Inventory, vpc: Vpc, publicSubnet: Subnet, privateTables: string[]) {
  const nat = inv.natGateways.find((n) => n.vpcId === vpc.id && (n.state === 'available' || n.state === 'pending'));
  let natId = nat?.id;
  if (natId) run.reuse('NAT gateway', natId);
  else {
    const name = `${shownName(vpc)}-nat-public1-${publicSubnet.az}`;
    run.progress('progress.createNatGateway', { name, subnet: shownName(publicSubnet) });
    const made = await createNatGateway(run.aws, {
      subnetId: publicSubnet.id,
      tags: labTags(run, name),
      clientToken: clientToken('4.1', [vpc.id, publicSubnet.id, 'nat']),
    });
    natId = made.natGatewayId;
    run.created.push(made.allocationId, natId);
  }
  run.progress('progress.waitNatGateway', { id: natId });
  await waits.natGatewayAvailable(run.ctx, '4.1', natId);
  for (const table of privateTables) await routeDefaultTo(run.aws, table, { natGatewayId: natId });
}

export async function runVpc(ctx: StepContext, opts: StepOptions): Promise<StepOutcome> {
  const run = startRun('4.1', ctx);
  let inv = await ctx.inventory();
  const zones = [opts.az1 ?? '', opts.az2 ?? ''];
  if (!zones[0] || !zones[1] || zones[0] === zones[1]) {
    throw new StepError('4.1', reason('run.noTwoZones', { region: inv.context.region }));
  }
  const vpc = await ensureVpc(
    run,
    inv,
    opts.name || namesOf(run.ctx.layout, run.ctx.student).vpc,
    opts.cidr || TEST_VPC.cidr,
  );
  // The subnets and the gateway do not depend on one another.
  const [tiers, gatewayId] = await Promise.all([ensureSubnets(run, inv, vpc, zones), ensureGateway(run, inv, vpc)]);
  // The subnets and the gateway just made: the tables and associations decide from a fresh read.
  inv = await ctx.inventory();
  const fresh = (s: Subnet) => inv.subnets.find((x) => x.id === s.id) ?? s;
  const [publicTableId, privateTables] = await Promise.all([
    ensurePublicTable(run, inv, vpc, gatewayId),
    Promise.all(
      (tiers.get('private') ?? []).map(fresh).map(async (subnet, index) => {
        const table = await ensurePrivateTable(run, inv, vpc, subnet, index);
        await associate(run, subnet, table);
        return table;
      }),
    ),
  ]);
  await Promise.all(
    (tiers.get('public') ?? []).map(fresh).map(async (subnet) => {
      await associate(run, subnet, publicTableId);
      if (!subnet.mapPublicIpOnLaunch) {
        run.progress('progress.autoAssignIp', { subnet: shownName(subnet) });
        await setAutoAssignPublicIp(run.aws, subnet.id, true);
      }
    }),
  );
  const firstPublic = tiers.get('public')?.[0];
  if (opts.nat === 'one' && firstPublic) await ensureNatGateway(run, inv, vpc, fresh(firstPublic), privateTables);
  return finishRun(run);
}

/** 4.2's fix: the subnet uses the VPC's public table (made if missing; a blackholed default route is replaced). */
export async function routeToInternet(run: Run, subnetId: string): Promise<void> {
  const inv = await run.ctx.inventory();
  const subnet = inv.subnets.find((s) => s.id === subnetId);
  if (!subnet) throw new StepError('4.2', reason('run.nothingToFix', { id: subnetId }));
  const vpc = inv.vpcs.find((v) => v.id === subnet.vpcId);
  if (!vpc) throw new StepError('4.2', reason('vpc.missing', { name: TEST_VPC.name }));
  const gatewayId = await ensureGateway(run, inv, vpc);
  const own = tableOf(inv, subnet);
  // Its own table, used by no subnet meant to be private, may simply get the route (a blackhole replaced).
  const sharedWithPrivate =
    !own ||
    own.isMain ||
    inv.subnets.some((s) => s.id !== subnet.id && s.routeTableId === own.id && namedTier(s) !== 'public');
  if (own && !sharedWithPrivate) {
    run.progress('progress.createRoute', { table: shownName(own), target: gatewayId });
    await routeDefaultTo(run.aws, own.id, { gatewayId });
    return;
  }
  const fresh = await run.ctx.inventory();
  const tableId = await ensurePublicTable(run, fresh, vpc, gatewayId);
  await associate(run, subnet, tableId);
}

/** 4.2's fix for a subnet meant to be private that routes to the gateway: a table of its own without that route. */
export async function routePrivately(run: Run, subnetId: string): Promise<void> {
  const inv = await run.ctx.inventory();
  const subnet = inv.subnets.find((s) => s.id === subnetId);
  const vpc = subnet && inv.vpcs.find((v) => v.id === subnet.vpcId);
  if (!subnet || !vpc) throw new StepError('4.2', reason('run.nothingToFix', { id: subnetId }));
  const index = subnetsOf(inv, vpc.id)
    .filter((s) => !s.isPublic || s.id === subnet.id)
    .findIndex((s) => s.id === subnet.id);
  const table = await ensurePrivateTable(run, inv, vpc, subnet, Math.max(index, 0));
  await associate(run, subnet, table);
}
