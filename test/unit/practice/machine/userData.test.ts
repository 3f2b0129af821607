// User data as cloud-init runs the handouts' scripts on the practice account's instances: httpd
// installed, enabled and started, pages from here-documents, IMDS lookups and variables expanded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPD_ENABLED_LINK, HTTPD_PID_FILE, httpdInstalled } from '../../../../src/practice/machine/httpd';
import type { FileRecord } from '../../../../src/practice/core/records';
import { runUserData, type InstanceFacts } from '../../../../src/practice/machine/userData';

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
