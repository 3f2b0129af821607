// The account explorer as plain data: one pure function from an inventory (or a loading/failed state) to a
// tree of small nodes, each with a kind, a stable hierarchical id, a contextValue for menus and its parent.
// explorerTree.ts turns a node into a vscode.TreeItem; this file never imports vscode (unit-tested in Node).
import type { AwsProblem } from '../aws/errors';
import type {
  DbCluster,
  DbInstance,
  Instance,
  Inventory,
  InventorySection,
  LoadBalancer,
  SecurityGroup,
  Subnet,
  Target,
  TargetGroup,
} from '../aws/types';
import { COMMANDS } from '../commands/ids';
import { fixTitle, reasonText } from '../lab/text';
import type { Fix, Reason, StepId } from '../lab/types';
import type { ConsoleResourceType } from '../platform/consoleUrl';
import { problemMessage } from '../platform/problemMessages';
import type { Translate } from '../platform/translate';
import {
  mdCode,
  mdFields,
  mdText,
  ruleSentence,
  stateText,
  targetReasonText,
  timeText,
  TONE_COLORS,
  toneOf,
  type Tone,
} from './explorerText';

export type NodeKind =
  | 'account'
  | 'group'
  | 'vpc'
  | 'az'
  | 'subnet'
  | 'instance'
  | 'loadBalancer'
  | 'listener'
  | 'targetGroup'
  | 'target'
  | 'dbInstance'
  | 'dbCluster'
  | 'dbClusterMember'
  | 'image'
  | 'snapshot'
  | 'elasticIp'
  | 'securityGroup'
  | 'securityGroupRule'
  | 'autoScalingGroup'
  | 'autoScalingInstance'
  | 'error'
  | 'empty'
  | 'loading';

export type GroupId =
  'network' | 'loadBalancing' | 'databases' | 'images' | 'elasticIps' | 'securityGroups' | 'autoScaling';

/** What the copy and open-in-console commands act on. */
export interface ResourceRef {
  readonly id?: string;
  readonly arn?: string;
  readonly dnsName?: string;
  readonly consoleType?: ConsoleResourceType;
  readonly region: string;
}

export interface ExplorerNode {
  readonly kind: NodeKind;
  /** Stable across refreshes and unique in the tree: VS Code keeps expansion state by it. */
  readonly id: string;
  readonly parent: ExplorerNode | undefined;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  /** A codicon id and a theme colour id. */
  readonly icon?: { readonly id: string; readonly color?: string };
  /** Space-separated tokens: the kind first, then hasId / hasArn / hasDns / console / ssoLogin / chooseAccount. */
  readonly contextValue: string;
  readonly expand: 'none' | 'collapsed' | 'expanded';
  readonly children: readonly ExplorerNode[];
  readonly command?: { readonly id: string; readonly title: string; readonly args?: readonly unknown[] };
  readonly resource?: ResourceRef;
  /** Error nodes: the facts behind the message. */
  readonly problem?: AwsProblem;
  /** Targets with a diagnosis: the fix the "Fix" action applies, and the lab step it belongs to. */
  readonly fix?: Fix;
  readonly step?: StepId;
}

/** Why a target is not healthy (1.7), from the lab's checks: every cause found, and the fixes for them. */
export interface TargetDiagnosis {
  readonly causes: readonly Reason[];
  readonly fixes: readonly Fix[];
}

/** Diagnoses keyed by target group ARN and target id. */
export type TargetDiagnoses = ReadonlyMap<string, TargetDiagnosis>;

export const diagnosisKey = (targetGroupArn: string, targetId: string) => `${targetGroupArn}|${targetId}`;

/** Who and where, known before the first snapshot (from settings or the resolved account). */
export interface AccountHint {
  readonly kind: 'practice' | 'aws';
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
}

export type ExplorerState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly account?: AccountHint }
  | { readonly status: 'loaded'; readonly inventory: Inventory }
  | {
      readonly status: 'failed';
      readonly problem: AwsProblem;
      readonly account?: AccountHint;
      /** The last snapshot of the same account: a failed refresh keeps it on screen under the error. */
      readonly previous?: Inventory;
    };

export const ROOT_ID = 'account';

/** The tree's roots: nothing while idle (the view's welcome text shows), else the one account node. */
export function buildExplorerTree(
  state: ExplorerState,
  t: Translate,
  diagnoses: TargetDiagnoses = new Map(),
): ExplorerNode[] {
  switch (state.status) {
    case 'idle':
      return [];
    case 'loading': {
      const account = accountNodeFromHint(state.account, t);
      add(account, { kind: 'loading', id: `${ROOT_ID}/loading`, label: t('Loading…'), icon: { id: 'loading~spin' } });
      return [account];
    }
    case 'failed': {
      if (state.previous) {
        const account = new InventoryTree(state.previous, t, diagnoses).build();
        const error = addProblem(account, `${ROOT_ID}/error`, state.problem, undefined, t);
        error.description = t('showing {0}', timeText(state.previous.fetchedAt) ?? '');
        // The error first, above the groups it leaves stale.
        (account as MutableNode).children.unshift((account as MutableNode).children.pop()!);
        return [account];
      }
      const account = accountNodeFromHint(state.account, t);
      addProblem(account, `${ROOT_ID}/error`, state.problem, undefined, t);
      return [account];
    }
    case 'loaded':
      return [new InventoryTree(state.inventory, t, diagnoses).build()];
  }
}

/** Every node, depth first (tests, lookups by id). */
export function* walk(nodes: readonly ExplorerNode[]): Generator<ExplorerNode> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Node construction

type MutableNode = { -readonly [K in keyof ExplorerNode]: ExplorerNode[K] } & { children: ExplorerNode[] };

type NodeSpec = Omit<ExplorerNode, 'parent' | 'children' | 'contextValue' | 'expand'> & {
  readonly expand?: ExplorerNode['expand'];
  /** Extra context tokens beyond the ones derived from the resource. */
  readonly tokens?: readonly string[];
};

function make(parent: ExplorerNode | undefined, spec: NodeSpec): MutableNode {
  const { tokens, ...rest } = spec;
  const r = spec.resource;
  const contextValue = [
    spec.kind,
    r?.id ? 'hasId' : undefined,
    r?.arn ? 'hasArn' : undefined,
    r?.dnsName ? 'hasDns' : undefined,
    r?.consoleType ? 'console' : undefined,
    ...(tokens ?? []),
  ]
    .filter((x): x is string => x !== undefined)
    .join(' ');
  return { ...rest, parent, children: [], contextValue, expand: spec.expand ?? 'none' };
}

/** Adds a child; a parent with children becomes collapsible (collapsed unless it asked to be expanded). */
function add(parent: ExplorerNode, spec: NodeSpec): MutableNode {
  const node = make(parent, spec);
  const p = parent as MutableNode;
  p.children.push(node);
  if (p.expand === 'none') p.expand = 'collapsed';
  return node;
}

function icon(id: string, tone: Tone = 'neutral'): { id: string; color?: string } {
  const color = TONE_COLORS[tone];
  return color ? { id, color } : { id };
}

function addEmpty(parent: ExplorerNode, label: string): void {
  add(parent, { kind: 'empty', id: `${parent.id}/empty`, label, icon: { id: 'circle-small' } });
}

function addProblem(
  parent: ExplorerNode,
  id: string,
  problem: AwsProblem,
  action: string | undefined,
  t: Translate,
): MutableNode {
  const { message, commandLine, action: follow } = problemMessage(problem, t);
  const command =
    follow?.kind === 'ssoLogin'
      ? { id: COMMANDS.ssoLogin, title: t('Sign In with AWS SSO'), args: [follow.profile] }
      : follow?.kind === 'chooseAccount'
        ? { id: COMMANDS.chooseAccount, title: t('Choose Account…') }
        : undefined;
  const tooltip = [
    mdText(message),
    commandLine ? '```sh\n' + commandLine + '\n```' : undefined,
    action ? mdFields([[t('Action'), mdCode(action)]]) : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  return add(parent, {
    kind: 'error',
    id,
    label: message,
    description: action,
    tooltip,
    icon: icon('error', 'bad'),
    command,
    problem,
    tokens: follow && follow.kind !== 'refresh' ? [follow.kind] : [],
  });
}

function accountNodeFromHint(hint: AccountHint | undefined, t: Translate): MutableNode {
  const region = hint?.region ?? '…';
  const label =
    hint?.kind === 'practice'
      ? t('Practice account · {0}', region)
      : [hint ? (hint.profile ?? t('AWS account')) : t('Account'), hint?.region].filter(Boolean).join(' · ');
  return make(undefined, {
    kind: 'account',
    id: ROOT_ID,
    label,
    description: hint?.endpoint,
    icon: icon(hint?.kind === 'practice' ? 'beaker' : 'cloud'),
    expand: 'expanded',
    tokens: hint ? [hint.kind] : [],
  });
}

// ---------------------------------------------------------------------------------------------------------
// The loaded tree

const SECTION_GROUP: Readonly<Record<InventorySection, GroupId>> = {
  network: 'network',
  instances: 'network',
  storage: 'images',
  addresses: 'elasticIps',
  securityGroups: 'securityGroups',
  loadBalancing: 'loadBalancing',
  databases: 'databases',
  autoScaling: 'autoScaling',
};

const byText = (a: string, b: string) => a.localeCompare(b, 'en');

class InventoryTree {
  private readonly region: string;
  private readonly partition: string;
  private readonly instances: ReadonlyMap<string, Instance>;
  private readonly subnets: ReadonlyMap<string, Subnet>;
  private readonly groupNames: ReadonlyMap<string, string>;
  private readonly targetGroups: ReadonlyMap<string, TargetGroup>;

  constructor(
    private readonly inv: Inventory,
    private readonly t: Translate,
    private readonly diagnoses: TargetDiagnoses,
  ) {
    this.region = inv.context.region;
    this.partition = inv.context.region.startsWith('cn-')
      ? 'aws-cn'
      : inv.context.region.startsWith('us-gov-')
        ? 'aws-us-gov'
        : 'aws';
    this.instances = new Map(inv.instances.map((i) => [i.id, i]));
    this.subnets = new Map(inv.subnets.map((s) => [s.id, s]));
    this.groupNames = new Map(inv.securityGroups.map((g) => [g.id, g.name]));
    this.targetGroups = new Map(inv.targetGroups.map((g) => [g.arn, g]));
  }

  build(): ExplorerNode {
    const { t, inv } = this;
    const ctx = inv.context;
    const label =
      ctx.kind === 'practice'
        ? t('Practice account · {0}', ctx.region)
        : [ctx.profile, ctx.accountId, ctx.region].filter(Boolean).join(' · ');
    const account = make(undefined, {
      kind: 'account',
      id: ROOT_ID,
      label,
      description: ctx.kind === 'aws' ? ctx.endpoint : undefined,
      tooltip: mdFields([
        [t('Account'), mdCode(ctx.accountId)],
        [t('Signed in as'), mdCode(ctx.callerArn)],
        [t('Profile'), ctx.profile ? mdCode(ctx.profile) : undefined],
        [t('Region'), mdCode(ctx.region)],
        [t('Endpoint'), ctx.endpoint ? mdCode(ctx.endpoint) : undefined],
        [t('Updated'), timeText(inv.fetchedAt)],
      ]),
      icon: icon(ctx.kind === 'practice' ? 'beaker' : 'cloud'),
      expand: 'expanded',
      resource: { id: ctx.accountId, arn: ctx.callerArn, region: ctx.region },
      tokens: [ctx.kind],
    });

    const groups = new Map<GroupId, MutableNode>();
    const group = (id: GroupId, title: string, iconId: string, expand: 'collapsed' | 'expanded') => {
      const node = add(account, { kind: 'group', id: `${ROOT_ID}/${id}`, label: title, icon: icon(iconId), expand });
      groups.set(id, node);
      return node;
    };
    this.network(group('network', t('Network'), 'type-hierarchy', 'expanded'));
    this.loadBalancing(group('loadBalancing', t('Load balancing'), 'repo-forked', 'expanded'));
    this.databases(group('databases', t('Databases'), 'database', 'collapsed'));
    this.images(group('images', t('Images and snapshots'), 'device-camera', 'collapsed'));
    this.elasticIps(group('elasticIps', t('Elastic IPs'), 'location', 'collapsed'));
    this.securityGroups(group('securityGroups', t('Security groups'), 'shield', 'collapsed'));
    // Auto Scaling is the lab's optional track: its group appears only once there is something to show.
    const problemsFor = (g: GroupId) => inv.problems.filter((p) => SECTION_GROUP[p.section] === g);
    if (inv.autoScalingGroups.length > 0 || problemsFor('autoScaling').length > 0) {
      this.autoScaling(group('autoScaling', t('Auto Scaling groups'), 'layers', 'collapsed'));
    }

    for (const [id, node] of groups) {
      const problems = problemsFor(id);
      // A section that could not be read shows why instead of "none yet".
      for (const p of problems) addProblem(node, `${node.id}/problem:${p.section}:${p.action}`, p.error, p.action, t);
      if (node.children.length === 0) addEmpty(node, t('None yet'));
    }
    return account;
  }

  private arn(service: string, resource: string, withAccount = true): string {
    return `arn:${this.partition}:${service}:${this.region}:${withAccount ? this.inv.context.accountId : ''}:${resource}`;
  }

  // --- Network: VPC > AZ > subnet > instances -------------------------------------------------------------

  private network(parent: ExplorerNode): void {
    const { inv, t } = this;
    const bySubnet = new Map<string, Instance[]>();
    const loose: Instance[] = [];
    for (const i of inv.instances) {
      if (i.subnetId && this.subnets.has(i.subnetId)) {
        const list = bySubnet.get(i.subnetId) ?? [];
        list.push(i);
        bySubnet.set(i.subnetId, list);
      } else {
        loose.push(i);
      }
    }
    const vpcs = [...inv.vpcs].sort(
      (a, b) => Number(b.isDefault) - Number(a.isDefault) || byText(a.name ?? a.id, b.name ?? b.id),
    );
    for (const vpc of vpcs) {
      const vpcNode = add(parent, {
        kind: 'vpc',
        id: `${parent.id}/vpc:${vpc.id}`,
        label: vpc.name ?? vpc.id,
        description: [vpc.cidr, vpc.isDefault ? t('default VPC') : undefined].filter(Boolean).join(' · '),
        tooltip: mdFields([
          [t('VPC'), mdCode(vpc.id)],
          [t('Name'), vpc.name ? mdText(vpc.name) : undefined],
          [t('CIDR'), mdCode(vpc.cidr)],
          [t('State'), stateText(vpc.state, t)],
        ]),
        icon: icon('cloud'),
        expand: 'expanded',
        resource: { id: vpc.id, arn: this.arn('ec2', `vpc/${vpc.id}`), consoleType: 'vpc', region: this.region },
      });
      const subnets = inv.subnets.filter((s) => s.vpcId === vpc.id);
      const azs = [...new Set(subnets.map((s) => s.az))].sort(byText);
      for (const az of azs) {
        const azSubnets = subnets.filter((s) => s.az === az).sort((a, b) => byText(a.cidr, b.cidr));
        const count = azSubnets.reduce((n, s) => n + (bySubnet.get(s.id)?.length ?? 0), 0);
        const zone = inv.azs.find((z) => z.name === az);
        const azNode = add(vpcNode, {
          kind: 'az',
          id: `${vpcNode.id}/az:${az}`,
          label: az,
          description: zone?.zoneId,
          tooltip: mdFields([
            [t('Availability Zone'), mdCode(az)],
            [t('Zone ID'), zone ? mdCode(zone.zoneId) : undefined],
          ]),
          icon: icon('globe'),
          expand: count > 0 ? 'expanded' : 'collapsed',
        });
        for (const subnet of azSubnets) {
          const instances = bySubnet.get(subnet.id) ?? [];
          const subnetNode = add(azNode, {
            kind: 'subnet',
            id: `${azNode.id}/subnet:${subnet.id}`,
            label: subnet.name ?? subnet.id,
            description: [subnet.cidr, subnet.isPublic ? t('public') : t('private')].join(' · '),
            tooltip: mdFields([
              [t('Subnet'), mdCode(subnet.id)],
              [t('Name'), subnet.name ? mdText(subnet.name) : undefined],
              [t('CIDR'), mdCode(subnet.cidr)],
              [
                t('Route to the internet'),
                subnet.isPublic
                  ? t('yes: public subnet (0.0.0.0/0 goes to an internet gateway)')
                  : t('no: private subnet'),
              ],
              [t('Auto-assign public IP'), subnet.mapPublicIpOnLaunch ? t('yes') : t('no')],
              [t('Free IP addresses'), String(subnet.availableIpCount)],
            ]),
            icon: icon(subnet.isPublic ? 'unlock' : 'lock'),
            expand: instances.length > 0 ? 'expanded' : 'none',
            resource: {
              id: subnet.id,
              arn: this.arn('ec2', `subnet/${subnet.id}`),
              consoleType: 'subnet',
              region: this.region,
            },
          });
          for (const instance of sortInstances(instances)) this.instance(subnetNode, instance);
        }
      }
    }
    // Terminated instances lose their subnet; keep them visible (they still show in the console for a while).
    for (const instance of sortInstances(loose)) this.instance(parent, instance);
  }

  private instance(parent: ExplorerNode, i: Instance): void {
    const { t } = this;
    const address = i.elasticIp ? t('{0} (EIP)', i.elasticIp) : i.publicIp;
    const subnet = i.subnetId ? this.subnets.get(i.subnetId) : undefined;
    const volume = i.rootVolume;
    const volumeSize = volume?.sizeGiB ?? this.inv.volumes.find((v) => v.id === volume?.volumeId)?.sizeGiB;
    add(parent, {
      kind: 'instance',
      id: `${parent.id}/instance:${i.id}`,
      label: i.name ?? i.id,
      description: [stateText(i.state, t), i.type, address].filter(Boolean).join(' · '),
      tooltip:
        `**${mdText(i.name ?? i.id)}**\n\n` +
        mdFields([
          [t('Instance ID'), mdCode(i.id)],
          [
            t('State'),
            [stateText(i.state, t), i.stateReason ? mdText(i.stateReason) : undefined].filter(Boolean).join(' — '),
          ],
          [t('Instance type'), mdCode(i.type)],
          [t('Availability Zone'), mdCode(i.az)],
          [
            t('Subnet'),
            i.subnetId
              ? `${mdCode(i.subnetId)}${subnet ? ` (${subnet.cidr}, ${subnet.isPublic ? t('public') : t('private')})` : ''}`
              : undefined,
          ],
          [t('Private IP'), i.privateIp ? mdCode(i.privateIp) : undefined],
          [t('Public IP'), i.publicIp ? mdCode(i.publicIp) : undefined],
          [t('Elastic IP'), i.elasticIp ? mdCode(i.elasticIp) : undefined],
          [t('Public DNS'), i.publicDnsName ? mdCode(i.publicDnsName) : undefined],
          [t('Security groups'), i.securityGroups.map((g) => `${mdText(g.name)} (${mdCode(g.id)})`).join(', ')],
          [t('Key pair'), i.keyName ? mdCode(i.keyName) : undefined],
          [t('AMI'), mdCode(i.imageId)],
          [t('Launched'), timeText(i.launchTime)],
          [
            t('Root volume'),
            volume
              ? [
                  mdCode(volume.volumeId),
                  volume.deviceName,
                  volumeSize !== undefined ? `${volumeSize} GiB` : undefined,
                  volume.volumeType,
                ]
                  .filter(Boolean)
                  .join(' · ')
              : undefined,
          ],
        ]),
      icon: icon(instanceIcon(i.state), toneOf(i.state)),
      // `running`: the SSH commands (edit index.html, terminal) show in its menu.
      tokens: i.state === 'running' ? ['running'] : [],
      resource: {
        id: i.id,
        arn: this.arn('ec2', `instance/${i.id}`),
        dnsName: i.publicDnsName || undefined,
        consoleType: 'instance',
        region: this.region,
      },
    });
  }

  // --- Load balancing: LB > listener > target group > targets -----------------------------------------------

  private loadBalancing(parent: ExplorerNode): void {
    const { inv, t } = this;
    const listened = new Set<string>();
    for (const lb of [...inv.loadBalancers].sort((a, b) => byText(a.name, b.name))) {
      const lbNode = this.loadBalancer(parent, lb);
      const listeners = [...lb.listeners].sort((a, b) => a.port - b.port || byText(a.protocol, b.protocol));
      for (const listener of listeners) {
        const groups = listener.forwardTo.map((arn) => this.targetGroups.get(arn));
        const forwardNames = listener.forwardTo.map((arn, k) => groups[k]?.name ?? arnName(arn));
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
          resource: { arn: listener.arn, consoleType: 'listener', region: this.region },
        });
        listener.forwardTo.forEach((arn, k) => {
          listened.add(arn);
          const tg = groups[k];
          if (tg) this.targetGroup(listenerNode, tg);
        });
      }
      if (listeners.length === 0) addEmpty(lbNode, t('No listeners yet'));
    }
    // Target groups no listener forwards to: a student made one but has not wired it yet.
    for (const tg of [...inv.targetGroups].sort((a, b) => byText(a.name, b.name))) {
      if (!listened.has(tg.arn)) this.targetGroup(parent, tg);
    }
  }

  private loadBalancer(parent: ExplorerNode, lb: LoadBalancer): MutableNode {
    const { t } = this;
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
          [t('Security groups'), lb.securityGroupIds.map((id) => this.groupLabel(id)).join(', ')],
          [t('Created'), timeText(lb.createdTime)],
        ]),
      icon: icon('repo-forked', toneOf(lb.state)),
      expand: 'expanded',
      resource: { id: lb.name, arn: lb.arn, dnsName: lb.dnsName, consoleType: 'loadBalancer', region: this.region },
    });
  }

  private targetGroup(parent: ExplorerNode, tg: TargetGroup): void {
    const { t } = this;
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
      resource: { id: tg.name, arn: tg.arn, consoleType: 'targetGroup', region: this.region },
    });
    const targets = [...tg.targets].sort(
      (a, b) => byText(this.targetLabel(a), this.targetLabel(b)) || (a.port ?? 0) - (b.port ?? 0),
    );
    for (const target of targets) this.target(tgNode, tg, target);
    if (targets.length === 0) addEmpty(tgNode, t('No targets registered'));
  }

  private targetLabel(target: Target): string {
    return this.instances.get(target.id)?.name ?? target.id;
  }

  private target(parent: ExplorerNode, tg: TargetGroup, target: Target): void {
    const { t } = this;
    const instance = this.instances.get(target.id);
    const az = target.az ?? instance?.az;
    const explanation = target.reason ? targetReasonText(target.reason, t) : undefined;
    // The lab's diagnosis (1.7) says what is wrong in this account, and offers the fix.
    const diagnosis = target.state === 'healthy' ? undefined : this.diagnoses.get(diagnosisKey(tg.arn, target.id));
    const fix = diagnosis?.fixes[0];
    const why = diagnosis?.causes.map((c) => `- ${mdText(reasonText(c, t))}`).join('\n');
    add(parent, {
      kind: 'target',
      id: `${parent.id}/target:${target.id}:${target.port ?? ''}`,
      label: this.targetLabel(target),
      description: [stateText(target.state, t), target.reason, az].filter(Boolean).join(' · '),
      tooltip:
        `**${mdText(this.targetLabel(target))}**\n\n` +
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
              arn: this.arn('ec2', `instance/${target.id}`),
              consoleType: 'instance',
              region: this.region,
            }
          : { id: target.id, region: this.region },
    });
  }

  // --- Databases: RDS instances, Aurora cluster > members ----------------------------------------------------

  private databases(parent: ExplorerNode): void {
    const { inv } = this;
    const members = new Map(inv.dbInstances.map((d) => [d.id, d]));
    for (const db of [...inv.dbInstances].filter((d) => !d.clusterId).sort((a, b) => byText(a.id, b.id))) {
      this.dbInstance(parent, db);
    }
    for (const cluster of [...inv.dbClusters].sort((a, b) => byText(a.id, b.id)))
      this.dbCluster(parent, cluster, members);
  }

  private dbInstance(parent: ExplorerNode, db: DbInstance): void {
    const { t } = this;
    add(parent, {
      kind: 'dbInstance',
      id: `${parent.id}/db:${db.id}`,
      label: db.id,
      description: [
        stateText(db.status, t),
        db.multiAz ? t('Multi-AZ') : undefined,
        db.az ? [db.az, db.secondaryAz].filter(Boolean).join(' / ') : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip:
        `**${mdText(db.id)}**\n\n` +
        mdFields([
          [t('Status'), stateText(db.status, t)],
          [t('Engine'), [db.engine, db.engineVersion].filter(Boolean).join(' ')],
          [t('Class'), mdCode(db.instanceClass)],
          [t('Multi-AZ'), db.multiAz ? t('yes') : t('no')],
          [t('Availability Zone'), db.az ? mdCode(db.az) : undefined],
          [t('Secondary Availability Zone'), db.secondaryAz ? mdCode(db.secondaryAz) : undefined],
          [t('Endpoint'), db.endpoint ? mdCode(`${db.endpoint.address}:${db.endpoint.port}`) : undefined],
          [
            t('Storage'),
            db.storageGiB !== undefined ? `${db.storageGiB} GiB ${db.storageType ?? ''}`.trim() : undefined,
          ],
          [t('Publicly accessible'), db.publiclyAccessible ? t('yes') : t('no')],
          [t('Subnet group'), db.subnetGroupName ? mdCode(db.subnetGroupName) : undefined],
          [t('Security groups'), db.securityGroupIds.map((id) => this.groupLabel(id)).join(', ')],
        ]),
      icon: icon('database', toneOf(db.status)),
      resource: {
        id: db.id,
        arn: db.arn,
        dnsName: db.endpoint?.address,
        consoleType: 'dbInstance',
        region: this.region,
      },
    });
  }

  private dbCluster(parent: ExplorerNode, cluster: DbCluster, members: ReadonlyMap<string, DbInstance>): void {
    const { t } = this;
    const node = add(parent, {
      kind: 'dbCluster',
      id: `${parent.id}/cluster:${cluster.id}`,
      label: cluster.id,
      description: [stateText(cluster.status, t), cluster.engine, cluster.multiAz ? t('Multi-AZ') : undefined]
        .filter(Boolean)
        .join(' · '),
      tooltip:
        `**${mdText(cluster.id)}**\n\n` +
        mdFields([
          [t('Status'), stateText(cluster.status, t)],
          [t('Engine'), cluster.engine],
          [t('Writer endpoint'), cluster.endpoint ? mdCode(cluster.endpoint) : undefined],
          [t('Reader endpoint'), cluster.readerEndpoint ? mdCode(cluster.readerEndpoint) : undefined],
          [t('Port'), cluster.port !== undefined ? String(cluster.port) : undefined],
          [t('Availability Zones'), cluster.azs.map(mdCode).join(', ')],
        ]),
      icon: icon('database', toneOf(cluster.status)),
      expand: 'expanded',
      resource: {
        id: cluster.id,
        arn: cluster.arn,
        dnsName: cluster.endpoint,
        consoleType: 'dbCluster',
        region: this.region,
      },
    });
    // Writer first: that is how the console lists them and how a student reads a failover.
    const sorted = [...cluster.members].sort(
      (a, b) => Number(b.isWriter) - Number(a.isWriter) || byText(a.instanceId, b.instanceId),
    );
    for (const member of sorted) {
      const db = members.get(member.instanceId);
      const az = member.az ?? db?.az;
      const role = member.isWriter ? t('writer') : t('reader');
      add(node, {
        kind: 'dbClusterMember',
        id: `${node.id}/member:${member.instanceId}`,
        label: member.instanceId,
        description: [role, az, db ? stateText(db.status, t) : undefined].filter(Boolean).join(' · '),
        tooltip:
          `**${mdText(member.instanceId)}**\n\n` +
          mdFields([
            [t('Role'), role],
            [t('Availability Zone'), az ? mdCode(az) : undefined],
            [t('Status'), db ? stateText(db.status, t) : undefined],
            [t('Class'), db ? mdCode(db.instanceClass) : undefined],
            [t('Endpoint'), db?.endpoint ? mdCode(`${db.endpoint.address}:${db.endpoint.port}`) : undefined],
          ]),
        icon: icon(member.isWriter ? 'edit' : 'eye', db ? toneOf(db.status) : 'neutral'),
        resource: {
          id: member.instanceId,
          arn: db?.arn,
          dnsName: db?.endpoint?.address,
          consoleType: 'dbInstance',
          region: this.region,
        },
      });
    }
    if (sorted.length === 0) addEmpty(node, t('No DB instances in this cluster yet'));
  }

  // --- Images and snapshots, Elastic IPs -----------------------------------------------------------------------

  private images(parent: ExplorerNode): void {
    const { inv, t } = this;
    for (const image of [...inv.images].sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id))) {
      add(parent, {
        kind: 'image',
        id: `${parent.id}/ami:${image.id}`,
        label: image.name ?? image.id,
        description: ['AMI', stateText(image.state, t), image.snapshotIds.join(', ')].filter(Boolean).join(' · '),
        tooltip:
          `**${mdText(image.name ?? image.id)}**\n\n` +
          mdFields([
            [t('AMI ID'), mdCode(image.id)],
            [t('State'), stateText(image.state, t)],
            [t('Description'), image.description ? mdText(image.description) : undefined],
            [t('Snapshots'), image.snapshotIds.map(mdCode).join(', ')],
            [t('Created'), timeText(image.creationDate)],
          ]),
        icon: icon('package', toneOf(image.state)),
        resource: {
          id: image.id,
          arn: this.arn('ec2', `image/${image.id}`, false),
          consoleType: 'image',
          region: this.region,
        },
      });
    }
    for (const snap of [...inv.snapshots].sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id))) {
      const progress = snap.state === 'pending' && snap.progress ? snap.progress : undefined;
      add(parent, {
        kind: 'snapshot',
        id: `${parent.id}/snap:${snap.id}`,
        label: snap.name ?? snap.id,
        description: [t('Snapshot'), stateText(snap.state, t), progress, `${snap.sizeGiB} GiB`]
          .filter(Boolean)
          .join(' · '),
        tooltip:
          `**${mdText(snap.name ?? snap.id)}**\n\n` +
          mdFields([
            [t('Snapshot ID'), mdCode(snap.id)],
            [t('State'), [stateText(snap.state, t), snap.progress].filter(Boolean).join(' · ')],
            [t('Volume'), snap.volumeId ? mdCode(snap.volumeId) : undefined],
            [t('Size'), `${snap.sizeGiB} GiB`],
            [t('Description'), snap.description ? mdText(snap.description) : undefined],
            [t('Started'), timeText(snap.startTime)],
          ]),
        icon: icon('device-camera', toneOf(snap.state)),
        resource: {
          id: snap.id,
          arn: this.arn('ec2', `snapshot/${snap.id}`, false),
          consoleType: 'snapshot',
          region: this.region,
        },
      });
    }
  }

  private elasticIps(parent: ExplorerNode): void {
    const { inv, t } = this;
    for (const eip of [...inv.elasticIps].sort((a, b) => byText(a.publicIp, b.publicIp))) {
      const instance = eip.instanceId ? this.instances.get(eip.instanceId) : undefined;
      const target = eip.instanceId ? (instance?.name ?? eip.instanceId) : eip.networkInterfaceId;
      add(parent, {
        kind: 'elasticIp',
        id: `${parent.id}/eip:${eip.allocationId}`,
        label: eip.publicIp,
        description: target ?? t('not associated — still billed'),
        tooltip: mdFields([
          [t('Elastic IP'), mdCode(eip.publicIp)],
          [t('Allocation ID'), mdCode(eip.allocationId)],
          [
            t('Instance'),
            eip.instanceId
              ? `${instance?.name ? `${mdText(instance.name)} ` : ''}${mdCode(eip.instanceId)}`
              : undefined,
          ],
          [t('Network interface'), eip.networkInterfaceId ? mdCode(eip.networkInterfaceId) : undefined],
          [t('Private IP'), eip.privateIp ? mdCode(eip.privateIp) : undefined],
          [
            t('Billing'),
            target
              ? undefined
              : t(
                  'An Elastic IP that is not associated with a running instance is still billed by the hour. Release it when you no longer need it.',
                ),
          ],
        ]),
        icon: target ? icon('location') : icon('warning', 'busy'),
        resource: {
          id: eip.allocationId,
          arn: this.arn('ec2', `elastic-ip/${eip.allocationId}`),
          consoleType: 'elasticIp',
          region: this.region,
        },
      });
    }
  }

  // --- Security groups > rules as sentences --------------------------------------------------------------------

  private securityGroups(parent: ExplorerNode): void {
    for (const sg of [...this.inv.securityGroups].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id))) {
      this.securityGroup(parent, sg);
    }
  }

  private securityGroup(parent: ExplorerNode, sg: SecurityGroup): void {
    const { t } = this;
    const node = add(parent, {
      kind: 'securityGroup',
      id: `${parent.id}/sg:${sg.id}`,
      label: sg.name,
      description: sg.id,
      tooltip:
        `**${mdText(sg.name)}**\n\n` +
        mdFields([
          [t('Security group ID'), mdCode(sg.id)],
          [t('Description'), mdText(sg.description)],
          [t('VPC'), sg.vpcId ? mdCode(sg.vpcId) : undefined],
          [t('Inbound rules'), String(sg.inbound.length)],
          [t('Outbound rules'), String(sg.outbound.length)],
        ]),
      icon: icon('shield'),
      resource: {
        id: sg.id,
        arn: this.arn('ec2', `security-group/${sg.id}`),
        consoleType: 'securityGroup',
        region: this.region,
      },
    });
    const seen = new Set<string>();
    for (const [direction, rules] of [
      ['inbound', sg.inbound],
      ['outbound', sg.outbound],
    ] as const) {
      for (const rule of rules) {
        const s = rule.source;
        const peer = s.kind === 'group' ? s.groupId : s.kind === 'prefixList' ? s.prefixListId : s.cidr;
        let id = `${node.id}/${direction}:${rule.protocol}:${rule.fromPort ?? ''}-${rule.toPort ?? ''}:${peer}`;
        for (let n = 2; seen.has(id); n++) id = `${id}#${n}`;
        seen.add(id);
        const sentence = ruleSentence(rule, direction, sg.id, this.groupNames, t);
        add(node, {
          kind: 'securityGroupRule',
          id,
          label: sentence,
          description: rule.description,
          tooltip: mdFields([
            [t('Direction'), direction === 'inbound' ? t('inbound') : t('outbound')],
            [t('Rule'), mdText(sentence)],
            [t('Protocol'), rule.protocol === '-1' ? t('all') : rule.protocol],
            [
              t('Ports'),
              rule.fromPort !== undefined
                ? rule.fromPort === rule.toPort
                  ? String(rule.fromPort)
                  : `${rule.fromPort}–${rule.toPort ?? ''}`
                : undefined,
            ],
            [t('Description'), rule.description ? mdText(rule.description) : undefined],
          ]),
          icon: icon(direction === 'inbound' ? 'arrow-small-right' : 'arrow-small-left'),
        });
      }
    }
    if (sg.inbound.length === 0) {
      add(node, {
        kind: 'empty',
        id: `${node.id}/noInbound`,
        label: t('No inbound rules: nothing can connect in'),
        icon: { id: 'circle-small' },
      });
    }
  }

  // --- Auto Scaling groups > instances ------------------------------------------------------------------------

  private autoScaling(parent: ExplorerNode): void {
    const { inv, t } = this;
    for (const asg of [...inv.autoScalingGroups].sort((a, b) => byText(a.name, b.name))) {
      const node = add(parent, {
        kind: 'autoScalingGroup',
        id: `${parent.id}/asg:${asg.name}`,
        label: asg.name,
        description: t('desired {0} · min {1} · max {2}', asg.desired, asg.min, asg.max),
        tooltip:
          `**${mdText(asg.name)}**\n\n` +
          mdFields([
            [t('Desired capacity'), String(asg.desired)],
            [t('Minimum'), String(asg.min)],
            [t('Maximum'), String(asg.max)],
            [t('Availability Zones'), asg.azs.map(mdCode).join(', ')],
            [
              t('Launch template'),
              asg.launchTemplate
                ? [asg.launchTemplate.name ?? asg.launchTemplate.id, asg.launchTemplate.version]
                    .filter(Boolean)
                    .join(' v')
                : undefined,
            ],
            [
              t('Target groups'),
              asg.targetGroupArns.map((arn) => mdText(this.targetGroups.get(arn)?.name ?? arnName(arn))).join(', '),
            ],
          ]),
        icon: icon('layers'),
        resource: { id: asg.name, arn: asg.arn, consoleType: 'autoScalingGroup', region: this.region },
      });
      for (const member of [...asg.instances].sort((a, b) => byText(a.az, b.az) || byText(a.id, b.id))) {
        const instance = this.instances.get(member.id);
        add(node, {
          kind: 'autoScalingInstance',
          id: `${node.id}/instance:${member.id}`,
          label: instance?.name ?? member.id,
          description: [member.lifecycleState, stateText(member.healthStatus.toLowerCase(), t), member.az].join(' · '),
          tooltip: mdFields([
            [t('Instance ID'), mdCode(member.id)],
            [t('Lifecycle'), member.lifecycleState],
            [t('Health'), stateText(member.healthStatus.toLowerCase(), t)],
            [t('Availability Zone'), mdCode(member.az)],
            [t('State'), instance ? stateText(instance.state, t) : undefined],
          ]),
          icon: icon(
            instance ? instanceIcon(instance.state) : 'vm',
            instance ? toneOf(instance.state) : toneOf(member.lifecycleState),
          ),
          resource: {
            id: member.id,
            arn: this.arn('ec2', `instance/${member.id}`),
            consoleType: 'instance',
            region: this.region,
          },
        });
      }
      if (asg.instances.length === 0) addEmpty(node, t('No instances yet'));
    }
  }

  private groupLabel(id: string): string {
    const name = this.groupNames.get(id);
    return name ? `${mdText(name)} (${mdCode(id)})` : mdCode(id);
  }
}

function sortInstances(list: readonly Instance[]): Instance[] {
  return [...list].sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id) || byText(a.id, b.id));
}

function instanceIcon(state: string): string {
  switch (state) {
    case 'running':
      return 'vm-running';
    case 'pending':
    case 'stopping':
    case 'shutting-down':
      return 'vm-active';
    case 'terminated':
      return 'vm-outline';
    default:
      return 'vm';
  }
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

/** "WebServers" from "arn:aws:elasticloadbalancing:…:targetgroup/WebServers/0123". */
function arnName(arn: string): string {
  const parts = arn.split('/');
  return parts.length >= 2 ? (parts[parts.length - 2] ?? arn) : arn;
}
