// The Load balancing group as traffic flows: load balancer › listener › target group › targets, each target
// with its health, AWS's reason explained, and the lab's diagnosis (1.7) with its fix; target groups no
// listener forwards to yet sit beside the load balancers, so a half-wired setup still shows.
import type { LoadBalancer, Target, TargetGroup } from '../../aws/types';
import { reasonText } from '../lab/reasons';
import { fixTitle } from '../lab/fixes';
import type { InventoryIndex } from './inventoryIndex';
import { add, addEmpty, byText, icon, type ExplorerNode, type MutableNode } from './nodes';
import { diagnosisKey } from './state';
import { classicLoadBalancers } from './classic';
import { mdCode, mdFields, mdText, stateText, targetReasonText, timeText, toneOf } from './text';

export function loadBalancing(ix: InventoryIndex, parent: ExplorerNode): void {
  const { inv, t } = ix;
  const listened = new Set<string>();
  for (const lb of [...inv.loadBalancers].sort((a, b) => byText(a.name, b.name))) {
    const lbNode = loadBalancer(ix, parent, lb);
    const listeners = [...lb.listeners].sort((a, b) => a.port - b.port || byText(a.protocol, b.protocol));
    for (const listener of listeners) {
      const groups = listener.forwardTo.map((arn) => ix.targetGroup(arn));
      const forwardNames = listener.forwardTo.map((arn) => ix.targetGroupName(arn));
      const action = forwardNames.length > 0 ? forwardNames.join(', ') : listener.defaultActionTypes.join(', ');
      const listenerNode = add(lbNode, {
        kind: 'listener',
        id: `${lbNode.id}/listener:${listener.protocol}:${listener.port}`,
        label: `${listener.protocol}:${listener.port} → ${action}`,
        tooltip: mdFields([
          [t('Listener'), `${listener.protocol}:${listener.port}`],
          [t('Default action'), listener.defaultActionTypes.join(', ')],
          [t('Forwards to'), forwardNames.map(mdText).join(', ')],
        ]),
        icon: icon('plug'),
        expand: 'expanded',
        resource: { arn: listener.arn, consoleType: 'listener', region: ix.region },
      });
      listener.forwardTo.forEach((arn, k) => {
        listened.add(arn);
        const tg = groups[k];
        if (tg) targetGroup(ix, listenerNode, tg);
      });
    }
    if (listeners.length === 0) addEmpty(lbNode, t('No listeners yet'));
  }
  classicLoadBalancers(ix, parent);
  // Target groups no listener forwards to: a student made one but has not wired it yet.
  for (const tg of [...inv.targetGroups].sort((a, b) => byText(a.name, b.name))) {
    if (!listened.has(tg.arn)) targetGroup(ix, parent, tg);
  }
}

function loadBalancer(ix: InventoryIndex, parent: ExplorerNode, lb: LoadBalancer): MutableNode {
  const { t } = ix;
  const azs = lb.zones.map((z) => z.az).sort(byText);
  return add(parent, {
    kind: 'loadBalancer',
    id: `${parent.id}/lb:${lb.name}`,
    label: lb.name,
    description: [stateText(lb.state, t), lb.scheme, azs.join(', ')].filter(Boolean).join(' · '),
    tooltip:
      `**${mdText(lb.name)}**\n\n` +
      mdFields([
        [t('Type'), lb.type],
        [
          t('State'),
          [stateText(lb.state, t), lb.stateReason ? mdText(lb.stateReason) : undefined].filter(Boolean).join(' — '),
        ],
        [t('Scheme'), lb.scheme],
        [t('DNS name'), mdCode(lb.dnsName)],
        [t('Availability Zones'), lb.zones.map((z) => `${mdCode(z.az)} (${mdCode(z.subnetId)})`).join(', ')],
        [t('Security groups'), lb.securityGroupIds.map((id) => ix.groupLabel(id)).join(', ')],
        [t('Created'), timeText(lb.createdTime)],
      ]),
    icon: icon('repo-forked', toneOf(lb.state)),
    expand: 'expanded',
    resource: { id: lb.name, arn: lb.arn, dnsName: lb.dnsName, consoleType: 'loadBalancer', region: ix.region },
  });
}

function targetGroup(ix: InventoryIndex, parent: ExplorerNode, tg: TargetGroup): void {
  const { t } = ix;
  const hc = tg.healthCheck;
  const counts = new Map<string, number>();
  for (const target of tg.targets) counts.set(target.state, (counts.get(target.state) ?? 0) + 1);
  const tgNode = add(parent, {
    kind: 'targetGroup',
    id: `${parent.id}/tg:${tg.name}`,
    label: tg.name,
    description: [
      tg.protocol && tg.port !== undefined ? `${tg.protocol}:${tg.port}` : undefined,
      hc.path ? t('health check {0}', hc.path) : undefined,
      tg.loadBalancerArns.length === 0 ? t('not used by a load balancer') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip:
      `**${mdText(tg.name)}**\n\n` +
      mdFields([
        [t('Protocol and port'), tg.protocol && tg.port !== undefined ? `${tg.protocol}:${tg.port}` : undefined],
        [t('Target type'), tg.targetType],
        [
          t('Health check'),
          [hc.protocol, hc.port ? `:${hc.port}` : undefined, hc.path ? ` ${mdCode(hc.path)}` : undefined]
            .filter(Boolean)
            .join(''),
        ],
        [
          t('Healthy after'),
          hc.healthyThreshold !== undefined && hc.intervalSeconds !== undefined
            ? t('{0} checks, every {1} s', hc.healthyThreshold, hc.intervalSeconds)
            : undefined,
        ],
        [
          t('Unhealthy after'),
          hc.unhealthyThreshold !== undefined ? t('{0} failed checks', hc.unhealthyThreshold) : undefined,
        ],
        [t('Success codes'), hc.matcher],
        [t('Targets'), [...counts].map(([state, n]) => `${stateText(state, t)}: ${n}`).join(', ')],
      ]),
    icon: icon('target'),
    expand: 'expanded',
    resource: { id: tg.name, arn: tg.arn, consoleType: 'targetGroup', region: ix.region },
  });
  const targets = [...tg.targets].sort(
    (a, b) => byText(targetLabel(ix, a), targetLabel(ix, b)) || (a.port ?? 0) - (b.port ?? 0),
  );
  for (const target of targets) targetRow(ix, tgNode, tg, target);
  if (targets.length === 0) addEmpty(tgNode, t('No targets registered'));
}

/** A target by its instance's name, as the student named it in the lab. */
function targetLabel(ix: InventoryIndex, target: Target): string {
  return ix.instances.get(target.id)?.name ?? target.id;
}

function targetRow(ix: InventoryIndex, parent: ExplorerNode, tg: TargetGroup, target: Target): void {
  const { t } = ix;
  const instance = ix.instances.get(target.id);
  const az = target.az ?? instance?.az;
  const explanation = target.reason ? targetReasonText(target.reason, t) : undefined;
  // The lab's diagnosis (1.7) says what is wrong in this account, and offers the fix.
  const diagnosis = target.state === 'healthy' ? undefined : ix.diagnoses.get(diagnosisKey(tg.arn, target.id));
  const fix = diagnosis?.fixes[0];
  const why = diagnosis?.causes.map((c) => `- ${mdText(reasonText(c, t))}`).join('\n');
  add(parent, {
    kind: 'target',
    id: `${parent.id}/target:${target.id}:${target.port ?? ''}`,
    label: targetLabel(ix, target),
    description: [stateText(target.state, t), target.reason, az].filter(Boolean).join(' · '),
    tooltip:
      `**${mdText(targetLabel(ix, target))}**\n\n` +
      mdFields([
        [t('Target'), `${mdCode(target.id)}${target.port !== undefined ? `:${target.port}` : ''}`],
        [t('Health'), stateText(target.state, t)],
        [t('Reason'), target.reason ? mdCode(target.reason) : undefined],
        [t('Details'), target.description ? mdText(target.description) : undefined],
        [t('Availability Zone'), az ? mdCode(az) : undefined],
        [t('Instance state'), instance ? stateText(instance.state, t) : undefined],
      ]) +
      (explanation ? `\n\n${mdText(explanation)}` : '') +
      (why ? `\n\n**${mdText(t('Why'))}**\n\n${why}` : '') +
      (diagnosis && diagnosis.fixes.length > 0
        ? `\n\n**${mdText(t('Fix'))}**: ${diagnosis.fixes.map((f) => mdText(fixTitle(f, t))).join(' · ')}`
        : ''),
    icon: icon(targetIcon(target.state), toneOf(target.state)),
    ...(fix ? { fix, step: '1.7' as const, tokens: ['hasFix'] } : {}),
    resource:
      tg.targetType === 'instance'
        ? {
            id: target.id,
            arn: ix.arn('ec2', `instance/${target.id}`),
            consoleType: 'instance',
            region: ix.region,
          }
        : { id: target.id, region: ix.region },
  });
}

function targetIcon(state: string): string {
  switch (state) {
    case 'healthy':
      return 'pass';
    case 'unhealthy':
    case 'unhealthy.draining':
      return 'error';
    case 'initial':
      return 'clock';
    case 'draining':
      return 'debug-disconnect';
    case 'unused':
      return 'circle-slash';
    default:
      return 'question';
  }
}
