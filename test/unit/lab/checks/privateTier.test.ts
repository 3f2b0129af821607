// 4.4 over seed 004's Test-VPC built by hand: web servers in the private subnets behind an internet-facing ALB in
// the public subnets passes; each way it goes wrong names its cause (and its fix where one click does it).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Instance, Inventory, LoadBalancer, TargetGroup } from '../../../../src/aws/types';
import { checkStep } from '../../../../src/lab/checks/checks';
import { pagesForStep } from '../../../../src/lab/observe';
import type { CheckResult, Observations } from '../../../../src/lab/types';
import { fixTitle } from '../../../../src/present/lab/fixes';
import { reasonText } from '../../../../src/present/lab/reasons';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { repoRoot } from '../../../fixtures/repo';
import { SUBNETS, TEST_VPC, testVpcInventory } from '../../../fixtures/explorerTestVpc';

const en = bundleTranslator(undefined);
const ja = bundleTranslator(loadBundle('ja', repoRoot));
const DNS = 'my-elb-123.ap-northeast-1.elb.amazonaws.com';

const server = (id: string, name: string, subnetId: string, az: string, extra: Partial<Instance> = {}): Instance => ({
  id,
  name,
  state: 'running',
  type: 't2.micro',
  az,
  vpcId: TEST_VPC,
  subnetId,
  privateIp: '10.0.2.10',
  securityGroups: [{ id: 'sg-0websg', name: 'web-sg' }],
  imageId: 'ami-0lab',
  tags: { Name: name },
  ...extra,
});

const lb: LoadBalancer = {
  arn: 'arn:lb/my-elb',
  name: 'my-elb',
  dnsName: DNS,
  scheme: 'internet-facing',
  type: 'application',
  state: 'active',
  vpcId: TEST_VPC,
  zones: [
    { az: 'ap-northeast-1a', subnetId: SUBNETS.public1a },
    { az: 'ap-northeast-1c', subnetId: SUBNETS.public1c },
  ],
  securityGroupIds: ['sg-0elb'],
  listeners: [
    { arn: 'arn:l/80', protocol: 'HTTP', port: 80, forwardTo: ['arn:tg/web'], defaultActionTypes: ['forward'] },
  ],
  tags: {},
};

function world(targets: { id: string; state?: 'healthy' | 'unhealthy' }[], instances: Instance[]): Inventory {
  const base = testVpcInventory();
  const tg: TargetGroup = {
    arn: 'arn:tg/web',
    name: 'tg-web',
    vpcId: TEST_VPC,
    targetType: 'instance',
    loadBalancerArns: [lb.arn],
    healthCheck: { path: '/' },
    targets: targets.map((t) => ({ id: t.id, state: t.state ?? 'healthy' })),
    tags: {},
  };
  return {
    ...base,
    instances: [...base.instances, ...instances],
    loadBalancers: [lb],
    targetGroups: [tg],
    securityGroups: [
      ...base.securityGroups,
      {
        id: 'sg-0elb',
        name: 'elb-sg',
        description: '',
        vpcId: TEST_VPC,
        inbound: [{ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
        outbound: [],
        tags: {},
      },
    ],
  };
}

const privateA = server('i-0pa', 'web-a', SUBNETS.private1a, 'ap-northeast-1a');
const privateC = server('i-0pc', 'web-c', SUBNETS.private1c, 'ap-northeast-1c');
const answering: Observations = new Map([
  [`${DNS}/`, { host: DNS, path: '/', status: 200, body: '<h2>私たちのビジョン</h2>', samples: [{ status: 200 }] }],
]);
const check = (inv: Inventory, observations: Observations = answering) =>
  checkStep('4.4', { inventory: inv, observations, layout: 'testVpc' });
const failedOf = (r: CheckResult) => {
  assert.equal(r.status, 'failed', JSON.stringify(r));
  return r as Extract<CheckResult, { status: 'failed' }>;
};

describe('4.4 web servers in the private subnets', () => {
  it("asks the load balancer once: one answer says the site answers (the targets' health names the servers)", () => {
    const pages = pagesForStep('4.4', world([{ id: 'i-0pa' }, { id: 'i-0pc' }], [privateA, privateC]), 'testVpc');
    assert.deepEqual(pages, [{ host: DNS, path: '/', repeat: 1 }]);
  });

  it('passes with healthy private targets in two AZs and an answering ALB; the public one still registered is noted', () => {
    const r = check(world([{ id: 'i-0pa' }, { id: 'i-0pc' }, { id: 'i-0test1' }], [privateA, privateC]));
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.deepEqual(
      r.notes?.map((n) => `${n.code} ${n.args.name}`),
      ['note.publicTargetRemains Test-EC2#1'],
    );
    assert.match(reasonText(r.notes![0]!, ja), /登録を解除して終了/);
  });

  it('waits on 1.6 without a load balancer in Test-VPC', () => {
    const inv = { ...world([], [privateA]), loadBalancers: [] };
    const r = check(inv);
    assert.equal(r.status === 'waiting' && r.on, '1.6');
  });

  it('no target in a private subnet yet', () => {
    assert.equal(failedOf(check(world([{ id: 'i-0test1' }], []))).reason.code, 'privateTier.noPrivateTargets');
  });

  it('an internet-facing ALB in the private subnets answers nothing: the fix puts it in the public subnet of each AZ', () => {
    const inv = world([{ id: 'i-0pa' }, { id: 'i-0pc' }], [privateA, privateC]);
    const moved = {
      ...inv,
      loadBalancers: [
        {
          ...lb,
          zones: [
            { az: 'ap-northeast-1a', subnetId: SUBNETS.private1a },
            { az: 'ap-northeast-1c', subnetId: SUBNETS.public1c },
          ],
        },
      ],
    };
    const r = failedOf(check(moved));
    assert.equal(r.reason.code, 'alb.privateSubnet');
    assert.equal(r.fixes[0]?.code, 'moveToSubnet');
    assert.equal(fixTitle(r.fixes[0]!, en), 'Put my-elb in the public subnet パブリックサブネット-1a instead');
  });

  it('a private server with an Elastic IP: it reaches nothing and bills; the fix releases it', () => {
    const withEip = server('i-0pa', 'web-a', SUBNETS.private1a, 'ap-northeast-1a', { elasticIp: '52.0.0.9' });
    const inv = {
      ...world([{ id: 'i-0pa' }, { id: 'i-0pc' }], [withEip, privateC]),
      elasticIps: [
        {
          allocationId: 'eipalloc-1',
          publicIp: '52.0.0.9',
          instanceId: 'i-0pa',
          associationId: 'eipassoc-1',
          tags: {},
        },
      ],
    };
    const r = failedOf(check(inv));
    assert.equal(r.reason.code, 'privateTier.elasticIp');
    assert.equal(r.fixes[0]?.code, 'releaseAddress');
    assert.match(reasonText(r.reason, en), /holds the Elastic IP 52\.0\.0\.9: nothing routes from the internet to it/);
  });

  it('a private server with an auto-assigned public address, an unhealthy target, one AZ only, no answer', () => {
    const withIp = server('i-0pa', 'web-a', SUBNETS.private1a, 'ap-northeast-1a', { publicIp: '13.0.0.1' });
    assert.equal(
      failedOf(check(world([{ id: 'i-0pa' }, { id: 'i-0pc' }], [withIp, privateC]))).reason.code,
      'privateTier.publicIp',
    );
    assert.equal(
      failedOf(check(world([{ id: 'i-0pa' }, { id: 'i-0pc', state: 'unhealthy' }], [privateA, privateC]))).reason.code,
      'privateTier.targetNotHealthy',
    );
    assert.equal(failedOf(check(world([{ id: 'i-0pa' }], [privateA]))).reason.code, 'privateTier.oneAz');
    const silent: Observations = new Map([[`${DNS}/`, { host: DNS, path: '/', error: 'timeout' }]]);
    assert.equal(
      failedOf(check(world([{ id: 'i-0pa' }, { id: 'i-0pc' }], [privateA, privateC]), silent)).reason.code,
      'privateTier.noAnswer',
    );
  });
});
