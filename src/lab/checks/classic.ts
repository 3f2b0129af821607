// Steps 1.6, 1.7 and 1.10 when the judged load balancer is seed 001's Classic Load Balancer: internet-facing, an
// HTTP:80 listener to port 80, enabled in both servers' AZs, both registered and InService. balancer.ts and
// exercise.ts hand over here when findRoles judged a CLB; 1.8 and 1.9 share their code through asBalancer.
import type { ClassicLoadBalancer, Instance, Inventory } from '../../aws/types';
import { CLASSIC_ARG } from '../classicCodes';
import { fix, reason } from '../codes';
import type { LabRoles } from '../roles';
import { EXERCISE_TAG, isLabTagged, type CheckInput, type CheckResult, type Reason } from '../types';
import {
  asBalancer,
  classicFix,
  diagnoseClassic,
  forClassic,
  httpListenerOf,
  REGISTERING,
  secondsToInService,
} from './classicDiagnosis';
import { enableAzFix } from './diagnosis';
import { frontProblems } from './front';
import { failed, resultOf, type Problem } from './kit';

const nameOf = (i: Instance) => i.name ?? i.id;

/** The front door's causes (groups admitting nobody, private subnets) with fixes aimed at the CLB. */
export function classicFrontProblems(inv: Inventory, clb: ClassicLoadBalancer): Problem[] {
  return frontProblems(inv, asBalancer(inv, clb)).map(forClassic(clb));
}

export function registerFix(clb: ClassicLoadBalancer, instance: Instance) {
  return fix('registerTarget', {
    targetGroup: clb.name,
    instanceId: instance.id,
    name: nameOf(instance),
    loadBalancerName: clb.name,
    [CLASSIC_ARG]: 'yes',
  });
}

function instanceMissing(clb: ClassicLoadBalancer, instance: Instance): Problem {
  return {
    reason: reason('clb.instanceMissing', { name: clb.name, instance: nameOf(instance), id: instance.id }),
    fixes: [registerFix(clb, instance)],
  };
}

/** One line per registered instance not InService, with the diagnosis's fixes (1.6, 1.8's causes, 1.10). */
export function outOfService(input: CheckInput, roles: LabRoles, clb: ClassicLoadBalancer, ids?: readonly string[]) {
  const diagnosis = diagnoseClassic(input, roles, clb);
  const problems: Problem[] = [];
  for (const row of clb.instances) {
    if (row.state === 'InService' || (ids && !ids.includes(row.id))) continue;
    const instance = input.inventory.instances.find((i) => i.id === row.id);
    const args = { name: clb.name, instance: instance ? nameOf(instance) : row.id, id: row.id };
    const fixes = diagnosis.filter((p) => p.reason.args.id === row.id).flatMap((p) => p.fixes ?? []);
    problems.push(
      row.description === REGISTERING && fixes.length === 0
        ? {
            reason: reason('clb.registering', {
              ...args,
              seconds: secondsToInService(clb),
              interval: clb.healthCheck.intervalSeconds,
              threshold: clb.healthCheck.healthyThreshold,
            }),
          }
        : {
            reason: reason('clb.outOfService', {
              ...args,
              state: row.state,
              reasonCode: row.reasonCode ?? '',
              description: row.description ?? '',
            }),
            fixes,
          },
    );
  }
  return problems;
}

/** The other lab-like load balancers of both kinds, naming the CLB the checks judge. */
export function classicNotes(roles: LabRoles): Reason[] {
  const judged = roles.classicLoadBalancer?.name ?? roles.loadBalancer?.name ?? '';
  return [
    ...roles.otherLoadBalancers.map((lb) =>
      reason(isLabTagged(lb.tags) ? 'note.otherLoadBalancer' : 'note.otherLoadBalancerUntagged', {
        name: lb.name,
        dnsName: lb.dnsName,
        judged,
      }),
    ),
    ...roles.otherClassicLoadBalancers.map((c) =>
      reason(isLabTagged(c.tags) ? 'note.otherLoadBalancer' : 'note.otherLoadBalancerUntagged', {
        name: c.name,
        dnsName: c.dnsName,
        judged,
      }),
    ),
  ];
}

export function checkClassicBalancer(
  input: CheckInput,
  roles: LabRoles,
  clb: ClassicLoadBalancer,
  instances: readonly Instance[],
): CheckResult {
  const inv = input.inventory;
  const problems: Problem[] = [];
  if (clb.scheme !== 'internet-facing') problems.push({ reason: reason('clb.internal', { name: clb.name }) });
  const listener = httpListenerOf(clb);
  if (!listener || listener.instancePort !== 80 || listener.instanceProtocol.toUpperCase() !== 'HTTP')
    problems.push({ reason: reason('clb.noHttpListener', { name: clb.name, port: 80 }) });
  const lb = asBalancer(inv, clb);
  for (const instance of instances) {
    if (clb.azs.includes(instance.az)) continue;
    problems.push({
      reason: reason('clb.azNotEnabled', {
        name: clb.name,
        az: instance.az,
        instance: nameOf(instance),
        enabled: clb.azs.join(', '),
      }),
      fixes: [classicFix(clb, enableAzFix(inv, lb, instance))],
    });
  }
  if (new Set(clb.azs).size < 2 && !problems.some((p) => p.reason.code === 'clb.azNotEnabled'))
    problems.push({ reason: reason('clb.oneAz', { name: clb.name, enabled: clb.azs.join(', ') }) });
  problems.push(...classicFrontProblems(inv, clb));
  for (const instance of instances)
    if (!clb.instances.some((r) => r.id === instance.id)) problems.push(instanceMissing(clb, instance));
  problems.push(...outOfService(input, roles, clb));
  return resultOf(
    '1.6',
    problems,
    {
      name: clb.name,
      dnsName: clb.dnsName,
      kind: 'classic',
      healthCheck: clb.healthCheck.target,
      azs: clb.azs.join(', '),
    },
    classicNotes(roles),
  );
}

export function checkClassicDiagnosis(input: CheckInput, roles: LabRoles, clb: ClassicLoadBalancer): CheckResult {
  if (clb.instances.length === 0) return failed('1.7', [{ reason: reason('clb.noInstances', { name: clb.name }) }]);
  const problems = [...diagnoseClassic(input, roles, clb), ...classicFrontProblems(input.inventory, clb)];
  return resultOf('1.7', problems, { name: clb.name, kind: 'classic', inService: clb.instances.length });
}

/** Why the CLB answers nobody (1.8, 1.9): its front door, no listener, nothing InService. */
export function classicSilenceCauses(input: CheckInput, roles: LabRoles, clb: ClassicLoadBalancer): Problem[] {
  const causes = classicFrontProblems(input.inventory, clb);
  if (!httpListenerOf(clb)) causes.push({ reason: reason('clb.noHttpListener', { name: clb.name, port: 80 }) });
  if (clb.instances.length === 0) causes.push({ reason: reason('clb.noInstances', { name: clb.name }) });
  else if (!clb.instances.some((r) => r.state === 'InService')) causes.push(...outOfService(input, roles, clb));
  return causes;
}

/** Why one of the servers gets nothing through the CLB (1.8 saw one page only). */
export function classicNoTraffic(
  input: CheckInput,
  roles: LabRoles,
  clb: ClassicLoadBalancer,
  instance: Instance,
): Problem[] {
  const row = clb.instances.find((r) => r.id === instance.id);
  if (!row) return [instanceMissing(clb, instance)];
  return outOfService(input, roles, clb, [instance.id]);
}

/** 1.10's account side with a CLB: both servers registered and InService, the exercise recorded or seen. */
export function classicAvailabilityProblems(
  input: CheckInput,
  roles: LabRoles,
  clb: ClassicLoadBalancer,
  instances: readonly Instance[],
  restarted: (i: Instance) => boolean,
): { problems: Problem[]; record: string } {
  const problems: Problem[] = [];
  for (const instance of instances)
    if (!clb.instances.some((r) => r.id === instance.id)) problems.push(instanceMissing(clb, instance));
  problems.push(
    ...outOfService(
      input,
      roles,
      clb,
      instances.map((i) => i.id),
    ),
  );
  const record = clb.tags[EXERCISE_TAG];
  const members = input.inventory.instances.filter((i) => clb.instances.some((r) => r.id === i.id));
  if (record?.startsWith('failed')) problems.push({ reason: reason('exercise.failed', { name: clb.name }) });
  else if (!record?.startsWith('passed') && !members.some(restarted))
    problems.push({ reason: reason('exercise.notRun', { name: clb.name }) });
  return { problems, record: record ?? 'restarted' };
}
