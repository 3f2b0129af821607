// Track 3 (seed 002): 3.1 the launch template and 3.2 the Auto Scaling group behind the lab's target group. Judged
// from the account whatever made them: the console's names, other names, one AZ, a template of another version.
import type { AutoScalingGroup, Inventory, LaunchTemplate, SecurityGroup } from '../../aws/types';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { labImageName, type LabRoles } from '../roles';
import type { ScalingRoles } from '../scaling';
import type { CheckInput, CheckResult, Reason } from '../types';
import { diagnoseTarget } from './diagnosis';
import { resultOf, waiting, type Problem } from './kit';
import { admitsLoadBalancer, coversTcpPort, groupsOf } from './securityRules';

const HTTP = 80;

/** The AMIs a template may launch: an AMI made from WebServer (1.2, what 1.3 launched), or WebServer's own. */
function imageProblems(inv: Inventory, roles: LabRoles, t: LaunchTemplate): Problem[] {
  const base = { name: t.name, imageId: t.imageId ?? '' };
  if (!t.imageId) return [{ reason: reason('launchTemplate.noImage', { name: t.name }) }];
  // Without the storage section the AMIs are unknown, not absent.
  if (inv.problems.some((p) => p.section === 'storage')) return [];
  const own = roles.images.find((img) => img.id === t.imageId);
  if (own) {
    return own.state === 'available'
      ? []
      : [{ reason: reason('launchTemplate.imageNotAvailable', { ...base, state: own.state }) }];
  }
  const ws = roles.webServer;
  if (ws && t.imageId === ws.imageId) {
    // Amazon's own image launches a bare Linux: the page comes only from user data that installs it.
    return t.hasUserData
      ? []
      : [{ reason: reason('launchTemplate.stockImage', { ...base, webServer: ws.name ?? ws.id }) }];
  }
  // The AMI the clone was launched from, no longer among the account's: deregistered since.
  if (roles.clone && t.imageId === roles.clone.imageId && !inv.images.some((img) => img.id === t.imageId))
    return [{ reason: reason('launchTemplate.imageGone', base) }];
  return [{ reason: reason('launchTemplate.notLabImage', { ...base, image: labImageName(roles) ?? '' }) }];
}

const groupNames = (groups: readonly SecurityGroup[], ids: readonly string[]) =>
  ids.map((id) => groups.find((g) => g.id === id)?.name ?? id).join(', ');

/** The web group: admits the load balancer on HTTP (80 from anywhere admits it too), or 80 at all before 1.6. */
function securityGroupProblems(inv: Inventory, roles: LabRoles, t: LaunchTemplate): Problem[] {
  if (t.securityGroupIds.length === 0) return [{ reason: reason('launchTemplate.noSecurityGroup', { name: t.name }) }];
  if (inv.problems.some((p) => p.section === 'securityGroups')) return [];
  const groups = groupsOf(inv, t.securityGroupIds);
  const unknown = t.securityGroupIds.filter((id) => !groups.some((g) => g.id === id));
  if (unknown.length > 0)
    return [{ reason: reason('launchTemplate.groupMissing', { name: t.name, groups: unknown.join(', ') }) }];
  const lb = roles.loadBalancer;
  const port = roles.targetGroup?.port ?? HTTP;
  const open = lb
    ? admitsLoadBalancer(groups, inv, lb, port)
    : groups.some((g) => g.inbound.some((r) => coversTcpPort(r, port)));
  if (open) return [];
  return [
    {
      reason: reason('launchTemplate.groupClosed', {
        name: t.name,
        groups: groupNames(groups, t.securityGroupIds),
        loadBalancer: lb?.name ?? '',
        port,
      }),
    },
  ];
}

/** The version of the template a group launches: $Default (or none named), $Latest, or a number. */
function launchedVersion(t: LaunchTemplate, group: AutoScalingGroup | undefined): number {
  const v = group?.launchTemplate?.version;
  if (v === '$Latest') return t.latestVersion;
  const n = Number(v);
  return v && v !== '$Default' && Number.isInteger(n) ? n : t.defaultVersion;
}

/** 3.1: a launch template whose default version launches the lab's web server. */
export function checkLaunchTemplate(input: CheckInput, roles: LabRoles, scaling: ScalingRoles): CheckResult {
  const inv = input.inventory;
  const names = namesOf(input.layout, input.inventory.student).scaling;
  const t = scaling.launchTemplate;
  if (!t) {
    if (!roles.webServer && roles.images.length === 0) return waiting('3.1', '0.1', reason('webServer.missing'));
    const ws = roles.webServer;
    if (roles.images.length === 0 && ws)
      return waiting('3.1', '1.2', reason('image.missing', { webServer: ws.name ?? ws.id }));
    return resultOf('3.1', [
      { reason: reason('launchTemplate.missing', { name: names.launchTemplate, image: labImageName(roles) ?? '' }) },
    ]);
  }
  const problems: Problem[] = [...imageProblems(inv, roles, t)];
  if (!t.instanceType) problems.push({ reason: reason('launchTemplate.noInstanceType', { name: t.name }) });
  problems.push(...securityGroupProblems(inv, roles, t));
  const versions = { name: t.name, defaultVersion: t.defaultVersion, latestVersion: t.latestVersion };
  const notes: Reason[] = [];
  const launched = launchedVersion(t, scaling.group);
  if (scaling.group && launched !== t.defaultVersion) {
    // Only the default version's data is read: say so rather than judge a version the group does not launch.
    notes.push(
      reason('note.groupOtherVersion', {
        name: t.name,
        group: scaling.group.name,
        version: launched,
        defaultVersion: t.defaultVersion,
      }),
    );
  } else if (t.latestVersion > t.defaultVersion) {
    // The console's trap: "Modify template (Create new version)" leaves the default where it was.
    if (problems.length > 0) problems.unshift({ reason: reason('launchTemplate.defaultNotLatest', versions) });
    else notes.push(reason('note.templateNewerVersion', versions));
  }
  if (!t.keyName) notes.push(reason('note.templateNoKeyPair', { name: t.name }));
  return resultOf(
    '3.1',
    problems,
    {
      name: t.name,
      defaultVersion: t.defaultVersion,
      imageId: t.imageId,
      instanceType: t.instanceType,
      securityGroups: groupNames(inv.securityGroups, t.securityGroupIds),
      keyName: t.keyName,
    },
    notes,
  );
}

/** The AZs a group launches into: its subnets' (the VPC's), else the zones it names (EC2-Classic style). */
export function groupZones(inv: Inventory, g: AutoScalingGroup): string[] {
  const fromSubnets = g.subnetIds.flatMap((id) => inv.subnets.filter((s) => s.id === id).map((s) => s.az));
  return [...new Set(fromSubnets.length > 0 ? fromSubnets : g.azs)].sort();
}

function configurationProblems(inv: Inventory, roles: LabRoles, g: AutoScalingGroup): Problem[] {
  const problems: Problem[] = [];
  const zones = groupZones(inv, g);
  if (zones.length < 2) problems.push({ reason: reason('asg.oneAz', { name: g.name, az: zones[0] ?? '' }) });
  const tg = roles.targetGroup;
  if (tg && !g.targetGroupArns.includes(tg.arn)) {
    const attached = g.targetGroupArns.map((arn) => inv.targetGroups.find((x) => x.arn === arn)?.name ?? arn);
    problems.push({
      reason:
        attached.length === 0
          ? reason('asg.noTargetGroup', { name: g.name, targetGroup: tg.name })
          : reason('asg.otherTargetGroup', { name: g.name, targetGroup: tg.name, attached: attached.join(', ') }),
    });
  }
  if ((g.healthCheckType ?? 'EC2') !== 'ELB') problems.push({ reason: reason('asg.ec2HealthCheck', { name: g.name }) });
  else if (!g.healthCheckGracePeriod)
    problems.push({ reason: reason('asg.noGracePeriod', { name: g.name, seconds: 300 }) });
  if (g.min >= g.max) problems.push({ reason: reason('asg.cannotScale', { name: g.name, min: g.min, max: g.max }) });
  return problems;
}

/** The group's instances: InService in both AZs, and healthy in the lab's target group (track 1's diagnosis). */
function instanceProblems(input: CheckInput, roles: LabRoles, g: AutoScalingGroup): Problem[] {
  const inService = g.instances.filter((i) => i.lifecycleState === 'InService');
  const pending = g.instances.filter((i) => i.lifecycleState.startsWith('Pending'));
  if (inService.length < g.desired) {
    return [
      {
        reason: reason('asg.instancesPending', {
          name: g.name,
          inService: inService.length,
          desired: g.desired,
          pending: pending.length,
        }),
      },
    ];
  }
  const problems: Problem[] = [];
  // One server per AZ at least, or an AZ's failure takes the site down.
  if (g.desired < 2) return [{ reason: reason('asg.tooSmall', { name: g.name, desired: g.desired }) }];
  const zones = [...new Set(inService.map((i) => i.az))];
  if (zones.length < 2 && groupZones(input.inventory, g).length >= 2)
    problems.push({ reason: reason('asg.instancesOneAz', { name: g.name, az: zones[0] ?? '', count: g.desired }) });
  for (const i of inService.filter((x) => x.healthStatus !== 'Healthy'))
    problems.push({
      reason: reason('asg.instanceUnhealthy', { name: g.name, instance: i.id, health: i.healthStatus }),
    });
  const lb = roles.loadBalancer;
  const tg = roles.targetGroup;
  if (!lb || !tg || !g.targetGroupArns.includes(tg.arn)) return problems;
  for (const i of inService) {
    const target = tg.targets.find((t) => t.id === i.id);
    if (!target) {
      problems.push({ reason: reason('asg.notRegistered', { name: g.name, instance: i.id, targetGroup: tg.name }) });
      continue;
    }
    problems.push(...diagnoseTarget(input, lb, tg, target, true, roles));
  }
  return problems;
}

/** 3.2: a group from the template over two AZs, behind the lab's target group, ELB health checks, room to scale. */
export function checkScalingGroup(input: CheckInput, roles: LabRoles, scaling: ScalingRoles): CheckResult {
  const inv = input.inventory;
  const names = namesOf(input.layout, input.inventory.student).scaling;
  const g = scaling.group;
  if (!g) {
    if (!scaling.launchTemplate)
      return waiting('3.2', '3.1', reason('launchTemplate.missing', { name: names.launchTemplate, image: '' }));
    if (!roles.loadBalancer) return waiting('3.2', '1.6', reason('alb.missing'));
    if (!roles.targetGroup)
      return waiting('3.2', '1.6', reason('targetGroup.missing', { name: roles.loadBalancer.name }));
    return resultOf('3.2', [
      {
        reason: reason('asg.missing', {
          name: names.group,
          template: scaling.launchTemplate.name,
          targetGroup: roles.targetGroup.name,
        }),
      },
    ]);
  }
  const problems = [...configurationProblems(inv, roles, g), ...instanceProblems(input, roles, g)];
  return resultOf('3.2', problems, {
    name: g.name,
    sizes: `${g.min}/${g.desired}/${g.max}`,
    azs: groupZones(inv, g).join(', '),
    healthCheckType: g.healthCheckType,
    gracePeriod: g.healthCheckGracePeriod,
    launchTemplate: scaling.launchTemplate?.name ?? g.launchTemplate?.name,
  });
}
