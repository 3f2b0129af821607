// Track 3's plans: each step's questions with the handout's values (seed 002: 2/2/4, grace 300, ELB health checks,
// two alarms at 70/30 or one target tracking policy at 70; those of what exists, when it does), the load's bounds, and
// why a step cannot run yet. plan.ts asks here for 3.x.
import type { Image, Inventory } from '../../aws/types';
import { reason } from '../codes';
import { namesOf, type LayoutId } from '../layout';
import type { LabRoles } from '../roles';
import { findScalingRoles } from '../scaling';
import { MAX_LOAD_CONCURRENCY, MAX_LOAD_DURATION_MS, MAX_LOAD_RATE, PRACTICE_LOAD_PER_SECOND } from '../scaling/load';
import { StepError, type Reason, type StepId, type StepOption, type StepOptions } from '../types';
import { text } from './optionKit';

/** The load's defaults: enough to push a t2.micro past 70 %, for as long as the bound allows. */
export const DEFAULT_LOAD_CONCURRENCY = 10;
export const DEFAULT_LOAD_SECONDS = MAX_LOAD_DURATION_MS / 1000;

/** The AMI a launch template launches: the one WebServer2 runs (1.3), else the lab's newest available one. */
export function labImage(roles: LabRoles): Image | undefined {
  const available = roles.images.filter((i) => i.state === 'available');
  return available.find((i) => i.id === roles.clone?.imageId) ?? available[0];
}

export function scalingOptions(id: StepId, inv: Inventory, roles: LabRoles, layout?: LayoutId): StepOption[] {
  const names = namesOf(layout, inv.student).scaling;
  const scaling = findScalingRoles(inv, roles, layout);
  const group = scaling.group;
  switch (id) {
    case '3.1':
      return [
        text('name', 'option.launchTemplateName', scaling.launchTemplate?.name ?? names.launchTemplate),
        text('instanceType', 'option.templateInstanceType', roles.webServer?.type ?? 't2.micro'),
      ];
    case '3.2':
      return [
        text('name', 'option.groupName', group?.name ?? names.group),
        text('min', 'option.minSize', String(group?.min ?? names.min)),
        text('desired', 'option.desiredCapacity', String(group?.desired ?? names.desired)),
        text('max', 'option.maxSize', String(group?.max ?? names.max)),
        text('gracePeriod', 'option.gracePeriod', String(names.gracePeriod)),
        {
          key: 'healthCheckType',
          code: 'option.healthCheckType',
          kind: 'choice',
          default: 'ELB',
          choices: [
            { value: 'ELB', code: 'choice.elbHealthCheck' },
            { value: 'EC2', code: 'choice.ec2HealthCheck' },
          ],
        },
      ];
    case '3.3':
      return [
        {
          key: 'policy',
          code: 'option.policyKind',
          kind: 'choice',
          default: 'simple',
          choices: [
            { value: 'simple', code: 'choice.simplePolicies', args: { high: names.highCpu, low: names.lowCpu } },
            { value: 'targetTracking', code: 'choice.targetTracking', args: { target: names.targetCpu } },
          ],
        },
        text('high', 'option.highCpu', String(names.highCpu)),
        text('low', 'option.lowCpu', String(names.lowCpu)),
        text('target', 'option.targetCpu', String(names.targetCpu)),
      ];
    case '3.4':
      return [
        text('concurrency', 'option.loadConcurrency', String(DEFAULT_LOAD_CONCURRENCY)),
        text('seconds', 'option.loadSeconds', String(DEFAULT_LOAD_SECONDS)),
        text(
          'perSecond',
          'option.loadPerSecond',
          inv.context.kind === 'practice' ? String(PRACTICE_LOAD_PER_SECOND) : '',
        ),
      ];
    case '3.5': {
      const inService = (group?.instances ?? []).filter((i) => i.lifecycleState === 'InService');
      return [
        {
          key: 'instance',
          code: 'option.terminateInstance',
          kind: 'choice',
          default: inService[0]?.id ?? '',
          choices: inService.map((i) => ({
            value: i.id,
            code: 'choice.instance',
            args: { name: inv.instances.find((x) => x.id === i.id)?.name ?? i.id, id: i.id, az: i.az },
          })),
        },
      ];
    }
    default:
      return [];
  }
}

/** Why a 3.x step cannot run yet; undefined when it can. */
export function scalingBlocker(id: StepId, inv: Inventory, roles: LabRoles, layout?: LayoutId): Reason | undefined {
  const names = namesOf(layout, inv.student).scaling;
  const scaling = findScalingRoles(inv, roles, layout);
  const ws = roles.webServer;
  if (!ws) return reason('webServer.missing');
  if (id === '3.1') {
    if (scaling.launchTemplate || labImage(roles)) return undefined;
    return reason('image.missing', { webServer: ws.name ?? ws.id });
  }
  if (id === '3.2') {
    if (scaling.group) return undefined;
    if (!scaling.launchTemplate) return reason('run.noLaunchTemplate', { name: names.launchTemplate });
    if (!roles.targetGroup) return reason('alb.missing');
    return undefined;
  }
  if (!scaling.group) return reason('run.noScalingGroup', { name: names.group });
  if (id === '3.4' && !roles.loadBalancer) return reason('alb.missing');
  return undefined;
}

const whole = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN);

/** The numbers of a 3.x step's options, in their bounds; a StepError naming the first one out of them. */
export function checkScalingOptions(id: StepId, out: StepOptions): void {
  const bad = (key: string) => new StepError(id, reason('run.badOption', { key, value: out[key] ?? '' }));
  const inRange = (key: string, lo: number, hi: number) => {
    const n = whole(out[key]);
    if (!(n >= lo && n <= hi)) throw bad(key);
    return n;
  };
  if (id === '3.2') {
    const min = inRange('min', 0, 100);
    const desired = inRange('desired', 0, 100);
    const max = inRange('max', 1, 100);
    if (min > desired) throw bad('min');
    if (desired > max) throw bad('desired');
    inRange('gracePeriod', 0, 7200);
  }
  if (id === '3.3') {
    const high = inRange('high', 1, 100);
    const low = inRange('low', 0, 99);
    if (low >= high) throw bad('low');
    inRange('target', 1, 100);
  }
  if (id === '3.4') {
    inRange('concurrency', 1, MAX_LOAD_CONCURRENCY);
    inRange('seconds', 1, MAX_LOAD_DURATION_MS / 1000);
    if (out.perSecond) inRange('perSecond', 1, MAX_LOAD_RATE);
  }
}
