// The explorer's node: a kind, a stable hierarchical id, a contextValue for menus, its parent and children,
// and the few helpers every part of the tree builds its rows with. Plain data: explorerTree.ts turns a node
// into a vscode.TreeItem; nothing under src/views/explorer/ imports vscode (unit-tested in Node).
import type { AwsProblem } from '../../aws/errors';
import type { Fix, StepId } from '../../lab/types';
import type { ConsoleResourceType } from '../../aws/consoleUrl';
import { TONE_COLORS, type Tone } from './text';

export type NodeKind =
  | 'account'
  | 'group'
  | 'vpc'
  | 'az'
  | 'subnet'
  | 'internetGateway'
  | 'natGateway'
  | 'routeTables'
  | 'routeTable'
  | 'route'
  | 'routeAssociation'
  | 'instance'
  | 'loadBalancer'
  | 'listener'
  | 'targetGroup'
  | 'target'
  | 'healthCheck'
  | 'dbInstance'
  | 'dbCluster'
  | 'dbClusterMember'
  | 'dbPlacement'
  | 'dbEndpoint'
  | 'dbSubnetGroup'
  | 'dbSubnet'
  | 'dbSecurityGroup'
  | 'image'
  | 'snapshot'
  | 'elasticIp'
  | 'securityGroup'
  | 'securityGroupRule'
  | 'autoScalingGroup'
  | 'autoScalingInstance'
  | 'launchTemplate'
  | 'scalingPolicy'
  | 'metricAlarm'
  | 'scalingActivities'
  | 'scalingActivity'
  | 'otherStudents'
  | 'otherStudent'
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

/** The root's id; every other id is its parent's id, a slash, and a segment of its own. */
export const ROOT_ID = 'account';

/** Every node, depth first (tests, lookups by id). */
export function* walk(nodes: readonly ExplorerNode[]): Generator<ExplorerNode> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Node construction: the tree is built top down, so a node stays mutable until the tree is returned.

export type MutableNode = { -readonly [K in keyof ExplorerNode]: ExplorerNode[K] } & { children: ExplorerNode[] };

export type NodeSpec = Omit<ExplorerNode, 'parent' | 'children' | 'contextValue' | 'expand'> & {
  readonly expand?: ExplorerNode['expand'];
  /** Extra context tokens beyond the ones derived from the resource. */
  readonly tokens?: readonly string[];
};

export function make(parent: ExplorerNode | undefined, spec: NodeSpec): MutableNode {
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
export function add(parent: ExplorerNode, spec: NodeSpec): MutableNode {
  const node = make(parent, spec);
  const p = parent as MutableNode;
  p.children.push(node);
  if (p.expand === 'none') p.expand = 'collapsed';
  return node;
}

export function icon(id: string, tone: Tone = 'neutral'): { id: string; color?: string } {
  const color = TONE_COLORS[tone];
  return color ? { id, color } : { id };
}

export function addEmpty(parent: ExplorerNode, label: string): void {
  add(parent, { kind: 'empty', id: `${parent.id}/empty`, label, icon: { id: 'circle-small' } });
}

/** Rows sort by their text the same way on every machine (not by the student's locale). */
export const byText = (a: string, b: string) => a.localeCompare(b, 'en');
