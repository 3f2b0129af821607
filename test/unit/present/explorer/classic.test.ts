// The explorer's Classic Load Balancers (seed 001): under Load balancing with their listeners, the health check
// as a sentence, and every registered instance with its state, AWS's reason and AZ; a diagnosis adds its fix.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fix, reason } from '../../../../src/lab/codes';
import { reasonText } from '../../../../src/present/lab/reasons';
import { classicDiagnosisKey } from '../../../../src/present/explorer/classic';
import { buildExplorerTree } from '../../../../src/present/explorer/tree';
import { at, en, ja, inventory, loaded } from '../../../fixtures/explorerWorld';
import { CLB_DNS, FAILED_CHECKS, classicLoadBalancer } from '../../../fixtures/classicWorld';

const ACCOUNT = 'Practice account · ap-northeast-1';

describe('explorer tree: Classic Load Balancers', () => {
  it('shows a CLB beside the ALB with its listener, health check and instances', () => {
    const roots = loaded(inventory({ classicLoadBalancers: [classicLoadBalancer()] }));
    const group = at(roots, ACCOUNT, 'Load balancing');
    assert.deepEqual(
      group.children.map((c) => c.label),
      ['LoadBalancer', 'seed001-elb', 'Spare'],
    );
    const clb = at(group.children, 'seed001-elb');
    assert.equal(clb.kind, 'loadBalancer');
    assert.equal(clb.description, 'Classic · internet-facing · ap-northeast-1a, ap-northeast-1c');
    assert.equal(clb.contextValue, 'loadBalancer hasId hasDns console');
    assert.equal(clb.resource?.dnsName, CLB_DNS);
    assert.match(clb.tooltip ?? '', /Classic Load Balancer \(previous generation\)/);
    assert.match(clb.tooltip ?? '', /InService 1, OutOfService 1/);
    assert.deepEqual(
      clb.children.map((c) => [c.kind, c.label, c.description, c.icon?.color]),
      [
        ['listener', 'HTTP:80 → HTTP:80', undefined, undefined],
        [
          'healthCheck',
          'Health check',
          'HTTP:80/index.html every 30 s, healthy after 10, unhealthy after 2',
          undefined,
        ],
        ['target', 'WebServer', 'InService · ap-northeast-1a', 'charts.green'],
        ['target', 'WebServer2', `OutOfService · ${FAILED_CHECKS} · ap-northeast-1d`, 'charts.red'],
      ],
    );
    const sick = at(clb.children, 'WebServer2');
    assert.equal(sick.icon?.id, 'error');
    assert.equal(sick.resource?.id, 'i-0web2');
    assert.match(sick.tooltip ?? '', /the instance \(Instance\)/);
    // Its AZ (1d) is not one the CLB is enabled in.
    assert.match(sick.tooltip ?? '', /not enabled in this instance’s Availability Zone/);
    assert.doesNotMatch(at(clb.children, 'WebServer').tooltip ?? '', /not enabled/);
  });

  it('reads in Japanese: the health check sentence and the reason', () => {
    const roots = buildExplorerTree(
      { status: 'loaded', inventory: inventory({ classicLoadBalancers: [classicLoadBalancer()] }) },
      ja,
    );
    const clb = at(roots, '練習用アカウント · ap-northeast-1', 'ロードバランシング', 'seed001-elb');
    assert.equal(
      at(clb.children, 'ヘルスチェック').description,
      'HTTP:80/index.html を 30 秒ごとに確認、10 回成功で正常、2 回失敗で異常',
    );
    const sick = at(clb.children, 'WebServer2');
    assert.match(sick.description ?? '', /^OutOfService · /);
    assert.match(sick.tooltip ?? '', /インスタンス側（Instance）/);
  });

  it('a CLB with no instances says so; an Unknown instance is grey', () => {
    const empty = at(
      loaded(inventory({ classicLoadBalancers: [classicLoadBalancer({ instances: [] })] })),
      ACCOUNT,
      'Load balancing',
      'seed001-elb',
    );
    assert.equal(empty.children.at(-1)?.label, 'No instances registered');
    const unknown = at(
      loaded(
        inventory({
          classicLoadBalancers: [classicLoadBalancer({ instances: [{ id: 'i-0gone', state: 'Unknown' }] })],
        }),
      ),
      ACCOUNT,
      'Load balancing',
      'seed001-elb',
      'i-0gone',
    );
    assert.equal(unknown.description, 'Unknown');
    assert.equal(unknown.icon?.id, 'question');
  });

  it('adds the lab’s diagnosis (1.7) of an OutOfService instance: its causes and a Fix action', () => {
    const blocked = reason('diagnosis.securityGroup', {
      id: 'i-0web2',
      instance: 'WebServer2',
      port: 80,
      groupId: 'sg-web',
      groupName: 'launch-wizard-1',
      sourceGroupId: 'sg-elb',
      sourceGroupName: 'elb-sg',
    });
    const admit = fix('authorizeIngress', {
      groupId: 'sg-web',
      groupName: 'launch-wizard-1',
      protocol: 'tcp',
      port: 80,
      sourceGroupId: 'sg-elb',
      sourceGroupName: 'elb-sg',
    });
    const diagnoses = new Map([
      [classicDiagnosisKey('seed001-elb', 'i-0web2'), { causes: [blocked], fixes: [admit] }],
      [classicDiagnosisKey('seed001-elb', 'i-0web1'), { causes: [blocked], fixes: [admit] }],
    ]);
    const roots = buildExplorerTree(
      { status: 'loaded', inventory: inventory({ classicLoadBalancers: [classicLoadBalancer()] }) },
      en,
      diagnoses,
    );
    const clb = at(roots, ACCOUNT, 'Load balancing', 'seed001-elb');
    const sick = at(clb.children, 'WebServer2');
    assert.ok(sick.tooltip?.includes(reasonText(blocked, en)), sick.tooltip);
    assert.match(sick.contextValue, /\bhasFix\b/);
    assert.deepEqual(sick.fix, admit);
    assert.equal(sick.step, '1.7');
    // An InService instance gets none.
    assert.equal(at(clb.children, 'WebServer').fix, undefined);
  });
});
