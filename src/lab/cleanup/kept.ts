// What cleanup changes in what it keeps. A kept group whose rule names a lab group loses that rule (AWS refuses
// to delete a group another group refers to). And step 1.9 replaced "HTTP 80 from anywhere" in the web servers'
// group by "HTTP 80 from the ALB's group" (our runner, or the student in the console): once the ALB's group goes,
// the kept WebServer would serve nobody, so that rule comes back as the launch wizard made it (0.0.0.0/0 and
// ::/0, as seed 000 shows it). Inferred from the account alone: no record of 1.9 is needed.
import type { SecurityGroup, SecurityGroupRule } from '../../aws/types';
import { coversTcpPort } from '../checks/securityRules';

export type KeptRuleSource =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'cidr6'; readonly cidr: string }
  | { readonly kind: 'group'; readonly groupId: string; readonly groupName?: string };

export interface KeptChange {
  /** authorizeIngress: a rule the lab took away comes back; revoke*: a rule naming a lab group goes with it. */
  readonly action: 'authorizeIngress' | 'revokeIngress' | 'revokeEgress';
  /** The kept group that changes. */
  readonly groupId: string;
  readonly groupName: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly source: KeptRuleSource;
  /** The lab's group whose deletion makes this change. */
  readonly labGroupId: string;
  readonly labGroupName: string;
}

/** HTTP, the only port 1.9 closes; nothing else is ever opened to the internet by cleanup. */
const HTTP = 80;
const ANYWHERE: readonly KeptRuleSource[] = [
  { kind: 'cidr', cidr: '0.0.0.0/0' },
  { kind: 'cidr6', cidr: '::/0' },
];

const fromGroup = (r: SecurityGroupRule, ids: ReadonlySet<string>) =>
  r.source.kind === 'group' && ids.has(r.source.groupId);

/**
 * The changes to the kept groups when the groups `deleting` go: first the HTTP rules put back (a kept group that
 * admits HTTP only from groups about to go), then the rules that name those groups, revoked.
 */
export function keptChanges(groups: readonly SecurityGroup[], deleting: ReadonlySet<string>): KeptChange[] {
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const kept = groups.filter((g) => !deleting.has(g.id));
  const restores: KeptChange[] = [];
  const revokes: KeptChange[] = [];
  for (const g of kept) {
    const http = g.inbound.filter((r) => coversTcpPort(r, HTTP));
    const labSource = http.find((r) => fromGroup(r, deleting))?.source;
    if (labSource?.kind === 'group' && http.every((r) => fromGroup(r, deleting))) {
      for (const source of ANYWHERE)
        restores.push({
          action: 'authorizeIngress',
          groupId: g.id,
          groupName: g.name,
          protocol: 'tcp',
          fromPort: HTTP,
          toPort: HTTP,
          source,
          labGroupId: labSource.groupId,
          labGroupName: names.get(labSource.groupId) ?? labSource.groupId,
        });
    }
    for (const direction of ['inbound', 'outbound'] as const) {
      for (const r of g[direction]) {
        if (r.source.kind !== 'group' || !deleting.has(r.source.groupId)) continue;
        const labGroupName = names.get(r.source.groupId) ?? r.source.groupId;
        revokes.push({
          action: direction === 'inbound' ? 'revokeIngress' : 'revokeEgress',
          groupId: g.id,
          groupName: g.name,
          protocol: r.protocol,
          ...(r.fromPort !== undefined ? { fromPort: r.fromPort } : {}),
          ...(r.toPort !== undefined ? { toPort: r.toPort } : {}),
          source: { kind: 'group', groupId: r.source.groupId, groupName: labGroupName },
          labGroupId: r.source.groupId,
          labGroupName,
        });
      }
    }
  }
  return [...restores, ...revokes];
}
