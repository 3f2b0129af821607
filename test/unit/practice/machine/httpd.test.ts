// The pure pieces behind the practice web and target health: what httpd answers from an instance's
// files, Apache's combined log line, health-check matchers, and security-group admission.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitsInbound, connectionAllowed } from '../../../../src/practice/machine/firewall';
import {
  appendAccessLog,
  combinedLogLine,
  httpdAnswer,
  httpdRunning,
  installHttpd,
  HTTPD_ACCESS_LOG,
} from '../../../../src/practice/machine/httpd';
import type { FileRecord, SecurityGroupRecord } from '../../../../src/practice/core/records';
import { allTraffic, tcp } from '../../../../src/practice/seed/startingState';
import { matcherAccepts } from '../../../../src/practice/elbv2/targetHealth';

const page = (content: string): FileRecord => ({ content, owner: 'root', mode: 0o644 });

test('httpd answers index.html for directories, 403 for a bare root without one, 404 otherwise, and no way out of the web root', () => {
  const files = {
    '/var/www/html/index.html': page('<h1>top</h1>'),
    '/var/www/html/docs/index.html': page('docs'),
    '/var/www/html/a.txt': page('a'),
    '/etc/passwd': page('root:x'),
  };
  assert.deepEqual([httpdAnswer({ files }, '/').status, httpdAnswer({ files }, '/').body], [200, '<h1>top</h1>']);
  assert.equal(httpdAnswer({ files }, '/index.html?x=1').status, 200);
  assert.equal(httpdAnswer({ files }, '/docs').body, 'docs');
  assert.equal(httpdAnswer({ files }, '/docs/').body, 'docs');
  assert.match(httpdAnswer({ files }, '/a.txt').contentType, /^text\/plain/);
  assert.equal(httpdAnswer({ files }, '/missing.html').status, 404);
  assert.equal(httpdAnswer({ files }, '/../../etc/passwd').status, 400);
  assert.equal(httpdAnswer({ files: {} }, '/').status, 403, "Amazon Linux's welcome page");
});

test('httpd runs when installed and enabled or started, on a running instance only', () => {
  const files: Record<string, FileRecord> = {};
  assert.equal(httpdRunning({ files, state: 'running' }), false);
  installHttpd(files);
  assert.equal(httpdRunning({ files, state: 'running' }), false, 'installed only');
  installHttpd(files, { start: true });
  assert.equal(httpdRunning({ files, state: 'running' }), true);
  assert.equal(files[HTTPD_ACCESS_LOG]?.mode, 0o644);
  assert.equal(httpdRunning({ files, state: 'stopped' }), false);
});

test("Apache's combined log format, and the access log keeps its last lines", () => {
  const line = combinedLogLine({
    sourceIp: '172.31.40.5',
    at: new Date('2026-11-23T01:02:03Z'),
    method: 'GET',
    path: '/index.html',
    httpVersion: '1.1',
    status: 200,
    bytes: 1234,
    userAgent: 'ELB-HealthChecker/2.0',
  });
  assert.equal(
    line,
    '172.31.40.5 - - [23/Nov/2026:01:02:03 +0000] "GET /index.html HTTP/1.1" 200 1234 "-" "ELB-HealthChecker/2.0"',
  );
  const empty = combinedLogLine({
    sourceIp: '203.0.113.25',
    at: new Date('2026-01-05T00:00:00Z'),
    method: 'HEAD',
    path: '/',
    httpVersion: '1.1',
    status: 200,
    bytes: 0,
    userAgent: 'say "hi"',
  });
  assert.equal(empty, '203.0.113.25 - - [05/Jan/2026:00:00:00 +0000] "HEAD / HTTP/1.1" 200 - "-" "say \\"hi\\""');
  const instance = { files: {} as Record<string, FileRecord> };
  appendAccessLog(
    instance,
    Array.from({ length: 5003 }, (_, i) => `line ${i}`),
  );
  const lines = instance.files[HTTPD_ACCESS_LOG]?.content.trim().split('\n') ?? [];
  assert.deepEqual([lines.length, lines[0], lines.at(-1)], [5000, 'line 3', 'line 5002']);
});

test('health-check matchers: single codes, lists and ranges', () => {
  assert.ok(matcherAccepts('200', 200));
  assert.ok(!matcherAccepts('200', 404));
  assert.ok(matcherAccepts('200,302', 302));
  assert.ok(matcherAccepts('200-299', 204));
  assert.ok(!matcherAccepts('200-299', 301));
});

test('security groups: CIDR and group sources, port ranges, all traffic, and both ends of a connection', () => {
  const group = (
    id: string,
    inbound: SecurityGroupRecord['inbound'],
    outbound = [allTraffic({ ipv4: [{ cidr: '0.0.0.0/0' }] })],
  ): SecurityGroupRecord => ({
    id,
    name: id,
    description: '',
    vpcId: 'vpc-1',
    inbound,
    outbound,
    tags: {},
  });
  const groups = [
    group('sg-web', [
      tcp(80, { groups: [{ groupId: 'sg-alb' }] }),
      { ...tcp(8000, { ipv4: [{ cidr: '10.0.0.0/8' }] }), toPort: 8100 },
    ]),
    group('sg-alb', [tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }] })]),
    group('sg-all', [allTraffic({ ipv4: [{ cidr: '203.0.113.0/24' }] })]),
    group('sg-closed', [], []),
  ];
  const student = { ip: '203.0.113.25', groupIds: [] };
  assert.ok(admitsInbound(['sg-alb'], student, 80, groups));
  assert.ok(!admitsInbound(['sg-alb'], student, 443, groups));
  assert.ok(!admitsInbound(['sg-web'], student, 80, groups), 'only the ALB group');
  assert.ok(admitsInbound(['sg-web'], { ip: '172.31.40.5', groupIds: ['sg-alb'] }, 80, groups));
  assert.ok(admitsInbound(['sg-web'], { ip: '10.1.2.3', groupIds: [] }, 8050, groups));
  assert.ok(!admitsInbound(['sg-web'], { ip: '10.1.2.3', groupIds: [] }, 8101, groups));
  assert.ok(admitsInbound(['sg-all'], student, 22, groups));
  const node = { ip: '172.31.40.5', groupIds: ['sg-alb'] };
  const web = { ip: '172.31.33.10', groupIds: ['sg-web'] };
  assert.ok(connectionAllowed(node, web, 80, groups));
  assert.ok(
    !connectionAllowed({ ...node, groupIds: ['sg-closed'] }, web, 80, groups),
    'no outbound rule, and not the referenced group',
  );
});
