// 4.4 (seed 002's "what I left undone"): the web servers in the private subnets, only the load balancer public.
// Passes when the lab VPC's internet-facing load balancer sits in public subnets, sends to healthy targets in
// private subnets of two AZs that have no public address, and answers. Servers still in public subnets are noted,
// not failed: tracks 1's checks keep judging them until the student retires them.
import type { Instance, Inventory } from '../../aws/types';
import { fix, reason } from '../codes';
import { findLabVpc, labVpcLoadBalancer, shownName, subnetRouting, TEST_VPC } from '../network';
import { targetGroupsOf, type LabRoles } from '../roles';
import type { CheckInput, CheckResult, Reason } from '../types';
import { frontProblems } from './front';
import { answered, loadBalancerSamples, resultOf, waiting, type Problem } from './kit';

const tierOf = (inv: Inventory, i: Instance) => {
  const subnet = inv.subnets.find((s) => s.id === i.subnetId);
  return subnet ? subnetRouting(inv, subnet).tier : undefined;
};

/** Why a server in a private subnet still has a public address (it only bills: nothing routes to it). */
function publicAddressProblem(inv: Inventory, i: Instance): Problem | undefined {
  const eip = inv.elasticIps.find((e) => e.instanceId === i.id);
  if (eip) {
    return {
      reason: reason('privateTier.elasticIp', { name: shownName(i), publicIp: eip.publicIp }),
      fixes: [
        fix('releaseAddress', {
          allocationId: eip.allocationId,
          associationId: eip.associationId,
          publicIp: eip.publicIp,
          name: shownName(i),
        }),
      ],
    };
  }
  if (i.publicIp) return { reason: reason('privateTier.publicIp', { name: shownName(i), publicIp: i.publicIp }) };
  return undefined;
}

export function checkPrivateTier(input: CheckInput, roles: LabRoles): CheckResult {
  const inv = input.inventory;
  const vpc = findLabVpc(inv);
  if (!vpc) return waiting('4.4', '4.1', reason('vpc.missing', { name: TEST_VPC.name }));
  const lb = labVpcLoadBalancer(inv, vpc.id, roles.loadBalancer);
  if (!lb) return waiting('4.4', '1.6', reason('privateTier.noLoadBalancer', { vpc: shownName(vpc) }));
  const problems: Problem[] = [];
  if (lb.scheme !== 'internet-facing') problems.push({ reason: reason('alb.internal', { name: lb.name }) });
  problems.push(...frontProblems(inv, lb));
  const targets = targetGroupsOf(inv, lb).flatMap((tg) => tg.targets.map((t) => ({ tg, t })));
  const byId = new Map(inv.instances.map((i) => [i.id, i]));
  const privateTargets = targets.filter(({ t }) => {
    const i = byId.get(t.id);
    return i !== undefined && tierOf(inv, i) === 'private';
  });
  const tgName = targets[0]?.tg.name ?? '';
  if (privateTargets.length === 0) {
    problems.push({ reason: reason('privateTier.noPrivateTargets', { name: lb.name, targetGroup: tgName }) });
  }
  for (const { tg, t } of privateTargets) {
    const i = byId.get(t.id);
    if (!i) continue;
    const address = publicAddressProblem(inv, i);
    if (address) problems.push(address);
    if (t.state !== 'healthy') {
      problems.push({
        reason: reason('privateTier.targetNotHealthy', { name: shownName(i), targetGroup: tg.name, state: t.state }),
      });
    }
  }
  const zones = new Set(privateTargets.filter(({ t }) => t.state === 'healthy').map(({ t }) => byId.get(t.id)?.az));
  if (privateTargets.length > 0 && problems.length === 0 && zones.size < 2) {
    problems.push({ reason: reason('privateTier.oneAz', { name: lb.name, az: [...zones].join(', ') }) });
  }
  if (problems.length === 0) {
    const samples = loadBalancerSamples(input, { ...roles, loadBalancer: lb });
    if (samples.length === 0) {
      problems.push({ reason: reason('observation.missing', { host: lb.dnsName, path: '/' }) });
    } else if (!samples.some(answered)) {
      const error = samples[0]?.error ?? String(samples[0]?.status ?? 'unknown');
      problems.push({ reason: reason('privateTier.noAnswer', { name: lb.name, error }) });
    }
  }
  // Public servers still registered keep serving the site: worth retiring, not wrong.
  const notes: Reason[] = targets
    .map(({ t }) => byId.get(t.id))
    .filter((i): i is Instance => i !== undefined && tierOf(inv, i) === 'public')
    .map((i) => reason('note.publicTargetRemains', { name: shownName(i), targetGroup: tgName }));
  return resultOf(
    '4.4',
    problems,
    {
      loadBalancer: lb.name,
      privateTargets: privateTargets.map(({ t }) => shownName(byId.get(t.id) ?? { id: t.id })).join(', '),
    },
    notes,
  );
}
