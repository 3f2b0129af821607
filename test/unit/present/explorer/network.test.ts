// The explorer's Network group: VPC › AZ › subnet › instances, as a student finds WebServer.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ExplorerNode } from '../../../../src/present/explorer/nodes';
import { at, inventory, loaded } from '../../../fixtures/explorerWorld';

describe('explorer tree: network', () => {
  it('puts WebServer under its VPC > ap-northeast-1a > its subnet, running, with type and Elastic IP', () => {
    const roots = loaded(inventory());
    const web = at(
      roots,
      'Practice account · ap-northeast-1',
      'Network',
      'vpc-0a1b2c3d',
      'ap-northeast-1a',
      'subnet-0aaa',
      'WebServer',
    );
    assert.equal(web.kind, 'instance');
    assert.equal(web.description, 'running · t2.micro · 13.112.0.10 (EIP)');
    assert.deepEqual(web.icon, { id: 'vm-running', color: 'charts.green' });
    assert.equal(web.contextValue, 'instance hasId hasArn console running');
    assert.equal(web.resource?.id, 'i-0web1');
    assert.equal(web.resource?.arn, 'arn:aws:ec2:ap-northeast-1:123456789012:instance/i-0web1');
    for (const fact of [
      'i-0web1',
      't2.micro',
      '172.31.40.10',
      'launch-wizard-1',
      'ec2-key',
      'vol-0root1',
      '8 GiB',
      '2025-01-15 01:00 UTC',
    ]) {
      assert.ok(web.tooltip?.includes(fact), `tooltip lacks ${fact}:\n${web.tooltip}`);
    }
    // getParent walks back to the root (reveal() needs it).
    const chain: string[] = [];
    for (let n: ExplorerNode | undefined = web; n; n = n.parent) chain.push(n.kind);
    assert.deepEqual(chain, ['instance', 'subnet', 'az', 'vpc', 'group', 'account']);
  });

  it('shows AZs with subnets only, a pending instance in yellow, and subnets as public or private', () => {
    const inv = inventory();
    // subnet-0ddd gets a table of its own with the local route only: private, whatever the main table says.
    const roots = loaded({
      ...inv,
      subnets: inv.subnets
        .filter((s) => s.az !== 'ap-northeast-1c')
        .map((s) =>
          s.az === 'ap-northeast-1d'
            ? { ...s, isPublic: false, routeTableId: 'rtb-own', usesMainRouteTable: false }
            : s,
        ),
      routeTables: [
        ...inv.routeTables,
        {
          id: 'rtb-own',
          vpcId: 'vpc-0a1b2c3d',
          isMain: false,
          subnetIds: ['subnet-0ddd'],
          routes: [{ destination: '172.31.0.0/16', target: { kind: 'local' }, state: 'active' }],
          tags: {},
        },
      ],
    });
    const vpc = at(roots, 'Practice account · ap-northeast-1', 'Network', 'vpc-0a1b2c3d');
    assert.equal(vpc.description, '172.31.0.0/16 · default VPC');
    assert.deepEqual(
      vpc.children.map((c) => c.label),
      ['ap-northeast-1a', 'ap-northeast-1d', 'igw-default', 'Route tables'],
    );
    const sub = at(vpc.children, 'ap-northeast-1d', 'subnet-0ddd');
    assert.equal(sub.description, '172.31.16.0/20 · private');
    const web2 = at(sub.children, 'WebServer2');
    assert.equal(web2.description, 'pending · t2.micro');
    assert.equal(web2.icon?.color, 'charts.yellow');
  });
});
