// Classic Load Balancers under Load balancing (seed 001): load balancer › listeners, its one health check as a
// sentence, and the instances registered on it with their state, AWS's reason and their AZ. There is no target
// group: the instances hang from the load balancer itself.
import type { ClassicHealthCheck, ClassicInstanceHealth, ClassicLoadBalancer } from '../../aws/classicTypes';
import type { Translate } from '../translate';
import { reasonText } from '../lab/reasons';
import { fixTitle } from '../lab/fixes';
import type { InventoryIndex } from './inventoryIndex';
import { add, addEmpty, byText, icon, type ExplorerNode } from './nodes';
import { diagnosisKey } from './state';
import { mdCode, mdFields, mdText, stateText, timeText, type Tone } from './text';

/** The key a CLB instance's diagnosis (1.7) is filed under: the load balancer's name stands for the group. */
export const classicDiagnosisKey = (loadBalancerName: string, instanceId: string) =>
  diagnosisKey(`classic:${loadBalancerName}`, instanceId);

export function classicLoadBalancers(ix: InventoryIndex, parent: ExplorerNode): void {
  for (const lb of [...ix.inv.classicLoadBalancers].sort((a, b) => byText(a.name, b.name))) {
    classicLoadBalancer(ix, parent, lb);
  }
}

/** "HTTP:80/index.html every 30 s, healthy after 10, unhealthy after 2". */
export function healthCheckSentence(hc: ClassicHealthCheck, t: Translate): string {
  return t(
    '{0} every {1} s, healthy after {2}, unhealthy after {3}',
    hc.target,
    hc.intervalSeconds,
    hc.healthyThreshold,
    hc.unhealthyThreshold,
  );
}

/** The instances' states in a few words: "InService 1 · OutOfService 1". */
function healthCounts(lb: ClassicLoadBalancer, t: Translate): string {
  const counts = new Map<string, number>();
  for (const i of lb.instances) counts.set(i.state, (counts.get(i.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${classicStateText(state, t)} ${n}`).join(', ');
}

function classicLoadBalancer(ix: InventoryIndex, parent: ExplorerNode, lb: ClassicLoadBalancer): void {
  const { t } = ix;
  const lbNode = add(parent, {
    kind: 'loadBalancer',
    id: `${parent.id}/clb:${lb.name}`,
    label: lb.name,
    description: [t('Classic'), lb.scheme, lb.azs.join(', ')].filter(Boolean).join(' · '),
    tooltip:
      `**${mdText(lb.name)}**\n\n` +
      mdFields([
        [t('Type'), t('Classic Load Balancer (previous generation)')],
        [t('Scheme'), lb.scheme],
        [t('DNS name'), mdCode(lb.dnsName)],
        [t('Availability Zones'), lb.azs.map(mdCode).join(', ')],
        [t('Subnets'), lb.subnetIds.map(mdCode).join(', ')],
        [t('Security groups'), lb.securityGroupIds.map((id) => ix.groupLabel(id)).join(', ')],
        [t('Health check'), mdText(healthCheckSentence(lb.healthCheck, t))],
        [t('Instances'), healthCounts(lb, t)],
        [t('Created'), timeText(lb.createdTime)],
      ]),
    icon: icon('repo-forked', lb.instances.some((i) => i.state === 'InService') ? 'ok' : 'neutral'),
    expand: 'expanded',
    resource: { id: lb.name, dnsName: lb.dnsName, consoleType: 'loadBalancer', region: ix.region },
  });
  for (const l of lb.listeners) {
    add(lbNode, {
      kind: 'listener',
      id: `${lbNode.id}/listener:${l.protocol}:${l.port}`,
      label: `${l.protocol}:${l.port} → ${l.instanceProtocol}:${l.instancePort}`,
      tooltip: mdFields([
        [t('Listener'), `${l.protocol}:${l.port}`],
        [t('Instance protocol and port'), `${l.instanceProtocol}:${l.instancePort}`],
      ]),
      icon: icon('plug'),
    });
  }
  if (lb.listeners.length === 0) addEmpty(lbNode, t('No listeners yet'));
  const hc = lb.healthCheck;
  add(lbNode, {
    kind: 'healthCheck',
    id: `${lbNode.id}/healthCheck`,
    label: t('Health check'),
    description: healthCheckSentence(hc, t),
    tooltip: mdFields([
      [t('Ping target'), mdCode(hc.target)],
      [t('Interval'), t('{0} s', hc.intervalSeconds)],
      [t('Timeout'), t('{0} s', hc.timeoutSeconds)],
      [t('Healthy after'), t('{0} checks, every {1} s', hc.healthyThreshold, hc.intervalSeconds)],
      [t('Unhealthy after'), t('{0} failed checks', hc.unhealthyThreshold)],
    ]),
    icon: icon('pulse'),
  });
  const instances = [...lb.instances].sort((a, b) => byText(instanceLabel(ix, a), instanceLabel(ix, b)));
  for (const i of instances) instanceRow(ix, lbNode, lb, i);
  if (instances.length === 0) addEmpty(lbNode, t('No instances registered'));
}

function instanceLabel(ix: InventoryIndex, i: ClassicInstanceHealth): string {
  return ix.instances.get(i.id)?.name ?? i.id;
}

/** AWS says "N/A" where there is nothing to say (an InService instance). */
const said = (s: string | undefined) => (s && s !== 'N/A' ? s : undefined);

function instanceRow(ix: InventoryIndex, parent: ExplorerNode, lb: ClassicLoadBalancer, i: ClassicInstanceHealth) {
  const { t } = ix;
  const instance = ix.instances.get(i.id);
  const az = i.az ?? instance?.az;
  const description = said(i.description);
  const diagnosis = i.state === 'InService' ? undefined : ix.diagnoses.get(classicDiagnosisKey(lb.name, i.id));
  const fix = diagnosis?.fixes[0];
  const why = diagnosis?.causes.map((c) => `- ${mdText(reasonText(c, t))}`).join('\n');
  const notEnabled = az !== undefined && lb.azs.length > 0 && !lb.azs.includes(az);
  add(parent, {
    kind: 'target',
    id: `${parent.id}/instance:${i.id}`,
    label: instanceLabel(ix, i),
    description: [classicStateText(i.state, t), description, az].filter(Boolean).join(' · '),
    tooltip:
      `**${mdText(instanceLabel(ix, i))}**\n\n` +
      mdFields([
        [t('Instance'), mdCode(i.id)],
        [t('Health'), classicStateText(i.state, t)],
        [t('Reason'), said(i.reasonCode) ? reasonCodeText(i.reasonCode ?? '', t) : undefined],
        [t('Details'), description ? mdText(description) : undefined],
        [t('Availability Zone'), az ? mdCode(az) : undefined],
        [t('Instance state'), instance ? stateText(instance.state, t) : undefined],
      ]) +
      (notEnabled ? `\n\n${mdText(t('The load balancer is not enabled in this instance’s Availability Zone.'))}` : '') +
      (why ? `\n\n**${mdText(t('Why'))}**\n\n${why}` : '') +
      (diagnosis && diagnosis.fixes.length > 0
        ? `\n\n**${mdText(t('Fix'))}**: ${diagnosis.fixes.map((f) => mdText(fixTitle(f, t))).join(' · ')}`
        : ''),
    icon: icon(classicIcon(i.state), classicTone(i.state)),
    ...(fix ? { fix, step: '1.7' as const, tokens: ['hasFix'] } : {}),
    resource: { id: i.id, arn: ix.arn('ec2', `instance/${i.id}`), consoleType: 'instance', region: ix.region },
  });
}

export function classicStateText(state: string, t: Translate): string {
  switch (state) {
    case 'InService':
      return t('InService');
    case 'OutOfService':
      return t('OutOfService');
    case 'Unknown':
      return t('Unknown');
    default:
      return state;
  }
}

/** Who AWS says the cause is on. */
function reasonCodeText(code: string, t: Translate): string {
  switch (code) {
    case 'ELB':
      return t('the load balancer (ELB)');
    case 'Instance':
      return t('the instance (Instance)');
    default:
      return code;
  }
}

/** Like targets: InService green, OutOfService red, Unknown grey. */
export function classicTone(state: string): Tone {
  return state === 'InService' ? 'ok' : state === 'OutOfService' ? 'bad' : 'off';
}

function classicIcon(state: string): string {
  return state === 'InService' ? 'pass' : state === 'OutOfService' ? 'error' : 'question';
}
