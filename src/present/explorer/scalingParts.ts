// What hangs off an Auto Scaling group besides its instances: its launch template (version, AMI), its scaling
// policies with what they do as a sentence, the CloudWatch alarms that drive them (state and threshold), and its
// recent activities in AWS's own words (description, cause). Also which alarms belong to which group, so alarms
// that belong to none (a wrong dimension: INSUFFICIENT_DATA forever) are shown apart.
import type {
  AutoScalingGroup,
  Inventory,
  LaunchTemplate,
  MetricAlarm,
  ScalingActivity,
  ScalingPolicy,
} from '../../aws/types';
import type { Translate } from '../translate';
import type { InventoryIndex } from './inventoryIndex';
import { add, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, timeText, type Tone } from './text';

/** Activities shown per group (the inventory keeps AWS's last 20, newest first). */
const ACTIVITIES_SHOWN = 10;

const COMPARISON: Readonly<Record<string, string>> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/** "> 70", "< 30": the comparison as a sign (AWS's operator name when it is another one). */
export function thresholdText(a: Pick<MetricAlarm, 'comparison' | 'threshold'>): string {
  return `${COMPARISON[a.comparison] ?? a.comparison} ${a.threshold}`;
}

/** What a simple policy's adjustment does to the group. */
function adjustmentText(type: string | undefined, n: number, t: Translate): string {
  switch (type ?? 'ChangeInCapacity') {
    case 'ExactCapacity':
      return t('Sets the group to {0} instances', n);
    case 'PercentChangeInCapacity':
      return n >= 0 ? t('Adds {0} % of the capacity', n) : t('Removes {0} % of the capacity', -n);
    default:
      if (n === 1) return t('Adds one instance');
      if (n === -1) return t('Removes one instance');
      return n >= 0 ? t('Adds {0} instances', n) : t('Removes {0} instances', -n);
  }
}

/** A policy as one sentence: what it does, and what invokes it. */
export function policySentence(p: ScalingPolicy, t: Translate): string {
  if (p.type === 'TargetTrackingScaling') {
    return p.predefinedMetric === 'ASGAverageCPUUtilization' || p.predefinedMetric === undefined
      ? t('Keeps the group’s average CPU near {0} %: adds and removes instances by itself', p.targetValue ?? '?')
      : t('Keeps {0} near {1}: adds and removes instances by itself', p.predefinedMetric, p.targetValue ?? '?');
  }
  const action =
    p.type === 'StepScaling'
      ? t(
          'Steps: {0}',
          p.stepAdjustments
            .map((s) => `${s.lower ?? '−∞'}…${s.upper ?? '+∞'} → ${s.adjustment > 0 ? '+' : ''}${s.adjustment}`)
            .join(', '),
        )
      : adjustmentText(p.adjustmentType, p.scalingAdjustment ?? 0, t);
  if (p.alarmNames.length === 0) return t('{0}; no alarm invokes it', action);
  return t('{0} when {1} is in ALARM', action, p.alarmNames.join(', '));
}

export function templateOf(inv: Inventory, group: AutoScalingGroup): LaunchTemplate | undefined {
  const lt = group.launchTemplate;
  if (!lt) return undefined;
  return inv.launchTemplates.find((x) => (lt.id && x.id === lt.id) || (lt.name && x.name === lt.name));
}

export const alarmTone = (state: string): Tone => (state === 'ALARM' ? 'bad' : state === 'OK' ? 'ok' : 'busy');

export function addLaunchTemplate(
  ix: InventoryIndex,
  parent: ExplorerNode,
  lt: LaunchTemplate,
  id: string,
  asked?: string,
): void {
  const { t } = ix;
  const version = asked && asked !== '$Default' ? asked : String(lt.defaultVersion);
  add(parent, {
    kind: 'launchTemplate',
    id,
    label: lt.name,
    description: [
      t('launch template · version {0}', version),
      lt.latestVersion !== lt.defaultVersion ? t('latest {0}', lt.latestVersion) : undefined,
      lt.imageId,
      lt.instanceType,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip:
      `**${mdText(lt.name)}** ${mdCode(lt.id)}\n\n` +
      mdFields([
        [t('Default version'), String(lt.defaultVersion)],
        [t('Latest version'), String(lt.latestVersion)],
        [t('The group launches'), asked ? mdCode(asked) : undefined],
        [t('AMI'), lt.imageId ? mdCode(lt.imageId) : undefined],
        [t('Instance type'), lt.instanceType],
        [t('Key pair'), lt.keyName ?? t('none (no SSH)')],
        [t('Security groups'), lt.securityGroupIds.map((g) => ix.mdNamed(g)).join(', ')],
        [t('User data'), lt.hasUserData ? t('yes') : t('no')],
      ]),
    icon: icon('file-code'),
    resource: { id: lt.id, arn: ix.arn('ec2', `launch-template/${lt.id}`), region: ix.region },
  });
}

export function addPolicy(ix: InventoryIndex, parent: ExplorerNode, p: ScalingPolicy): void {
  const { t } = ix;
  const sentence = policySentence(p, t);
  add(parent, {
    kind: 'scalingPolicy',
    id: `${parent.id}/policy:${p.name}`,
    label: p.name,
    description: sentence,
    tooltip:
      `**${mdText(p.name)}**\n\n${mdText(sentence)}\n\n` +
      mdFields([
        [t('Policy type'), p.type],
        [t('Cooldown'), p.cooldown !== undefined ? t('{0} s', p.cooldown) : undefined],
        [t('Alarms'), p.alarmNames.map(mdCode).join(', ')],
        [t('Enabled'), p.enabled ? t('yes') : t('no')],
      ]),
    icon: icon('symbol-event', p.enabled ? 'neutral' : 'off'),
    resource: { id: p.name, arn: p.arn, region: ix.region },
  });
}

export function addAlarm(ix: InventoryIndex, parent: ExplorerNode, a: MetricAlarm): void {
  const { t, inv } = ix;
  const policyName = (arn: string) => inv.scalingPolicies.find((p) => p.arn === arn)?.name ?? arn;
  const periods = t('{0} of {1} × {2} s', a.datapointsToAlarm ?? a.evaluationPeriods, a.evaluationPeriods, a.period);
  const actions = a.alarmActions.map(policyName);
  add(parent, {
    kind: 'metricAlarm',
    id: `${parent.id}/alarm:${a.name}`,
    label: a.name,
    description: [
      a.state,
      `${a.metricName} ${thresholdText(a)}`,
      periods,
      actions.length === 0 ? t('no action') : !a.actionsEnabled ? t('actions disabled') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip:
      `**${mdText(a.name)}** — ${mdCode(a.state)}\n\n` +
      // AWS's own reason, as CloudWatch words it.
      (a.stateReason ? `${mdText(a.stateReason)}\n\n` : '') +
      mdFields([
        [t('Metric'), mdCode(`${a.namespace} ${a.metricName}`)],
        [t('Dimensions'), a.dimensions.map((d) => mdCode(`${d.name}=${d.value}`)).join(', ')],
        [t('Statistic'), a.statistic],
        [t('Threshold'), mdCode(thresholdText(a))],
        [t('Periods'), periods],
        [t('In ALARM'), actions.map(mdText).join(', ')],
        [t('Back to OK'), a.okActions.map(policyName).map(mdText).join(', ')],
        [t('Since'), timeText(a.stateUpdated)],
      ]),
    icon: icon('bell', alarmTone(a.state)),
    resource: { id: a.name, arn: a.arn, region: ix.region },
  });
}

export function addActivities(ix: InventoryIndex, parent: ExplorerNode, activities: readonly ScalingActivity[]): void {
  if (activities.length === 0) return;
  const { t } = ix;
  const node = add(parent, {
    kind: 'scalingActivities',
    id: `${parent.id}/activities`,
    label: t('Recent activities'),
    description: String(activities.length),
    icon: icon('history'),
  });
  for (const a of activities.slice(0, ACTIVITIES_SHOWN)) {
    const tone: Tone = a.statusCode === 'Successful' ? 'ok' : a.statusCode === 'Failed' ? 'bad' : 'busy';
    // Description and cause are AWS's own sentences: shown as they are.
    add(node, {
      kind: 'scalingActivity',
      id: `${node.id}/activity:${a.id}`,
      label: a.description,
      description: [a.statusCode, timeText(a.startTime)].filter(Boolean).join(' · '),
      tooltip:
        `**${mdText(a.description)}**\n\n${mdText(a.cause)}\n\n` +
        mdFields([
          [t('Status'), a.statusCode],
          [t('Started'), timeText(a.startTime)],
          [t('Ended'), timeText(a.endTime)],
        ]),
      icon: icon('debug-step-over', tone),
    });
  }
}
