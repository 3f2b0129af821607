// 1.10 (seed 004): stop one server, the load balancer keeps answering, start it again. Passed on our runner's
// record (a tag on the load balancer) or on the account's own evidence of a stop and start done by hand.
import type { Instance, Inventory } from '../../aws/types';
import { resultOf, waiting, type Problem } from './kit';
import { balancerMissing, bothInstances, nameOf, targetMissing } from './balancer';
import { classicAvailabilityProblems } from './classic';
import { fix, reason } from '../codes';
import type { LabRoles } from '../roles';
import { EXERCISE_TAG, type CheckInput, type CheckResult } from '../types';

/**
 * AWS's own evidence of a stop and start behind the load balancer: the instance's LaunchTime (which every start
 * moves) is after the load balancer's creation, while its root volume (attached at the first launch, kept across
 * stops) says the instance is older than that start. When the attach time is not listed, the volume's creation.
 */
function restartedBehind(inv: Inventory, instance: Instance, lbCreated: string | undefined): boolean {
  const launch = Date.parse(instance.launchTime ?? '');
  const volume = inv.volumes.find((v) => v.id === instance.rootVolume?.volumeId);
  const born = Date.parse(instance.rootVolume?.attachTime ?? volume?.createTime ?? '');
  const created = Date.parse(lbCreated ?? '');
  return (
    Number.isFinite(launch) &&
    Number.isFinite(born) &&
    Number.isFinite(created) &&
    launch - born > 60_000 &&
    launch > created
  );
}

export function checkAvailability(input: CheckInput, roles: LabRoles): CheckResult {
  const both = bothInstances('1.10', roles);
  if ('wait' in both) return both.wait;
  const clb = roles.classicLoadBalancer;
  if (clb) {
    const restarted = (i: Instance) => restartedBehind(input.inventory, i, clb.createdTime);
    const { problems, record } = classicAvailabilityProblems(input, roles, clb, both.instances, restarted);
    return resultOf('1.10', problems, { name: clb.name, record });
  }
  const lb = roles.loadBalancer;
  const tg = roles.targetGroup;
  if (!lb || !tg)
    return waiting(
      '1.10',
      '1.6',
      lb ? reason('targetGroup.missing', { name: lb.name }) : balancerMissing(input, roles),
    );
  const problems: Problem[] = [];
  for (const instance of both.instances) {
    const target = tg.targets.find((t) => t.id === instance.id);
    if (!target) problems.push(targetMissing(tg, instance));
    else if (target.state !== 'healthy') {
      problems.push({
        reason: reason('target.notHealthy', {
          targetGroup: tg.name,
          instance: nameOf(instance),
          id: instance.id,
          state: target.state,
          reason: target.reason ?? '',
        }),
        fixes:
          instance.state === 'stopped'
            ? [fix('startInstance', { instanceId: instance.id, name: nameOf(instance) })]
            : [],
      });
    }
  }
  const record = lb.tags[EXERCISE_TAG];
  // Any instance of the target group restarted counts (seed 004 stops whichever server it likes).
  const members = input.inventory.instances.filter((i) => tg.targets.some((t) => t.id === i.id));
  if (record?.startsWith('failed')) problems.push({ reason: reason('exercise.failed', { name: lb.name }) });
  else if (!record?.startsWith('passed') && !members.some((i) => restartedBehind(input.inventory, i, lb.createdTime))) {
    problems.push({ reason: reason('exercise.notRun', { name: lb.name }) });
  }
  return resultOf('1.10', problems, { name: lb.name, record: record ?? 'restarted' });
}
