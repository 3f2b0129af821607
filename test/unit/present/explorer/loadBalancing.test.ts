// The explorer's Load balancing group: load balancer › listener › target group › targets, with the lab's diagnosis.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fix, reason } from '../../../../src/lab/codes';
import { reasonText } from '../../../../src/present/lab/reasons';
import { diagnosisKey } from '../../../../src/present/explorer/state';
import { buildExplorerTree } from '../../../../src/present/explorer/tree';
import { at, en, inventory, loaded, TG_ARN } from '../../../fixtures/explorerWorld';

describe('explorer tree: load balancing', () => {
  it('nests targets under load balancer > listener > target group, with health, reason and AZ', () => {
    const roots = loaded(inventory());
    const lb = at(roots, 'Practice account · ap-northeast-1', 'Load balancing', 'LoadBalancer');
    assert.equal(lb.description, 'active · internet-facing · ap-northeast-1a, ap-northeast-1d');
    assert.equal(lb.contextValue, 'loadBalancer hasId hasArn hasDns console');
    assert.equal(lb.resource?.dnsName, 'LoadBalancer-1234567890.ap-northeast-1.elb.amazonaws.com');
    const tg = at(lb.children, 'HTTP:80 → WebServers', 'WebServers');
    assert.equal(tg.description, 'HTTP:80 · health check /index.html');
    assert.deepEqual(
      tg.children.map((c) => [c.label, c.description, c.icon?.color]),
      [
        ['WebServer', 'healthy · ap-northeast-1a', 'charts.green'],
        ['WebServer2', 'unhealthy · Target.Timeout · ap-northeast-1d', 'charts.red'],
      ],
    );
    const sick = at(tg.children, 'WebServer2');
    assert.match(sick.tooltip ?? '', /security group admits the load balancer/);
    assert.equal(sick.resource?.id, 'i-0web2');
  });

  it('adds the lab’s diagnosis (1.7) to an unhealthy target: the causes in its tooltip and a Fix action', () => {
    const blocked = reason('diagnosis.securityGroup', {
      id: 'i-0web2',
      instance: 'WebServer2',
      port: 80,
      groupId: 'sg-0web',
      groupName: 'launch-wizard-1',
      sourceGroupId: 'sg-0alb',
      sourceGroupName: 'alb-sg',
    });
    const admit = fix('authorizeIngress', {
      groupId: 'sg-0web',
      groupName: 'launch-wizard-1',
      protocol: 'tcp',
      port: 80,
      sourceGroupId: 'sg-0alb',
      sourceGroupName: 'alb-sg',
    });
    const diagnoses = new Map([
      [diagnosisKey(TG_ARN, 'i-0web2'), { causes: [blocked], fixes: [admit] }],
      // A healthy target gets none even if one were given.
      [diagnosisKey(TG_ARN, 'i-0web1'), { causes: [blocked], fixes: [admit] }],
    ]);
    const roots = buildExplorerTree({ status: 'loaded', inventory: inventory() }, en, diagnoses);
    const tg = at(
      roots,
      'Practice account · ap-northeast-1',
      'Load balancing',
      'LoadBalancer',
      'HTTP:80 → WebServers',
      'WebServers',
    );
    const sick = at(tg.children, 'WebServer2');
    assert.ok(sick.tooltip?.includes(reasonText(blocked, en)), sick.tooltip);
    assert.ok(sick.tooltip?.includes('Allow TCP 80 from alb-sg in launch-wizard-1'), sick.tooltip);
    assert.match(sick.contextValue, /\bhasFix\b/);
    assert.deepEqual(sick.fix, admit);
    assert.equal(sick.step, '1.7');
    const well = at(tg.children, 'WebServer');
    assert.doesNotMatch(well.contextValue, /hasFix/);
    assert.equal(well.fix, undefined);
    // Without diagnoses (before the lab's first check), the tree is as before.
    assert.doesNotMatch(
      at(
        loaded(inventory()),
        'Practice account · ap-northeast-1',
        'Load balancing',
        'LoadBalancer',
        'HTTP:80 → WebServers',
        'WebServers',
        'WebServer2',
      ).contextValue,
      /hasFix/,
    );
  });

  it('lists target groups that no listener uses at the top of the group', () => {
    const roots = loaded(inventory());
    const group = at(roots, 'Practice account · ap-northeast-1', 'Load balancing');
    assert.deepEqual(
      group.children.map((c) => c.label),
      ['LoadBalancer', 'Spare'],
    );
    const spare = at(group.children, 'Spare');
    assert.equal(spare.kind, 'targetGroup');
    assert.equal(spare.description, 'HTTP:8080 · health check / · not used by a load balancer');
    assert.deepEqual(
      spare.children.map((c) => c.label),
      ['No targets registered'],
    );
  });
});
