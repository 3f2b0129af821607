// Checks of the load-balancer half of track 1: 1.6 (ALB, listener, target group, healthy targets), 1.7
// (diagnosis), 1.8 (both pages through the ALB), 1.9 (web servers reachable only through it), 1.10 (availability).
import type { Instance, Inventory } from '../../aws/types';
import { answered, failed, loadBalancerSamples, passed, resultOf, waiting, type Problem } from './kit';
import {
  checkClassicBalancer,
  checkClassicDiagnosis,
  classicNoTraffic,
  classicSilenceCauses,
  classicNotes,
} from './classic';
import { asBalancer, classicInstancePort, forClassic } from './classicDiagnosis';
import { frontProblems, silenceCauses } from './front';
import { fix, reason } from '../codes';
import { admitLoadBalancerFix, diagnoseTargets, enableAzFix, secondsToHealthy } from './diagnosis';
import { cloneMissing, instanceHost, type LabRoles } from '../roles';
import { addressRules, admitsLoadBalancer, groupsOf, knowsGroups, withoutRules } from './securityRules';
import { webServerMissing } from './server';
import { namesOf } from '../layout';
import { isLabTagged, type CheckInput, type CheckResult, type Reason, type StepId } from '../types';

/** WebServer and its clone, or the step's waiting result when one is missing. */
export function bothInstances(step: StepId, roles: LabRoles): { instances: Instance[] } | { wait: CheckResult } {
  if (!roles.webServer) return { wait: waiting(step, '0.1', webServerMissing()) };
  if (!roles.clone) return { wait: waiting(step, '1.3', cloneMissing(roles)) };
  return { instances: [roles.webServer, roles.clone] };
}

export const nameOf = (i: Instance) => i.name ?? i.id;

/** No load balancer yet: the ALB, or under seed 001's layout the Classic Load Balancer holding both servers. */
export function balancerMissing(input: CheckInput, roles: LabRoles): Reason {
  const names = namesOf(input.layout, input.inventory.student);
  if (names.balancer !== 'classic') return reason('alb.missing');
  return reason('clb.missing', {
    webServer: roles.webServer ? nameOf(roles.webServer) : names.webServer,
    clone: roles.clone ? nameOf(roles.clone) : names.clone,
  });
}

/** The group 1.9's fix gives a load balancer that shares the web servers' group (seeds 003/004 name theirs so). */
const NEW_ALB_GROUP = 'alb-sg';
const NEW_CLB_GROUP = 'elb-sg';

export function checkLoadBalancer(input: CheckInput, roles: LabRoles): CheckResult {
  const both = bothInstances('1.6', roles);
  if ('wait' in both) return both.wait;
  const inv = input.inventory;
  if (roles.classicLoadBalancer) return checkClassicBalancer(input, roles, roles.classicLoadBalancer, both.instances);
  const lb = roles.loadBalancer;
  if (!lb) return failed('1.6', [{ reason: balancerMissing(input, roles) }]);
  if (lb.state === 'provisioning') return failed('1.6', [{ reason: reason('alb.provisioning', { name: lb.name }) }]);
  if (lb.state === 'failed')
    return failed('1.6', [
      { reason: reason('alb.failed', { name: lb.name, state: lb.state, reason: lb.stateReason ?? '' }) },
    ]);
  const problems: Problem[] = [];
  if (lb.scheme !== 'internet-facing') problems.push({ reason: reason('alb.internal', { name: lb.name }) });
  for (const instance of both.instances) {
    if (!lb.zones.some((z) => z.az === instance.az)) {
      problems.push({
        reason: reason('alb.azNotEnabled', {
          name: lb.name,
          az: instance.az,
          instance: nameOf(instance),
          enabled: lb.zones.map((z) => z.az).join(', '),
        }),
        fixes: [enableAzFix(inv, lb, instance)],
      });
    }
  }
  problems.push(...frontProblems(inv, lb));
  const tg = roles.targetGroup;
  const listener = roles.listener;
  if (!listener) {
    problems.push({
      reason: reason('alb.noListener', { name: lb.name, port: 80 }),
      fixes: tg
        ? [
            fix('forwardToTargetGroup', {
              loadBalancerArn: lb.arn,
              name: lb.name,
              targetGroupArn: tg.arn,
              targetGroup: tg.name,
              port: 80,
            }),
          ]
        : [],
    });
  } else if (!tg || !listener.forwardTo.includes(tg.arn)) {
    problems.push({
      reason: reason('alb.listenerNotForwarding', { name: lb.name, port: listener.port, targetGroup: tg?.name ?? '' }),
      fixes: tg
        ? [
            fix('forwardToTargetGroup', {
              loadBalancerArn: lb.arn,
              name: lb.name,
              targetGroupArn: tg.arn,
              targetGroup: tg.name,
              port: listener.port,
            }),
          ]
        : [],
    });
  }
  const notes = [...otherLabLike(roles), ...classicNotes({ ...roles, otherLoadBalancers: [] })];
  if (!tg) {
    problems.push({ reason: reason('targetGroup.missing', { name: lb.name }) });
    return resultOf('1.6', problems, {}, notes);
  }
  for (const instance of both.instances)
    if (!tg.targets.some((t) => t.id === instance.id)) problems.push(targetMissing(tg, instance));
  const diagnosis = diagnoseTargets(input, roles);
  for (const target of tg.targets) {
    if (target.state === 'healthy') continue;
    const instance = inv.instances.find((i) => i.id === target.id);
    const args = { targetGroup: tg.name, instance: instance ? nameOf(instance) : target.id, id: target.id };
    const fixes = diagnosis.filter((p) => p.reason.args.id === target.id).flatMap((p) => p.fixes ?? []);
    problems.push(
      target.state === 'initial' && fixes.length === 0
        ? { reason: reason('target.initial', { ...args, seconds: secondsToHealthy(tg) }) }
        : { reason: reason('target.notHealthy', { ...args, state: target.state, reason: target.reason ?? '' }), fixes },
    );
  }
  return resultOf(
    '1.6',
    problems,
    { name: lb.name, dnsName: lb.dnsName, targetGroup: tg.name, azs: lb.zones.map((z) => z.az).join(', ') },
    notes,
  );
}

/** Notes naming the other lab-like load balancers and target groups: they bill (or clutter), and cleanup's part. */
function otherLabLike(roles: LabRoles): Reason[] {
  const notes: Reason[] = [];
  for (const lb of roles.otherLoadBalancers) {
    notes.push(
      reason(isLabTagged(lb.tags) ? 'note.otherLoadBalancer' : 'note.otherLoadBalancerUntagged', {
        name: lb.name,
        dnsName: lb.dnsName,
        judged: roles.loadBalancer?.name ?? '',
      }),
    );
  }
  for (const tg of roles.otherTargetGroups) {
    notes.push(
      reason(isLabTagged(tg.tags) ? 'note.otherTargetGroup' : 'note.otherTargetGroupUntagged', {
        name: tg.name,
        judged: roles.targetGroup?.name ?? '',
      }),
    );
  }
  return notes;
}

export function checkDiagnosis(input: CheckInput, roles: LabRoles): CheckResult {
  // While 1.6 waits (no WebServer2 yet), there is nothing to troubleshoot.
  const both = bothInstances('1.6', roles);
  if ('wait' in both)
    return waiting('1.7', '1.6', both.wait.status === 'waiting' ? both.wait.reason : balancerMissing(input, roles));
  if (roles.classicLoadBalancer) return checkClassicDiagnosis(input, roles, roles.classicLoadBalancer);
  const lb = roles.loadBalancer;
  const tg = roles.targetGroup;
  if (!lb || !tg)
    return waiting('1.7', '1.6', lb ? reason('targetGroup.missing', { name: lb.name }) : balancerMissing(input, roles));
  if (tg.targets.length === 0) return failed('1.7', [{ reason: reason('targets.none', { targetGroup: tg.name }) }]);
  // Healthy targets behind a closed front door still answer nobody: that is a cause too.
  const problems = [...diagnoseTargets(input, roles), ...frontProblems(input.inventory, lb)];
  return resultOf('1.7', problems, { targetGroup: tg.name, healthy: tg.targets.length });
}

export function checkTally(input: CheckInput, roles: LabRoles): CheckResult {
  const clb = roles.classicLoadBalancer;
  const lb = roles.loadBalancer ?? (clb ? asBalancer(input.inventory, clb) : undefined);
  if (!lb) return waiting('1.8', '1.6', balancerMissing(input, roles));
  const inv = input.inventory;
  const host = lb.dnsName;
  const silenceOf = () => (clb ? classicSilenceCauses(input, roles, clb) : silenceCauses(inv, roles));
  const noTraffic = (i: Instance) => (clb ? classicNoTraffic(input, roles, clb, i) : whyNoTraffic(inv, roles, i));
  const samples = loadBalancerSamples(input, roles);
  if (samples.length === 0) return failed('1.8', [{ reason: reason('observation.missing', { host, path: '/' }) }]);
  const answered = samples.filter((s) => s.status === 200);
  if (answered.length === 0) {
    const error = samples[0]?.error ?? String(samples[0]?.status ?? 'unknown');
    // The cause the account shows first, then what was seen.
    return failed('1.8', [...silenceOf(), { reason: reason('tally.noAnswer', { host, error }) }]);
  }
  const vision = answered.filter((s) => s.variant === 'vision').length;
  const vision2 = answered.filter((s) => s.variant === 'vision2').length;
  if (vision === 0 && vision2 === 0)
    return failed('1.8', [{ reason: reason('tally.noVision', { host, count: answered.length }) }]);
  if (vision === 0 || vision2 === 0) {
    const seenVariant = vision > 0 ? 'vision' : 'vision2';
    const silent = seenVariant === 'vision' ? roles.clone : roles.webServer;
    const causes = silent ? noTraffic(silent) : [];
    const seen = { host, count: answered.length, variant: seenVariant };
    if (causes.length === 0) return failed('1.8', [{ reason: reason('tally.oneVariant', seen) }]);
    return failed('1.8', [...causes, { reason: reason('tally.onlyOneVariant', seen) }]);
  }
  return passed('1.8', { answers: answered.length, vision, vision2 });
}

/** Why the load balancer sends one of the servers nothing, when the target group says: not registered, not healthy. */
function whyNoTraffic(inv: Inventory, roles: LabRoles, instance: Instance): Problem[] {
  const tg = roles.targetGroup;
  if (!tg) return [];
  const target = tg.targets.find((t) => t.id === instance.id);
  if (!target) return [targetMissing(tg, instance)];
  if (target.state === 'healthy') return [];
  return [
    {
      reason: reason('target.notHealthy', {
        targetGroup: tg.name,
        instance: nameOf(instance),
        id: instance.id,
        state: target.state,
        reason: target.reason ?? '',
      }),
      fixes:
        inv.instances.find((i) => i.id === instance.id)?.state === 'stopped'
          ? [fix('startInstance', { instanceId: instance.id, name: nameOf(instance) })]
          : [],
    },
  ];
}

export function targetMissing(tg: NonNullable<LabRoles['targetGroup']>, instance: Instance): Problem {
  return {
    reason: reason('targetGroup.targetMissing', { targetGroup: tg.name, instance: nameOf(instance), id: instance.id }),
    fixes: [
      fix('registerTarget', {
        targetGroupArn: tg.arn,
        targetGroup: tg.name,
        instanceId: instance.id,
        name: nameOf(instance),
        port: tg.port ?? 80,
      }),
    ],
  };
}

export function checkSecured(input: CheckInput, roles: LabRoles): CheckResult {
  const both = bothInstances('1.9', roles);
  if ('wait' in both) return both.wait;
  const inv = input.inventory;
  // Seed 001's CLB is judged by the same rules: the web groups must admit its group, not the internet.
  const clb = roles.classicLoadBalancer;
  const lb = roles.loadBalancer ?? (clb ? asBalancer(inv, clb) : undefined);
  if (!lb) return waiting('1.9', '1.6', balancerMissing(input, roles));
  const port = clb ? classicInstancePort(clb) : (roles.targetGroup?.port ?? 80);
  const problems: Problem[] = [];
  const lbGroups = new Set(lb.securityGroupIds);
  const seenGroups = new Set<string>();
  const sharedSeen = new Set<string>();
  for (const instance of both.instances) {
    const ids = instance.securityGroups.map((g) => g.id);
    if (!knowsGroups(inv, ids)) continue;
    const shared = instance.securityGroups.find((g) => lbGroups.has(g.id));
    if (shared) {
      // Then the web group must stay open to the internet for the ALB's own listener: give the ALB a group of its own.
      // Once per group (both servers usually share it), with the fix that does it.
      if (sharedSeen.has(shared.id)) continue;
      sharedSeen.add(shared.id);
      const groupName = shared.name || shared.id;
      problems.push({
        reason: reason('secure.sharedGroup', { groupId: shared.id, groupName, name: lb.name }),
        fixes: [
          fix('ownLoadBalancerGroup', {
            loadBalancerArn: lb.arn,
            name: lb.name,
            vpcId: lb.vpcId,
            groupName: clb ? NEW_CLB_GROUP : NEW_ALB_GROUP,
            webGroupId: shared.id,
            webGroupName: groupName,
            port,
          }),
        ],
      });
      continue;
    }
    const groups = groupsOf(inv, ids);
    const vpcCidrs = inv.vpcs.filter((v) => v.id === lb.vpcId).map((v) => v.cidr);
    const open = addressRules(groups, port, vpcCidrs);
    // The ALB must get in by what stays once the open rules are gone (0.0.0.0/0 admits it today, not after).
    if (!admitsLoadBalancer(withoutRules(groups, open), inv, lb, port)) {
      const f = admitLoadBalancerFix(inv, lb, instance, port);
      problems.push({
        reason: reason('secure.albNotAdmitted', {
          instance: nameOf(instance),
          groupId: f?.args.groupId ?? ids[0],
          groupName: f?.args.groupName ?? instance.securityGroups[0]?.name,
          sourceGroupId: f?.args.sourceGroupId,
          sourceGroupName: f?.args.sourceGroupName,
          port,
        }),
        fixes: f ? [f] : [],
      });
    }
    for (const rule of open) {
      const key = `${rule.group.id} ${rule.rule.protocol} ${rule.rule.fromPort} ${rule.rule.toPort} ${rule.source}`;
      if (seenGroups.has(key)) continue;
      seenGroups.add(key);
      problems.push({
        reason: reason('secure.openRule', {
          groupId: rule.group.id,
          groupName: rule.group.name,
          protocol: rule.rule.protocol,
          fromPort: rule.rule.fromPort,
          toPort: rule.rule.toPort,
          source: rule.source,
          port,
        }),
        fixes: [
          fix('revokeIngress', {
            groupId: rule.group.id,
            groupName: rule.group.name,
            protocol: rule.rule.protocol,
            fromPort: rule.rule.fromPort,
            toPort: rule.rule.toPort,
            source: rule.source,
          }),
        ],
      });
    }
  }
  // What the student would see: the instances' own addresses answer nothing, the ALB answers.
  for (const instance of both.instances) {
    const host = instanceHost(instance);
    // A stopped instance answers nothing anyway (1.10 may be stopping one right now): nothing to observe.
    if (!host || instance.state !== 'running') continue;
    const seen = input.observations.get(`${host}/`);
    if (!seen) problems.push({ reason: reason('observation.missing', { host, path: '/' }) });
    else if (seen.status !== undefined)
      problems.push({
        reason: reason('secure.directAnswered', { instance: nameOf(instance), host, status: seen.status }),
      });
  }
  const lbSeen = input.observations.get(`${lb.dnsName}/`);
  const lbSamples = loadBalancerSamples(input, roles);
  if (!lbSeen) problems.push({ reason: reason('observation.missing', { host: lb.dnsName, path: '/' }) });
  else if (!lbSamples.some(answered)) {
    // Name the cause the account shows (its front door, its targets); the web groups' rules are above already.
    const silence = clb ? classicSilenceCauses(input, roles, clb) : silenceCauses(inv, roles);
    const causes = silence.filter((c) => !problems.some((p) => p.reason.code === c.reason.code));
    if (causes.length > 0) problems.push(...causes);
    else
      problems.push({
        reason: reason('secure.albNotAnswering', {
          host: lb.dnsName,
          error: lbSeen.error ?? String(lbSeen.status ?? ''),
        }),
      });
  }
  // Rules first: they are the cause; what was observed follows from them. What to add before what to remove,
  // so the load balancer never loses its way in.
  const order = (p: Problem) =>
    p.reason.code.startsWith('observation') || p.reason.code === 'secure.directAnswered'
      ? 2
      : p.reason.code === 'secure.openRule'
        ? 1
        : 0;
  problems.sort((a, b) => order(a) - order(b));
  return resultOf('1.9', clb ? problems.map(forClassic(clb)) : problems, { name: lb.name });
}
