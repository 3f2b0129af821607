// Steps 1.6-1.10 with seed 001's Classic Load Balancer over hand-built inventories: a console-made CLB passes, and
// each of seed 001's mistakes (one AZ, the web group not admitting the CLB, a wrong ping path, a stopped instance)
// is named with its fix aimed at the CLB; another's CLB named the same is not judged; with an ALB beside it, the
// one holding the servers is judged and the other named.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll, checkStep } from '../../../../src/lab/checks/checks';
import { findRoles } from '../../../../src/lab/roles';
import type { CheckInput, Observations } from '../../../../src/lab/types';
import type { Inventory } from '../../../../src/aws/types';
import {
  CLB_DNS,
  classicLab,
  classicLb,
  classicObservations,
  outOfService,
  seed001Lab,
  withClassic,
} from '../../../fixtures/labClassic';
import {
  CLONE_IP,
  edit,
  finishedLab,
  loadBalancer,
  observation,
  targetGroup,
  withGroup,
} from '../../../fixtures/labWorld';
import { failedWith } from '../../../fixtures/labChecks';

const input = (inventory: Inventory, observations: Observations = classicObservations()): CheckInput => ({
  inventory,
  observations,
});

describe('a Classic Load Balancer in place of the ALB (seed 001)', () => {
  it('passes 1.6-1.10 on a console-made CLB holding both servers, judging the CLB', () => {
    const inv = classicLab();
    const roles = findRoles(inv);
    assert.equal(roles.classicLoadBalancer?.name, 'LoadBalancer');
    assert.equal(roles.loadBalancer, undefined);
    for (const step of ['1.6', '1.7', '1.8', '1.9', '1.10'] as const) {
      const r = checkStep(step, input(inv));
      assert.equal(r.status, 'passed', `${step}: ${JSON.stringify(r)}`);
    }
    const r16 = checkStep('1.6', input(inv));
    assert.equal(r16.status === 'passed' && r16.facts?.kind, 'classic');
    assert.equal(r16.status === 'passed' && r16.facts?.healthCheck, 'HTTP:80/index.html');
  });

  it('1.6: a CLB enabled in one AZ names the AZ and the fix that adds its subnet to the CLB', () => {
    const inv = classicLab({ azs: ['ap-northeast-1a'], subnetIds: ['subnet-a'] });
    const rows = classicLb.instances.map(
      outOfService('i-0clone', 'Instance is in an Availability Zone for which LoadBalancer is not configured.', 'ELB'),
    );
    const r = failedWith(checkStep('1.6', input(withClassic(inv, { instances: rows }))), 'clb.azNotEnabled');
    assert.equal(r.reason.args.az, 'ap-northeast-1d');
    assert.equal(r.reason.args.instance, 'WebServer2');
    const enable = r.fixes.find((f) => f.code === 'enableAz');
    assert.deepEqual(enable?.args, {
      name: 'LoadBalancer',
      az: 'ap-northeast-1d',
      subnetId: 'subnet-d',
      loadBalancerName: 'LoadBalancer',
      classic: 'yes',
    });
    const d = failedWith(checkStep('1.7', input(withClassic(inv, { instances: rows }))), 'diagnosis.azNotEnabled');
    assert.equal(d.reason.args.id, 'i-0clone');
  });

  it("1.7: the web group admitting only the student's IP: the rule from the CLB's group (seed 001's fix)", () => {
    let inv = withGroup(classicLab(), 'sg-web', {
      inbound: [{ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '203.0.113.25/32' } }],
    });
    inv = withClassic(inv, {
      instances: classicLb.instances.map(outOfService('i-0web')).map(outOfService('i-0clone')),
    });
    const r = failedWith(checkStep('1.7', input(inv, classicObservations(true))), 'diagnosis.securityGroup');
    assert.equal(r.reason.args.sourceGroupId, 'sg-elb');
    assert.equal(r.reason.args.sourceGroupName, 'elb-sg');
    assert.deepEqual(r.fixes[0], {
      code: 'authorizeIngress',
      args: {
        groupId: 'sg-web',
        groupName: 'launch-wizard-1',
        protocol: 'tcp',
        port: 80,
        sourceGroupId: 'sg-elb',
        sourceGroupName: 'elb-sg',
      },
    });
    // 1.6 says the same instances are OutOfService, with the same fix.
    const r16 = failedWith(checkStep('1.6', input(inv, classicObservations(true))), 'clb.outOfService');
    assert.ok(r16.fixes.some((f) => f.code === 'authorizeIngress' && f.args.sourceGroupId === 'sg-elb'));
  });

  it("1.7: the CLB's group without an egress to the web servers", () => {
    let inv = withGroup(classicLab(), 'sg-elb', { outbound: [] });
    inv = withClassic(inv, { instances: classicLb.instances.map(outOfService('i-0clone')) });
    const r = failedWith(checkStep('1.7', input(inv)), 'clb.groupNoEgress');
    assert.equal(r.reason.args.groupName, 'elb-sg');
    assert.deepEqual(r.fixes.find((f) => f.code === 'authorizeEgress')?.args, {
      groupId: 'sg-elb',
      groupName: 'elb-sg',
      protocol: 'tcp',
      port: 80,
      sourceGroupId: 'sg-web',
      sourceGroupName: 'launch-wizard-1',
    });
  });

  it('1.7: a ping path the servers do not serve (health.html) names the path and a ConfigureHealthCheck target', () => {
    const hc = { ...classicLb.healthCheck, target: 'HTTP:80/health.html', path: '/health.html' };
    const inv = withClassic(classicLab(), {
      healthCheck: hc,
      instances: classicLb.instances.map(outOfService('i-0clone')),
    });
    const obs = classicObservations(true);
    obs.set(...observation(CLONE_IP, '/health.html', { status: 404 }));
    const r = failedWith(checkStep('1.7', input(inv, obs)), 'clb.healthCheckPath');
    assert.equal(r.reason.args.target, 'HTTP:80/health.html');
    assert.equal(r.reason.args.status, 404);
    const set = r.fixes.find((f) => f.code === 'setHealthCheckPath');
    assert.equal(set?.args.target, 'HTTP:80/index.html');
    assert.equal(set?.args.loadBalancerName, 'LoadBalancer');
  });

  it('1.7: a stopped instance is started; 1.8 names it as the server that does not answer', () => {
    let inv = edit(classicLab(), {
      instances: classicLab().instances.map((i) => (i.id === 'i-0clone' ? { ...i, state: 'stopped' } : i)),
    });
    inv = withClassic(inv, {
      instances: classicLb.instances.map(outOfService('i-0clone', 'Instance is in stopped state.')),
    });
    const r = failedWith(checkStep('1.7', input(inv)), 'diagnosis.instanceStopped');
    assert.deepEqual(r.fixes[0], { code: 'startInstance', args: { instanceId: 'i-0clone', name: 'WebServer2' } });
    const samples = [0, 1, 2].map(() => ({ status: 200, servedBy: 'i-0web', variant: 'vision' as const }));
    const obs = classicObservations();
    obs.set(...observation(CLB_DNS, '/', { status: 200, servedBy: 'i-0web', samples }));
    const t = failedWith(checkStep('1.8', input(inv, obs)), 'clb.outOfService');
    assert.ok(t.fixes.some((f) => f.code === 'startInstance'));
  });

  it('1.6: still registering says to wait the healthy threshold times the interval', () => {
    const inv = withClassic(classicLab(), {
      instances: classicLb.instances.map(
        outOfService('i-0clone', 'Instance registration is still in progress.', 'ELB'),
      ),
    });
    const r = failedWith(checkStep('1.6', input(inv)), 'clb.registering');
    assert.equal(r.reason.args.seconds, 300);
    assert.equal(r.reason.args.threshold, 10);
    assert.equal(r.reason.args.interval, 30);
    assert.deepEqual(r.fixes, []);
  });

  it('1.6: an instance not registered gets the register fix on the CLB', () => {
    const inv = withClassic(classicLab(), { instances: [classicLb.instances[0]!] });
    const r = failedWith(checkStep('1.6', input(inv)), 'clb.instanceMissing');
    assert.equal(r.fixes[0]?.code, 'registerTarget');
    assert.equal(r.fixes[0]?.args.instanceId, 'i-0clone');
    assert.equal(r.fixes[0]?.args.classic, 'yes');
  });

  it("1.6: the CLB's own group without HTTP from anywhere closes the front door", () => {
    const inv = withGroup(classicLab(), 'sg-elb', { inbound: [] });
    const r = failedWith(checkStep('1.6', input(inv)), 'alb.groupClosed');
    assert.equal(r.reason.args.groupName, 'elb-sg');
  });

  it("another's CLB named LoadBalancer holding other instances is not judged", () => {
    const theirs = withClassic(classicLab(), {
      instances: [{ id: 'i-0theirs', state: 'InService', reasonCode: 'N/A', description: 'N/A' }],
    });
    const roles = findRoles(theirs);
    assert.equal(roles.classicLoadBalancer, undefined);
    failedWith(checkStep('1.6', input(theirs)), 'alb.missing');
  });

  it('1.9: the web group open to the internet is reported, and admitting the CLB group is accepted', () => {
    const open = withGroup(classicLab(), 'sg-web', {
      inbound: [
        { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'group', groupId: 'sg-elb' } },
        { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      ],
    });
    const r = failedWith(checkStep('1.9', input(open, classicObservations(true))), 'secure.openRule');
    assert.ok(r.fixes.some((f) => f.code === 'revokeIngress' && f.args.source === '0.0.0.0/0'));
    assert.ok(!r.fixes.some((f) => f.code === 'authorizeIngress'), 'elb-sg is admitted already');
  });

  it("1.9: a CLB sharing the web servers' group gets a group of its own, elb-sg, by its name", () => {
    const shared = withClassic(classicLab(), { securityGroupIds: ['sg-web'] });
    const r = failedWith(checkStep('1.9', input(shared, classicObservations(true))), 'secure.sharedGroup');
    assert.deepEqual(r.fixes[0], {
      code: 'ownLoadBalancerGroup',
      args: {
        name: 'LoadBalancer',
        vpcId: 'vpc-1',
        groupName: 'elb-sg',
        webGroupId: 'sg-web',
        webGroupName: 'launch-wizard-1',
        port: 80,
        loadBalancerName: 'LoadBalancer',
        classic: 'yes',
      },
    });
  });

  it('1.10: not run yet on a CLB without the record or a restart', () => {
    const inv = withClassic(classicLab(), { tags: {} });
    failedWith(checkStep('1.10', input(inv)), 'exercise.notRun');
  });

  it('with an ALB beside it: the one holding the servers is judged, the other named in a note', () => {
    // Both: the ALB holds both servers, the CLB only one.
    const both = edit(finishedLab(), {
      classicLoadBalancers: [{ ...classicLb, instances: [classicLb.instances[0]!] }],
    });
    const roles = findRoles(both);
    assert.equal(roles.loadBalancer?.name, 'LoadBalancer');
    assert.equal(roles.otherClassicLoadBalancers.length, 1);
    const r = checkStep('1.6', { inventory: both, observations: new Map() });
    const notes = r.status === 'passed' ? (r.notes ?? []) : [];
    assert.ok(
      notes.some((n) => n.args.dnsName === CLB_DNS && n.args.judged === 'LoadBalancer'),
      JSON.stringify(r),
    );
    // The ALB's target group empty: the CLB holds more, so it is judged, and the ALB is named.
    const clbWins = edit(both, {
      classicLoadBalancers: [classicLb],
      targetGroups: [{ ...targetGroup, targets: [] }],
      securityGroups: [...classicLab().securityGroups],
    });
    const r2 = checkStep('1.6', input(clbWins));
    assert.equal(r2.status, 'passed', JSON.stringify(r2));
    assert.ok(
      (r2.status === 'passed' ? (r2.notes ?? []) : []).some(
        (n) => n.args.name === loadBalancer.name && n.args.dnsName === loadBalancer.dnsName,
      ),
    );
  });

  it("seed 001's layout without any load balancer: the CLB is what is missing, for both servers", () => {
    const inv = edit(seed001Lab(), { classicLoadBalancers: [] });
    const r = failedWith(checkStep('1.6', { ...input(inv), layout: 'seed001' }), 'clb.missing');
    assert.deepEqual(r.reason.args, { webServer: 'image1server', clone: 'image2server' });
    failedWith(checkStep('1.6', input(inv)), 'alb.missing');
    const waits = checkStep('1.8', { ...input(inv), layout: 'seed001' });
    assert.equal(waits.status === 'waiting' && waits.reason.code, 'clb.missing');
  });

  it("seed 001's layout: image1server and image2server from WebServer's AMI, WebServer stopped", () => {
    const inv = seed001Lab();
    const roles = findRoles(inv, undefined, 'seed001');
    assert.equal(roles.webServer?.name, 'image1server');
    assert.equal(roles.clone?.name, 'image2server');
    assert.equal(roles.images[0]?.id, 'ami-0lab');
    assert.equal(roles.classicLoadBalancer?.name, 'LoadBalancer');
    // Tracks 0 and 1 as a whole: image1server is the web server, its AMI is WebServer's (stopped, as seed 001 does).
    const results = checkAll({ ...input(inv), layout: 'seed001' }, ['0', '1']);
    assert.equal(results.length, 12);
    for (const r of results) assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
  });
});
