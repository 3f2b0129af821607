// Pieces of the practice account's EC2 writes: user data as cloud-init runs the handouts' scripts,
// public keys ImportKeyPair accepts, and timed transitions applied by advancing the world's clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import {
  EC2_DURATIONS,
  advanceEc2,
  beginTransition,
  snapshotDuration,
  snapshotProgress,
  statusChecks,
} from '../../../src/practice/ec2/transitions';
import { HTTPD_ENABLED_LINK, HTTPD_PID_FILE, httpdInstalled } from '../../../src/practice/machine/httpd';
import { createKeyMaterial, importPublicKey } from '../../../src/practice/ec2/keyMaterial';
import type { FileRecord } from '../../../src/practice/core/records';
import { createStartingWorld } from '../../../src/practice/seed/startingState';
import { runUserData, type InstanceFacts } from '../../../src/practice/machine/userData';
import type { Clock } from '../../../src/practice/core/world';

const FACTS: InstanceFacts = {
  instanceId: 'i-0123456789abcdef0',
  privateIp: '172.31.20.5',
  privateDnsName: 'ip-172-31-20-5.ap-northeast-1.compute.internal',
  availabilityZone: 'ap-northeast-1d',
  region: 'ap-northeast-1',
  instanceType: 't2.micro',
  amiId: 'ami-0123456789abcdef0',
};

function run(script: string): Record<string, FileRecord> {
  const files: Record<string, FileRecord> = {};
  runUserData(script, files, FACTS);
  return files;
}

test('user data: the handout script installs, enables and starts httpd and writes the page from a quoted here-document', () => {
  const files = run(`#!/bin/bash
yum update -y
yum install httpd -y
systemctl start httpd
systemctl enable httpd.service
cat > /var/www/html/index.html <<'EOF'
<h1>$HOME stays literal</h1>
EOF
`);
  assert.ok(httpdInstalled({ files }));
  assert.ok(HTTPD_ENABLED_LINK in files && HTTPD_PID_FILE in files);
  assert.deepEqual(files['/var/www/html/index.html'], {
    content: '<h1>$HOME stays literal</h1>\n',
    owner: 'root',
    mode: 0o644,
  });
});

test('user data: unquoted here-documents expand IMDS lookups and variables; <<- strips tabs; tee -a appends; echo redirects', () => {
  const files = run(`#!/bin/bash
set -euxo pipefail
sudo dnf -y install httpd && sudo systemctl enable --now httpd
TOKEN=$(curl -sX PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 60")
AZ=$(curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/placement/availability-zone)
cat <<EOF > /var/www/html/index.html
<p>\${AZ} $(hostname) \\$AZ</p>
EOF
\tcat <<-END >/var/www/html/tabs.html
\t\tindented
\tEND
echo "<p>served by $(curl -s http://169.254.169.254/latest/meta-data/instance-id)</p>" | sudo tee -a /var/www/html/index.html
echo plain words > /var/www/html/plain.txt
chown ec2-user:ec2-user /var/www/html/plain.txt; chmod 600 /var/www/html/plain.txt
`);
  assert.equal(files[HTTPD_PID_FILE]?.owner, 'root', 'enable --now starts it');
  assert.equal(
    files['/var/www/html/index.html']?.content,
    `<p>ap-northeast-1d ${FACTS.privateDnsName} $AZ</p>\n<p>served by ${FACTS.instanceId}</p>\n`,
  );
  assert.equal(files['/var/www/html/tabs.html']?.content, 'indented\n');
  assert.deepEqual(files['/var/www/html/plain.txt'], { content: 'plain words\n', owner: 'ec2-user', mode: 0o600 });
});

test('user data: starting httpd that was never installed does nothing; cloud-config is not a shell script', () => {
  const files = run('#!/bin/bash\nsystemctl start httpd\n');
  assert.deepEqual(files, {});
  assert.deepEqual(run('#cloud-config\npackages:\n  - httpd\n'), {});
});

test('ImportKeyPair accepts OpenSSH lines and RFC 4716 blocks of RSA and ed25519 keys, nothing else', () => {
  const ed = createKeyMaterial('ed25519', 'a');
  const line = importPublicKey(ed.publicKey, 'laptop');
  assert.equal(line?.type, 'ed25519');
  assert.equal(line?.fingerprint, ed.fingerprint);
  assert.match(line?.publicKey ?? '', / laptop$/);
  const body = ed.publicKey.split(' ')[1] ?? '';
  const rfc4716 = `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "laptop"\n${body.match(/.{1,70}/g)?.join('\n')}\n---- END SSH2 PUBLIC KEY ----\n`;
  assert.equal(importPublicKey(rfc4716, 'laptop')?.fingerprint, ed.fingerprint);
  assert.equal(importPublicKey('ssh-dss AAAAB3NzaC1kc3MAAACBAP== me', 'x'), undefined);
  assert.equal(importPublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== short', 'x'), undefined);
  const rsa = createKeyMaterial('rsa', 'b');
  assert.equal(importPublicKey(rsa.publicKey, 'b')?.type, 'rsa');
  // AWS refuses RSA keys under 1024 bits.
  const jwk = generateKeyPairSync('rsa', { modulusLength: 512 }).publicKey.export({ format: 'jwk' });
  const sshString = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const mpint = (b64url: string) => {
    const bytes = Buffer.from(b64url, 'base64url');
    return sshString((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const weak = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e ?? ''), mpint(jwk.n ?? '')]);
  assert.equal(importPublicKey(`ssh-rsa ${weak.toString('base64')}`, 'weak'), undefined);
});

test('transitions: a launch is pending for 30 s, status checks ok at 2 min, a snapshot completes after 60 s + 10 s/GiB', () => {
  let now = Date.parse('2026-11-23T10:00:00Z');
  const clock: Clock = { speed: 1, now: () => new Date(now), after: (ms) => new Date(now + ms) };
  const world = createStartingWorld(clock);
  const region = world.writableRegion(PRACTICE_REGION);
  const [instance] = region.instances;
  assert.ok(instance);
  instance.state = 'stopped';
  beginTransition(instance, 'pending', 'running', clock, EC2_DURATIONS.instancePending);
  instance.statusOkAt = new Date(now + EC2_DURATIONS.statusChecks).toISOString();
  const snapshot = {
    id: 'snap-1',
    volumeId: 'vol-1',
    sizeGiB: 8,
    state: 'pending' as const,
    progress: 0,
    description: '',
    startTime: new Date(now).toISOString(),
    encrypted: false,
    tags: {},
    completeAt: new Date(now + snapshotDuration(8)).toISOString(),
  };
  region.snapshots.push(snapshot);

  now += 29_000;
  assert.equal(advanceEc2(region, new Date(now)), false);
  assert.equal(instance.state, 'pending');
  now += 1_000;
  assert.equal(advanceEc2(region, new Date(now)), true);
  assert.equal(instance.state, 'running');
  assert.equal(statusChecks(instance, new Date(now)), 'initializing');
  assert.equal(snapshotProgress(snapshot, new Date(now)), Math.floor((30 / 140) * 100));
  now += 90_000;
  assert.equal(statusChecks(instance, new Date(now)), 'ok');
  now += 20_000;
  advanceEc2(region, new Date(now));
  assert.deepEqual([snapshot.state, snapshot.progress], ['completed', 100]);

  // Stopping: at `stopped` the auto-assigned IP goes and /run empties.
  instance.autoPublicIp = '13.112.0.9';
  beginTransition(instance, 'stopping', 'stopped', clock, EC2_DURATIONS.instanceStopping);
  now += EC2_DURATIONS.instanceStopping;
  advanceEc2(region, new Date(now));
  assert.equal(instance.state, 'stopped');
  assert.equal(instance.autoPublicIp, undefined);
  assert.ok(!(HTTPD_PID_FILE in instance.files) && HTTPD_ENABLED_LINK in instance.files);
  assert.equal(statusChecks(instance, new Date(now)), 'not-applicable');
});
