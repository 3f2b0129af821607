// One-click fixes: what a check's Fix code means as AWS calls. Each is safe to repeat.
import {
  associateAddress,
  authorizeIngress,
  ensureSecurityGroup,
  ipPermission,
  revokeIngress,
  startInstance,
  type IngressSource,
} from '../../aws/actions/ec2';
import {
  deregisterTargets,
  ensureForwardListener,
  loadBalancerByArn,
  registerTargets,
  setHealthCheckPath,
  setSecurityGroups,
  setSubnets,
  subnetIdsOf,
} from '../../aws/actions/elb';
import { reason, type FixCode } from '../codes';
import { cloneMissing, findRoles } from '../roles';
import { ensureElasticIp } from './server';
import { ensureGateway, routePrivately, routeToInternet } from './network';
import { releaseAddress } from '../../aws/actions/cleanupActions';
import { applyClassicFix } from './classicFixes';
import { labTags, startRun, type Run } from './kit';
import { StepError, type Fix, type StepContext } from '../types';
import { waits } from './waits';

const str = (fix: Fix, key: string): string => {
  const v = fix.args[key];
  return v === undefined ? '' : String(v);
};
const num = (fix: Fix, key: string): number | undefined => {
  const v = fix.args[key];
  return v === undefined || v === '' ? undefined : Number(v);
};

/** The source a rule names: a group, an IPv4 or IPv6 CIDR, or a prefix list. */
function sourceOf(fix: Fix): IngressSource {
  if (fix.args.sourceGroupId) return { groupId: str(fix, 'sourceGroupId') };
  const s = str(fix, 'source') || str(fix, 'cidr');
  if (s.startsWith('pl-')) return { prefixListId: s };
  return s.includes(':') ? { cidr6: s } : { cidr: s };
}

export async function applyFix(fix: Fix, ctx: StepContext): Promise<void> {
  // Fixes belong to the check that offered them; 1.7's is the home of most, and the run's progress says which.
  await applyFixIn(startRun('1.7', ctx), fix);
}

/** A fix within a step's run (1.7 and 1.9 apply the fixes their checks name). */
export async function applyFixIn(run: Run, fix: Fix): Promise<void> {
  const ctx = run.ctx;
  run.progress('progress.applyFix', { fix: fix.code, ...fix.args });
  const aws = run.aws;
  if (await applyClassicFix(run, fix)) return;
  switch (fix.code as FixCode) {
    case 'authorizeIngress': {
      const port = num(fix, 'port') ?? 80;
      await authorizeIngress(
        aws,
        str(fix, 'groupId'),
        ipPermission(str(fix, 'protocol') || 'tcp', port, port, sourceOf(fix)),
      );
      return;
    }
    case 'revokeIngress':
      await revokeIngress(
        aws,
        str(fix, 'groupId'),
        ipPermission(str(fix, 'protocol') || 'tcp', num(fix, 'fromPort'), num(fix, 'toPort'), sourceOf(fix)),
      );
      return;
    case 'enableAz': {
      const arn = str(fix, 'loadBalancerArn');
      const lb = await loadBalancerByArn(aws, arn);
      const current = lb ? subnetIdsOf(lb) : [];
      const subnetId = str(fix, 'subnetId');
      if (!subnetId)
        throw new StepError('1.7', reason('run.noSubnetInAz', { az: str(fix, 'az'), vpcId: lb?.VpcId ?? '' }));
      if (!current.includes(subnetId)) await setSubnets(aws, arn, [...current, subnetId]);
      return;
    }
    case 'startInstance': {
      const id = str(fix, 'instanceId');
      await startInstance(aws, id);
      run.progress('progress.waitRunning', { name: str(fix, 'name') || id });
      await waits.instanceRunning(ctx, run.step, id);
      return;
    }
    case 'setHealthCheckPath':
      await setHealthCheckPath(aws, str(fix, 'targetGroupArn'), str(fix, 'path') || '/index.html');
      return;
    case 'registerTarget':
      await registerTargets(aws, str(fix, 'targetGroupArn'), [
        { id: str(fix, 'instanceId'), ...(num(fix, 'port') ? { port: num(fix, 'port') } : {}) },
      ]);
      return;
    case 'deregisterTarget':
      await deregisterTargets(aws, str(fix, 'targetGroupArn'), [str(fix, 'instanceId')]);
      return;
    case 'associateAddress': {
      if (fix.args.allocationId) {
        await associateAddress(aws, str(fix, 'allocationId'), str(fix, 'instanceId'));
        return;
      }
      const inv = await ctx.inventory();
      const instance = inv.instances.find((i) => i.id === str(fix, 'instanceId'));
      if (!instance) throw new StepError('1.7', cloneMissing(findRoles(inv, undefined, ctx.layout)));
      const step = findRoles(inv, undefined, ctx.layout).webServer?.id === instance.id ? '0.2' : '1.4';
      await ensureElasticIp({ ...run, step }, inv, instance, step);
      return;
    }
    case 'forwardToTargetGroup':
      await ensureForwardListener(aws, str(fix, 'loadBalancerArn'), num(fix, 'port') ?? 80, str(fix, 'targetGroupArn'));
      return;
    case 'ownLoadBalancerGroup': {
      // 1.9 with the load balancer in the web servers' group: a group of its own, open to the internet; the web
      // group admits it before the switch, so the health checks never stop passing.
      const name = str(fix, 'groupName') || 'alb-sg';
      const port = num(fix, 'port') ?? 80;
      const group = await ensureSecurityGroup(aws, {
        name,
        description: 'HTTP from anywhere to the load balancer',
        vpcId: str(fix, 'vpcId'),
        tags: labTags({ step: '1.9', ctx }, name),
      });
      if (group.created) run.created.push(group.id);
      await authorizeIngress(aws, group.id, ipPermission('tcp', 80, 80, { cidr: '0.0.0.0/0' }));
      await authorizeIngress(aws, str(fix, 'webGroupId'), ipPermission('tcp', port, port, { groupId: group.id }));
      await setSecurityGroups(aws, str(fix, 'loadBalancerArn'), [group.id]);
      return;
    }
    case 'attachGateway':
      await ensureGateway(
        run,
        await ctx.inventory(),
        { id: str(fix, 'vpcId'), name: str(fix, 'vpc') || undefined },
        str(fix, 'gatewayId') || undefined,
      );
      return;
    case 'routeToInternet':
      await routeToInternet(run, str(fix, 'subnetId'));
      return;
    case 'routePrivately':
      await routePrivately(run, str(fix, 'subnetId'));
      return;
    case 'releaseAddress':
      // A private server's Elastic IP reaches nothing (no route to the internet gateway) and bills: released.
      run.progress('progress.releaseAddress', { publicIp: str(fix, 'publicIp'), name: str(fix, 'name') });
      await releaseAddress(aws, str(fix, 'allocationId'));
      return;
    case 'moveToSubnet': {
      const arn = str(fix, 'loadBalancerArn');
      const lb = await loadBalancerByArn(aws, arn);
      const current = lb ? subnetIdsOf(lb) : [];
      await setSubnets(aws, arn, [...current.filter((id) => id !== str(fix, 'fromSubnetId')), str(fix, 'toSubnetId')]);
      return;
    }
  }
  throw new StepError('1.7', reason('run.unknownFix', { fix: fix.code }));
}
