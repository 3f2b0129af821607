// What a step would do now: its options with the handouts' defaults (chosen from the inventory), or why it
// cannot run yet. Pure; runStep merges the student's answers over these defaults.
import type { Inventory, LoadBalancer, TargetGroup } from '../../aws/types';
import { balancerMissing } from '../checks/balancer';
import { checkStep } from '../checks/checks';
import { reason } from '../codes';
import { cloneMissing, findRoles, type LabRoles } from '../roles';
import { findDatabaseRoles } from '../database';
import { labVpcLayout, namesOf, type LayoutId } from '../layout';
import { awaitsFirstServer, firstServerMissing, ON_BOTH_SERVERS } from '../origin';
import { priceTable } from '../../cost/prices';
import { findLabVpc, labVpcLoadBalancer, layoutZones, TEST_VPC } from '../network';
import { StepError, type CheckInput, type StepId, type StepOption, type StepOptions, type StepPlan } from '../types';
import { azChoice, azsWithSubnet, text } from './optionKit';
import { databaseBlocker, databaseOptions } from './planDatabase';
import { checkScalingOptions, scalingBlocker, scalingOptions } from './planScaling';
import { balancerChoice, choosesClassic, classicOptions } from './planClassic';
import { asksNoReboot, defaultImageMethod, imagePreview, launchPreview, serverPairOptions } from './planOrigin';

/** How many requests 1.8 sends by default, and 1.10 while an instance is stopped. */
export const DEFAULT_TALLY_REQUESTS = 20;
export const DEFAULT_EXERCISE_REQUESTS = 10;

// The one wording of "no WebServer2 yet" (in roles.ts, so the checks use it without importing the planner).
export { cloneMissing } from '../roles';

/**
 * What 1.6 adopts and finishes instead of making a second one: the load balancer and the target group the checks
 * see in WebServer's VPC (a hand-made my-alb, tg-web), else a target group there that already holds a web server.
 */
export function adoptable(inv: Inventory, roles: LabRoles): { loadBalancer?: LoadBalancer; targetGroup?: TargetGroup } {
  const vpcId = roles.webServer?.vpcId;
  if (!vpcId) return {};
  const ids = [roles.webServer?.id, roles.clone?.id].filter((id): id is string => id !== undefined);
  const loadBalancer = roles.loadBalancer?.vpcId === vpcId ? roles.loadBalancer : undefined;
  const targetGroup =
    roles.targetGroup?.vpcId === vpcId
      ? roles.targetGroup
      : inv.targetGroups.find((tg) => tg.vpcId === vpcId && tg.targets.some((t) => ids.includes(t.id)));
  return { ...(loadBalancer ? { loadBalancer } : {}), ...(targetGroup ? { targetGroup } : {}) };
}

/** `wanted`, or the first of "wanted 2", "wanted 3", … that no own AMI has (AMI names are unique per account). */
export function freeImageName(inv: Inventory, wanted: string): string {
  const taken = new Set(inv.images.filter((i) => i.state !== 'deregistered').map((i) => i.name));
  if (!taken.has(wanted)) return wanted;
  let n = 2;
  while (taken.has(`${wanted} ${n}`)) n += 1;
  return `${wanted} ${n}`;
}

function optionsFor(id: StepId, input: CheckInput, roles: LabRoles, given: StepOptions = {}): StepOption[] {
  const inv = input.inventory;
  // 4.3 is a web tier in the lab's VPC: seed 003's or 004's, whatever else the settings say.
  const names = namesOf(id === '4.3' ? labVpcLayout(input.layout) : input.layout, inv.student);
  const region = inv.context.region;
  const ws = roles.webServer;
  switch (id) {
    case '0.1':
    case '4.3': {
      const vpc = names.network === 'labVpc' ? findLabVpc(inv) : inv.vpcs.find((v) => v.isDefault);
      return [
        text('name', 'option.instanceName', names.webServer),
        {
          key: 'instanceType',
          code: 'option.instanceType',
          kind: 'choice',
          default: 'auto',
          choices: [
            { value: 'auto', code: 'choice.freeTier', args: { type: 't2.micro / t3.micro', freeTier: 'yes' } },
            { value: 't2.micro', code: 'choice.freeTier', args: { type: 't2.micro' } },
            { value: 't3.micro', code: 'choice.freeTier', args: { type: 't3.micro' } },
          ],
        },
        azChoice(azsWithSubnet(inv, vpc?.id), `${region}a`),
        {
          key: 'sshSource',
          code: 'option.sshSource',
          kind: 'choice',
          default: 'myIp',
          choices: [
            { value: 'myIp', code: 'choice.sshMyIp' },
            { value: 'anywhere', code: 'choice.sshAnywhere' },
          ],
        },
        text('keyName', 'option.keyName', names.keyPair),
        { key: 'keyFile', code: 'option.keyFile', kind: 'file', default: `~/.ssh/${names.keyPair}.pem` },
      ];
    }
    case '1.1':
      return [
        text(
          'description',
          'option.snapshotDescription',
          `${names.webServer} root volume: httpd and the CPS Research Center page`,
        ),
        text('state', 'option.stateTag', 'web-server'),
        text('date', 'option.dateTag', inv.fetchedAt.slice(0, 10)),
      ];
    case '1.2': {
      // Seed 001 makes it from WebServer, stopped first: nothing to reboot then.
      const byDefault = defaultImageMethod(roles, input.layout);
      const method = given.method ?? byDefault;
      const options: StepOption[] = [
        {
          key: 'method',
          code: 'option.imageMethod',
          kind: 'choice',
          default: byDefault,
          choices: [
            { value: 'snapshot', code: 'choice.fromSnapshot' },
            { value: 'instance', code: 'choice.fromInstance' },
          ],
        },
        text('name', 'option.imageName', freeImageName(inv, names.image)),
      ];
      // Only an image made from the running instance may reboot it; from the snapshot nothing reboots.
      if (asksNoReboot(roles, input.layout, method))
        options.push({
          key: 'noReboot',
          code: 'option.noReboot',
          kind: 'choice',
          default: 'true',
          choices: [
            { value: 'true', code: 'choice.noReboot' },
            { value: 'false', code: 'choice.reboot' },
          ],
        });
      return options;
    }
    case '1.3': {
      if (awaitsFirstServer(roles, input.layout)) return serverPairOptions(inv, roles, input.layout, given);
      const azs = azsWithSubnet(inv, ws?.vpcId).filter((az) => az !== ws?.az);
      return [text('name', 'option.instanceName', names.clone), azChoice(azs, `${region}d`, ws?.az)];
    }
    case '1.6': {
      if (choosesClassic(roles, input.layout, given)) return classicOptions(inv, roles, input.layout);
      const vpcId = ws?.vpcId;
      const existing = inv.securityGroups.filter((g) => g.vpcId === vpcId && g.name !== names.albSecurityGroup);
      // A load balancer made by hand is finished as it is: its names, and its own groups unless told otherwise.
      const adopted = adoptable(inv, roles);
      const lbGroups = adopted.loadBalancer?.securityGroupIds.map(
        (id) => inv.securityGroups.find((g) => g.id === id)?.name ?? id,
      );
      return [
        balancerChoice(roles, input.layout),
        text('loadBalancerName', 'option.loadBalancerName', adopted.loadBalancer?.name ?? names.loadBalancer),
        text('targetGroupName', 'option.targetGroupName', adopted.targetGroup?.name ?? names.targetGroup),
        text('healthCheckPath', 'option.healthCheckPath', names.healthCheckPath),
        {
          key: 'securityGroup',
          code: 'option.albSecurityGroup',
          kind: 'choice',
          default: lbGroups ? 'keep' : 'new',
          choices: [
            ...(lbGroups ? [{ value: 'keep', code: 'choice.keepGroups', args: { names: lbGroups.join(', ') } }] : []),
            { value: 'new', code: 'choice.newGroup', args: { name: names.albSecurityGroup } },
            ...existing.map((g) => ({ value: g.id, code: 'choice.existingGroup', args: { name: g.name, id: g.id } })),
          ],
        },
      ];
    }
    case '1.5':
      return [
        {
          key: 'keyFile',
          code: 'option.sshKeyFile',
          kind: 'file',
          default: `~/.ssh/${ws?.keyName ?? names.keyPair}.pem`,
        },
      ];
    case '1.8':
      return [text('requests', 'option.requests', String(DEFAULT_TALLY_REQUESTS))];
    case '1.10': {
      const instances = [roles.clone, ws].filter((i) => i !== undefined);
      return [
        {
          key: 'stop',
          code: 'option.stopInstance',
          kind: 'choice',
          default: instances[0]?.id ?? '',
          choices: instances.map((i) => ({
            value: i.id,
            code: 'choice.instance',
            args: { name: i.name ?? i.id, id: i.id, az: i.az },
          })),
        },
        text('requests', 'option.requests', String(DEFAULT_EXERCISE_REQUESTS)),
      ];
    }
    case '4.1': {
      // A VPC already there (by hand, or a half-done run) keeps its name and CIDR: the run finishes it.
      const vpc = findLabVpc(inv);
      const zones = layoutZones(inv);
      const names = inv.azs.filter((z) => z.state === 'available').map((z) => z.name);
      const zone = (key: string, code: 'option.firstAz' | 'option.secondAz', preferred: string | undefined) => ({
        key,
        code,
        kind: 'choice' as const,
        default: preferred ?? names[0] ?? '',
        choices: names.map((az) => ({ value: az, code: 'choice.az', args: { az, note: '' } })),
      });
      const natPrice = priceTable(region)?.natGatewayHour.usd;
      return [
        text('name', 'option.vpcName', vpc?.name ?? namesOf(input.layout, inv.student).vpc),
        text('cidr', 'option.vpcCidr', vpc?.cidr ?? TEST_VPC.cidr),
        zone('az1', 'option.firstAz', zones[0]),
        zone('az2', 'option.secondAz', zones[1]),
        {
          key: 'nat',
          code: 'option.natGateway',
          kind: 'choice',
          default: 'none',
          choices: [
            { value: 'none', code: 'choice.noNat' },
            { value: 'one', code: 'choice.oneNat', args: natPrice !== undefined ? { usdPerHour: natPrice } : {} },
          ],
        },
      ];
    }
    case '2.1':
    case '2.2':
    case '2.5':
    case '2.6':
    case '2.7':
      return databaseOptions(id, input, findDatabaseRoles(inv, roles, input.layout));
    case '3.1':
    case '3.2':
    case '3.3':
    case '3.4':
    case '3.5':
      return scalingOptions(id, inv, roles, input.layout);
    default:
      return [];
  }
}

/** Why a step cannot run yet, from what it builds on; undefined when it can. */
function notReady(id: StepId, input: CheckInput, roles: LabRoles) {
  // Every step has a runner for the CLI and track runs, also those the editor leaves to the student (1.5's edit,
  // 4.2's check): nothing here stops them.
  if (
    id === '0.1' &&
    namesOf(input.layout, input.inventory.student).network === 'labVpc' &&
    !findLabVpc(input.inventory)
  )
    return reason('run.noLabVpc');
  if (id === '0.1' || id === '4.1' || id === '4.2') return undefined;
  if (id === '4.3' || id === '4.4') {
    const vpc = findLabVpc(input.inventory);
    if (!vpc) return reason('run.noLabVpc');
    if (id === '4.4' && !labVpcLoadBalancer(input.inventory, vpc.id))
      return reason('privateTier.noLoadBalancer', { vpc: vpc.name ?? vpc.id });
    return undefined;
  }
  if (!roles.webServer) return reason('webServer.missing');
  // Seed 001: WebServer is still the web server until 1.3 launches image1server from its AMI.
  if (ON_BOTH_SERVERS.includes(id) && awaitsFirstServer(roles, input.layout))
    return firstServerMissing(roles, input.layout, input.inventory.student);
  if (id.startsWith('2.')) return databaseBlocker(id, input, roles, input.layout);
  if (id.startsWith('3.')) return scalingBlocker(id, input.inventory, roles, input.layout);
  if (id === '1.3' && roles.images.length === 0 && !roles.clone)
    return reason('image.missing', { webServer: roles.webServer.name ?? roles.webServer.id });
  if ((id === '1.4' || id === '1.5' || id === '1.6') && !roles.clone) return cloneMissing(roles);
  if (['1.7', '1.8', '1.9', '1.10'].includes(id)) {
    if (!roles.loadBalancer && !roles.classicLoadBalancer) return balancerMissing(input, roles);
    if (!roles.clone) return cloneMissing(roles);
  }
  if (id === '1.7') {
    const check = checkStep('1.7', input);
    if (check.status === 'passed') return reason('targets.allHealthy');
  }
  return undefined;
}

/**
 * What running the step would ask, with the answers given so far: a choice can change which questions apply
 * (1.2 asks NoReboot only when the AMI is made from the instance), so a UI plans again when a choice changes.
 */
export function planStep(id: StepId, input: CheckInput, given: StepOptions = {}): StepPlan {
  const roles = findRoles(input.inventory, input.observations, input.layout);
  const why = notReady(id, input, roles);
  if (why) return { step: id, ready: false, reason: why };
  const options = optionsFor(id, input, roles, given);
  const preview = previewOf(id, roles, input.layout, answers(options, given), input.inventory.student);
  return { step: id, ready: true, options, ...(preview.length > 0 ? { preview } : {}) };
}

/** The answers given, else the defaults (what the run would use). */
function answers(options: readonly StepOption[], given: StepOptions): Record<string, string> {
  return Object.fromEntries(options.map((o) => [o.key, given[o.key] ?? o.default]));
}

/** What the run will do that its options do not say (seed 001's 1.2 and 1.3). */
function previewOf(
  id: StepId,
  roles: LabRoles,
  layout: LayoutId | undefined,
  opts: Record<string, string>,
  student?: string,
) {
  if (id === '1.2') return imagePreview(roles, layout, opts.name ?? namesOf(layout, student).image);
  if (id === '1.3') return launchPreview(roles, layout, opts, student);
  return [];
}

/** The defaults with the student's answers over them; a choice outside its choices is a StepError. */
export function resolveOptions(id: StepId, input: CheckInput, given: StepOptions): Record<string, string> {
  const roles = findRoles(input.inventory, input.observations, input.layout);
  const out: Record<string, string> = {};
  for (const option of optionsFor(id, input, roles, given)) {
    const value = given[option.key] ?? option.default;
    if (
      option.kind === 'choice' &&
      option.choices &&
      option.choices.length > 0 &&
      !option.choices.some((c) => c.value === value)
    ) {
      throw new StepError(id, reason('run.badOption', { key: option.key, value }));
    }
    out[option.key] = value;
  }
  if (out.requests !== undefined) {
    const n = Number(out.requests);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new StepError(id, reason('run.badOption', { key: 'requests', value: out.requests }));
  }
  if (id.startsWith('3.')) checkScalingOptions(id, out);
  return out;
}
