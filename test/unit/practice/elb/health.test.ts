// The Classic Load Balancer's pure parts: AWS's health-check Target forms and ranges, ELBv2's health views in
// v1's words, and the probe a CLB's check sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHealthCheck, classicDnsName, parseTarget } from '../../../../src/practice/elb/model';
import { CLASSIC_DESCRIPTIONS, classicView, probeOf } from '../../../../src/practice/elb/health';
import type { ClassicLoadBalancerRecord } from '../../../../src/practice/core/records';

test('parseTarget reads HTTP(S) with a path and TCP/SSL without one, and refuses the rest', () => {
  assert.deepEqual(parseTarget('HTTP:80/index.html'), { protocol: 'HTTP', port: 80, path: '/index.html' });
  assert.deepEqual(parseTarget('https:443/'), { protocol: 'HTTPS', port: 443, path: '/' });
  assert.deepEqual(parseTarget('TCP:22'), { protocol: 'TCP', port: 22 });
  for (const bad of ['HTTP:80', 'TCP:80/x', 'UDP:53', 'HTTP:0/', 'HTTP:65536/', 'HTTP80/', ''])
    assert.equal(parseTarget(bad), undefined, bad);
});

test('checkHealthCheck keeps AWS ranges and writes the target upper case', () => {
  const ok = { Target: 'http:80/index.html', Interval: 30, Timeout: 5, HealthyThreshold: 10, UnhealthyThreshold: 2 };
  assert.deepEqual(checkHealthCheck(ok), {
    target: 'HTTP:80/index.html',
    interval: 30,
    timeout: 5,
    healthyThreshold: 10,
    unhealthyThreshold: 2,
  });
  const refused = (change: Partial<typeof ok>) =>
    assert.throws(() => checkHealthCheck({ ...ok, ...change }), /ValidationError|HealthCheck|healthCheck/);
  refused({ Interval: 4 });
  refused({ Interval: 301 });
  refused({ Timeout: 1 });
  refused({ Timeout: 61 });
  refused({ HealthyThreshold: 1 });
  refused({ UnhealthyThreshold: 11 });
  refused({ Interval: 10, Timeout: 10 });
  refused({ Target: 'HTTP:80' });
  assert.throws(
    () => checkHealthCheck({ ...ok, Interval: undefined }),
    (e: Error) => e.name === 'ValidationError',
  );
});

test("ELBv2's views in v1's words: InService, OutOfService with ELB or Instance and AWS's sentence", () => {
  assert.deepEqual(classicView({ state: 'healthy' }), { state: 'InService', reasonCode: 'N/A', description: 'N/A' });
  assert.deepEqual(classicView({ state: 'initial', reason: 'Elb.RegistrationInProgress' }), {
    state: 'OutOfService',
    reasonCode: 'ELB',
    description: 'Instance registration is still in progress.',
  });
  assert.deepEqual(classicView({ state: 'unhealthy', reason: 'Target.Timeout' }), {
    state: 'OutOfService',
    reasonCode: 'Instance',
    description: CLASSIC_DESCRIPTIONS.failed,
  });
  assert.deepEqual(
    classicView({ state: 'unused', reason: 'Target.InvalidState', description: 'Target is in the stopped state' }),
    { state: 'OutOfService', reasonCode: 'Instance', description: 'Instance is in stopped state.' },
  );
  assert.deepEqual(classicView({ state: 'unused', reason: 'Target.NotInUse' }), {
    state: 'OutOfService',
    reasonCode: 'ELB',
    description: CLASSIC_DESCRIPTIONS.zoneNotEnabled,
  });
});

test('probeOf: an HTTP check wants 200 on its path; a TCP check only a connection', () => {
  const lb = (target: string) =>
    ({
      healthCheck: { target, interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
    }) as ClassicLoadBalancerRecord;
  assert.deepEqual(probeOf(lb('HTTP:80/index.html')), { port: 80, http: { path: '/index.html', matcher: '200' } });
  assert.deepEqual(probeOf(lb('TCP:8080')), { port: 8080 });
});

test('classicDnsName: internal- first for an internal scheme', () => {
  assert.equal(
    classicDnsName('elb', 'internet-facing', 'ap-northeast-1', '123456789012'),
    'elb-123456789012.ap-northeast-1.elb.amazonaws.com',
  );
  assert.equal(
    classicDnsName('elb', 'internal', 'us-east-1', '123456789012'),
    'internal-elb-123456789012.us-east-1.elb.amazonaws.com',
  );
});
