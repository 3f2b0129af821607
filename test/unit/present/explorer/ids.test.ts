// The explorer tree as a whole: unique ids below their parent that survive refreshes, and its build time.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { walk, type ExplorerNode } from '../../../../src/present/explorer/nodes';
import { inventory, loaded } from '../../../fixtures/explorerWorld';

describe('explorer tree: ids', () => {
  it('gives every node a unique id below its parent', () => {
    const roots = loaded(inventory());
    const ids = new Set<string>();
    for (const node of walk(roots)) {
      assert.ok(!ids.has(node.id), `duplicate id ${node.id}`);
      ids.add(node.id);
      if (node.parent) assert.ok(node.id.startsWith(`${node.parent.id}/`), `${node.id} is not below ${node.parent.id}`);
      for (const child of node.children) assert.equal(child.parent, node);
    }
    assert.ok(ids.has('account/network/vpc:vpc-0a1b2c3d/az:ap-northeast-1a/subnet:subnet-0aaa/instance:i-0web1'));
    assert.ok(ids.has('account/loadBalancing/lb:LoadBalancer/listener:HTTP:80/tg:WebServers/target:i-0web2:80'));
  });

  it('keeps ids when the account changes state between refreshes (expansion state survives)', () => {
    const before = loaded(inventory());
    const inv = inventory();
    const after = loaded({
      ...inv,
      fetchedAt: '2025-01-15T03:05:05.000Z',
      instances: inv.instances.map((i) =>
        i.id === 'i-0web2' ? { ...i, state: 'running', publicIp: '13.112.0.20' } : i,
      ),
      snapshots: inv.snapshots.map((s) => ({ ...s, state: 'completed', progress: '100%' })),
    });
    const idsOf = (roots: ExplorerNode[]) => [...walk(roots)].map((n) => n.id);
    assert.deepEqual(idsOf(after), idsOf(before));
    const web2 = [...walk(after)].find((n) => n.id.endsWith('/instance:i-0web2'));
    assert.equal(web2?.description, 'running · t2.micro · 13.112.0.20');
  });
});

describe('explorer tree: size', () => {
  it('builds a 1,000-instance account quickly', () => {
    const inv = inventory();
    const azs = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];
    const subnets = ['subnet-0aaa', 'subnet-0ccc', 'subnet-0ddd'];
    const base = inv.instances[0];
    assert.ok(base);
    const instances = Array.from({ length: 1000 }, (_, k) => ({
      ...base,
      id: `i-${k.toString(16).padStart(17, '0')}`,
      name: `web-${k}`,
      az: azs[k % 3] ?? 'ap-northeast-1a',
      subnetId: subnets[k % 3],
    }));
    const started = performance.now();
    const roots = loaded({ ...inv, instances });
    const ms = performance.now() - started;
    const count = [...walk(roots)].filter((n) => n.kind === 'instance').length;
    assert.equal(count, 1000);
    assert.ok(ms < 500, `built in ${ms.toFixed(0)} ms`);
  });
});
