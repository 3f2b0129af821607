// Track 4's checks: 4.1 the VPC (subnets over two AZs, an internet gateway attached) and 4.2 what makes a subnet
// public — a route to an attached internet gateway in the table it uses, whatever its name says. Console-made
// networks pass as ours do: the VPC is found by name, tag or shape (network.ts), subnets by their routes.
import type { Subnet } from '../../aws/types';
import { fix, reason } from '../codes';
import {
  attachedGateway,
  detachedGatewayFor,
  findLabVpc,
  namedTier,
  shownName,
  subnetRouting,
  subnetsOf,
  TEST_VPC,
  type Routing,
} from '../network';
import type { CheckInput, CheckResult, Reason } from '../types';
import { resultOf, waiting, type Problem } from './kit';

export function checkVpc({ inventory: inv }: CheckInput): CheckResult {
  const vpc = findLabVpc(inv);
  if (!vpc) return resultOf('4.1', [{ reason: reason('vpc.missing', { name: TEST_VPC.name }) }]);
  const name = shownName(vpc);
  const subnets = subnetsOf(inv, vpc.id);
  const problems: Problem[] = [];
  const zones = [...new Set(subnets.map((s) => s.az))];
  if (subnets.length === 0) problems.push({ reason: reason('vpc.noSubnets', { vpc: name }) });
  else if (zones.length < 2) problems.push({ reason: reason('vpc.oneAz', { vpc: name, az: zones[0] }) });
  const gateway = attachedGateway(inv, vpc.id);
  if (!gateway) {
    const detached = detachedGatewayFor(inv);
    problems.push(
      detached
        ? {
            reason: reason('vpc.gatewayDetached', { vpc: name, gateway: shownName(detached) }),
            fixes: [fix('attachGateway', { vpcId: vpc.id, vpc: name, gatewayId: detached.id })],
          }
        : {
            reason: reason('vpc.noGateway', { vpc: name }),
            fixes: [fix('attachGateway', { vpcId: vpc.id, vpc: name })],
          },
    );
  }
  const nats = inv.natGateways.filter((n) => n.vpcId === vpc.id && n.state !== 'deleting');
  const notes: Reason[] = nats.map((n) => reason('note.natGateway', { vpc: name, nat: shownName(n) }));
  return resultOf(
    '4.1',
    problems,
    { vpc: vpc.id, name, cidr: vpc.cidr, subnets: subnets.length, zones: zones.join(', '), gateway: gateway?.id },
    notes,
  );
}

/** Why a subnet meant to be public is not, with the fix that routes it through the attached gateway. */
function notPublic(subnet: Subnet, routing: Extract<Routing, { tier: 'private' }>): Problem {
  const args = { subnet: shownName(subnet), table: routing.table ? shownName(routing.table) : '' };
  const fixes = [fix('routeToInternet', { subnetId: subnet.id, subnet: shownName(subnet) })];
  switch (routing.why) {
    case 'blackhole':
      return { reason: reason('subnet.blackhole', { ...args, gateway: routing.targetId }), fixes };
    case 'nat':
      return { reason: reason('subnet.natOnly', { ...args, nat: routing.targetId }), fixes };
    default:
      return {
        reason: reason(subnet.usesMainRouteTable ? 'subnet.mainTableNoRoute' : 'subnet.noInternetRoute', args),
        fixes,
      };
  }
}

export function checkSubnets({ inventory: inv }: CheckInput): CheckResult {
  const vpc = findLabVpc(inv);
  if (!vpc) return waiting('4.2', '4.1', reason('vpc.missing', { name: TEST_VPC.name }));
  const name = shownName(vpc);
  const gateway = attachedGateway(inv, vpc.id);
  if (!gateway) return waiting('4.2', '4.1', reason('vpc.noGateway', { vpc: name }));
  // Each subnet's routing once: the problems, the AZ counts and the facts all read it.
  const routed = subnetsOf(inv, vpc.id).map((subnet) => ({ subnet, routing: subnetRouting(inv, subnet) }));
  const ofTier = (tier: 'public' | 'private') => routed.filter((r) => r.routing.tier === tier).map((r) => r.subnet);
  const problems: Problem[] = [];
  for (const { subnet, routing } of routed) {
    const meant = namedTier(subnet);
    if (meant === 'public' && routing.tier === 'private') problems.push(notPublic(subnet, routing));
    if (meant === 'private' && routing.tier === 'public') {
      problems.push({
        reason: reason('subnet.privateRoutesToInternet', {
          subnet: shownName(subnet),
          table: shownName(routing.table),
          gateway: routing.gatewayId,
        }),
        fixes: [fix('routePrivately', { subnetId: subnet.id, subnet: shownName(subnet) })],
      });
    }
  }
  // Named or not, the layout needs public and private subnets in two AZs each (an ALB needs two; Multi-AZ too).
  const publicSubnets = ofTier('public');
  const privateSubnets = ofTier('private');
  const zonesOf = (list: readonly Subnet[]) => new Set(list.map((s) => s.az));
  const publicZones = [...zonesOf(publicSubnets)];
  const privateZones = [...zonesOf(privateSubnets)];
  if (problems.length === 0 && publicZones.length < 2) {
    problems.push({ reason: reason('subnets.publicZones', { vpc: name, count: publicZones.length }) });
  }
  if (problems.length === 0 && privateZones.length < 2) {
    problems.push({ reason: reason('subnets.privateZones', { vpc: name, count: privateZones.length }) });
  }
  // The wizard leaves auto-assign off; the seed turns it on at launch. Worth knowing, not wrong.
  const notes = publicSubnets
    .filter((s) => !s.mapPublicIpOnLaunch)
    .map((s) => reason('note.noAutoPublicIp', { subnet: shownName(s) }));
  return resultOf(
    '4.2',
    problems,
    {
      public: publicSubnets.map(shownName).join(', '),
      private: privateSubnets.map(shownName).join(', '),
      gateway: gateway.id,
    },
    notes,
  );
}
