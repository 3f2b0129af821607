// Security-group reasoning the checks share (securityRules.ts): all-traffic rules and port ranges, CIDRs, and
// the load balancer's own group staying open at 1.9.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep } from '../../../../src/lab/checks/checks';
import { cidrContains, coversTcpPort } from '../../../../src/lab/checks/securityRules';
import { albSg, finishedLab } from '../../../fixtures/labWorld';
import { input } from '../../../fixtures/labChecks';

describe('security rules', () => {
  it('all-traffic rules and port ranges count; other ports do not', () => {
    assert.ok(coversTcpPort({ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80));
    assert.ok(
      coversTcpPort({ protocol: 'tcp', fromPort: 0, toPort: 65535, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80),
    );
    assert.ok(
      !coversTcpPort({ protocol: 'tcp', fromPort: 22, toPort: 22, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80),
    );
    assert.ok(
      !coversTcpPort({ protocol: 'udp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80),
    );
    assert.ok(cidrContains('0.0.0.0/0', '172.31.16.0/20'));
    assert.ok(cidrContains('172.31.0.0/16', '172.31.16.0/20'));
    assert.ok(!cidrContains('172.31.32.0/20', '172.31.16.0/20'));
    assert.ok(!cidrContains('203.0.113.25/32', '172.31.16.0/20'));
  });

  it('alb-sg itself stays open to the internet at 1.9', () => {
    assert.equal(albSg.inbound.length, 2);
    assert.equal(checkStep('1.9', input(finishedLab())).status, 'passed');
  });
});
