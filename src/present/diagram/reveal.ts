// Which explorer row a diagram node stands for: the node of the same kind whose resource id or ARN is the ref's id
// (an instance is also a target and an Auto Scaling member: the kind picks its own row under its subnet), an AZ by
// its node id, else the ref's fallback (an internet gateway without a row of its own reveals its VPC).
import { walk, type ExplorerNode } from '../explorer/nodes';
import type { DiagramRef } from './model';

/** A reference as the page posted it, checked (the page is not trusted to send only what we drew). */
export function parseRef(value: unknown, depth = 0): DiagramRef | undefined {
  if (depth > 3 || typeof value !== 'object' || value === null) return undefined;
  const { kind, id, fallback } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || typeof id !== 'string' || kind.length > 40 || id.length > 2048) return undefined;
  const next = fallback === undefined ? undefined : parseRef(fallback, depth + 1);
  return next ? { kind, id, fallback: next } : { kind, id };
}

function matches(node: ExplorerNode, ref: DiagramRef): boolean {
  if (node.kind !== ref.kind) return false;
  if (ref.kind === 'az') {
    const [vpcId, az] = ref.id.split('/');
    return node.id.endsWith(`/vpc:${vpcId}/az:${az}`);
  }
  return node.resource?.id === ref.id || node.resource?.arn === ref.id;
}

export function findNodeFor(roots: readonly ExplorerNode[], ref: DiagramRef): ExplorerNode | undefined {
  for (let r: DiagramRef | undefined = ref; r; r = r.fallback) {
    for (const node of walk(roots)) if (matches(node, r)) return node;
  }
  return undefined;
}
