// The MySQL client from a web server's shell, over a real SSH session (ssh2 client, the practice route): AL2023 has
// none until dnf installs mariadb105 (`mysql` is no package there), EC2's names from inside the VPC; and RDS MySQL
// Multi-AZ, whose data stays with test-rds-1 across a reboot with failover while its endpoint moves to the standby's
// subnet and an open monitor is dropped and reconnects. The database goes through the real RDSClient (waiters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  RebootDBInstanceCommand,
  waitUntilDBInstanceAvailable,
} from '@aws-sdk/client-rds';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { rdsHostName } from '../../../../src/practice/rds/names';
import { WAIT, ec2Practice } from '../ec2/ec2Practice';
import { shellOf, sshSession } from './mysqlShell';
import { PRIVATE_1A, PRIVATE_1C, PUBLIC_1A, buildWebTier, launchWebServer, openGroup, sshExec } from './testVpcWeb';

const practice = ec2Practice();
const R = PRACTICE_REGION;
const PASSWORD = 'vg1daypassword';
const session = (instanceId: string) => sshSession(practice, instanceId);

test("AL2023 has no mysql client until dnf installs mariadb105; 'mysql' is no package there", async () => {
  const tier = await buildWebTier(practice);
  const web = await launchWebServer(practice, tier, PUBLIC_1A, 'bare');
  const client = await session(web);
  try {
    const missing = await sshExec(client, 'mysql -u admin -p');
    assert.equal(missing.code, 127);
    assert.equal(missing.stderr, 'bash: mysql: command not found\n');
    assert.equal((await sshExec(client, 'sudo mysql')).stderr, 'sudo: mysql: command not found\n');
    const noRoot = await sshExec(client, 'dnf install -y mariadb105');
    assert.equal(noRoot.code, 1);
    assert.match(noRoot.stderr, /^Error: This command has to be run with superuser privileges/);
    const al2Name = await sshExec(client, 'sudo yum -y install mysql');
    assert.equal(al2Name.code, 1);
    assert.match(al2Name.stdout, /No match for argument: mysql\n/);
    assert.equal(al2Name.stderr, 'Error: Unable to find a match: mysql\n');
    const install = await sshExec(client, 'sudo dnf install -y mariadb105');
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stdout, /Installed:\n {2}mariadb105-3:10\.5\.\S+\.x86_64\n\nComplete!\n$/);
    const version = await sshExec(client, 'mysql --version');
    assert.equal(
      version.stdout,
      'mysql  Ver 15.1 Distrib 10.5.25-MariaDB, for Linux (x86_64) using  EditLine wrapper\n',
    );
    const again = await sshExec(client, 'sudo dnf install -y mariadb105');
    assert.match(
      again.stdout,
      /Package mariadb105-\S+ is already installed\.\nDependencies resolved\.\nNothing to do\.\nComplete!\n$/,
    );
    // EC2's names from inside the VPC: the private name (short, through the search domain), the public name giving
    // the private address; nothing listens for MySQL on a web server (refused, its group admits nothing on 3306: timeout).
    const self = await practice.describe(web);
    const ip = self.PrivateIpAddress ?? '';
    const short = (self.PrivateDnsName ?? '').split('.')[0] ?? '';
    assert.equal((await sshExec(client, `host ${short}`)).stdout, `${self.PrivateDnsName} has address ${ip}\n`);
    assert.equal(
      (await sshExec(client, `dig +short ${self.PublicDnsName}`)).stdout,
      `${ip}\n`,
      'a public DNS name resolves to the private address inside its VPC',
    );
    const local = await sshExec(client, 'mysql -u admin -e "select 1"');
    assert.equal(
      local.stderr,
      "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/lib/mysql/mysql.sock' (2)\n",
    );
    const self3306 = await sshExec(client, `mysql -h ${ip} -e "select 1"`);
    assert.equal(self3306.stderr, `ERROR 2002 (HY000): Can't connect to MySQL server on '${ip}' (111)\n`);
  } finally {
    client.end();
  }
});

test('RDS MySQL Multi-AZ: the data stays with test-rds-1 across a reboot with failover; the endpoint moves to the standby subnet', async () => {
  const tier = await buildWebTier(practice);
  const dbSg = await openGroup(practice, tier.vpcId, 'db-sg', [3306], tier.webSg);
  const web = await launchWebServer(practice, tier, PUBLIC_1A, 'webserver#1');
  const rds = practice.aws.rds;
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'db-subnetgroup-2',
      DBSubnetGroupDescription: 'db',
      SubnetIds: [tier.subnets[PRIVATE_1A] ?? '', tier.subnets[PRIVATE_1C] ?? ''],
    }),
  );
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'test-rds-1',
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: PASSWORD,
      DBName: 'wordpress',
      DBSubnetGroupName: 'db-subnetgroup-2',
      VpcSecurityGroupIds: [dbSg],
      MultiAZ: true,
      PubliclyAccessible: false,
      BackupRetentionPeriod: 0,
    }),
  );
  await waitUntilDBInstanceAvailable({ client: rds, ...WAIT }, { DBInstanceIdentifier: 'test-rds-1' });
  const endpoint = rdsHostName(R, 'test-rds-1');
  const client = await session(web);
  try {
    assert.equal((await sshExec(client, 'sudo dnf install -y mariadb105')).code, 0);
    const sql = (text: string) => sshExec(client, `mysql -u admin -p${PASSWORD} -h ${endpoint} wordpress -e "${text}"`);
    const before = await sshExec(client, `host ${endpoint}`);
    const primary = /has address 10\.0\.([23])\.\d+\n$/.exec(before.stdout)?.[1];
    assert.ok(primary, before.stdout);
    const ip = before.stdout.trim().split(' ').at(-1) ?? '';
    const reverse = await sshExec(client, `nslookup ${ip}`);
    assert.ok(
      reverse.stdout.includes(
        `${ip.split('.').reverse().join('.')}.in-addr.arpa\tname = ip-${ip.replace(/\./g, '-')}.${R}.compute.internal.\n`,
      ),
      reverse.stdout,
    );
    const created = await sql(
      "create table wp_posts (ID int auto_increment, post_title text); insert into wp_posts (post_title) values ('Hello world!')",
    );
    assert.equal(created.code, 0, created.stderr);

    // A monitor left open: the failover drops it; Ctrl-D after the reconnect says Bye.
    const shell = await shellOf(client);
    await shell.waitFor(/\]\$ $/);
    shell.stream.write(`mysql -u admin --password=${PASSWORD} --host=${endpoint} wordpress\r`);
    await shell.waitFor(/MySQL \[wordpress\]> $/);

    await rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'test-rds-1', ForceFailover: true }));
    await waitUntilDBInstanceAvailable({ client: rds, ...WAIT }, { DBInstanceIdentifier: 'test-rds-1' });
    const after = await sshExec(client, `host ${endpoint}`);
    assert.match(
      after.stdout,
      new RegExp(`has address 10\\.0\\.${primary === '2' ? '3' : '2'}\\.\\d+\\n$`),
      "the standby's subnet",
    );
    assert.equal((await sql('select post_title from wp_posts')).stdout, 'post_title\nHello world!\n');

    let mark = shell.output().length;
    shell.stream.write('select count(*) from wp_posts;\r');
    const dropped = await shell.waitFor(/MySQL \[wordpress\]> $/, mark);
    assert.match(
      dropped,
      /ERROR 2006 \(HY000\): MySQL server has gone away\r\nNo connection\. Trying to reconnect\.\.\.\r\n/,
    );
    assert.match(dropped, /Current database: wordpress\r\n/);
    assert.ok(dropped.includes('| count(*) |\r\n+----------+\r\n|        1 |\r\n'), dropped);
    mark = shell.output().length;
    shell.stream.write('\x04');
    await shell.waitFor(/Bye\r\n\[ec2-user@\S+ ~\]\$ $/, mark);
    // The password line edits unechoed (a typo erased with backspace); Ctrl-C at the monitor's prompt exits it.
    mark = shell.output().length;
    shell.stream.write(`mysql -u admin -p -h ${endpoint}\r`);
    await shell.waitFor(/Enter password: $/, mark);
    shell.stream.write(`${PASSWORD}x\x7f\r`);
    await shell.waitFor(/MySQL \[\(none\)\]> $/, mark);
    mark = shell.output().length;
    shell.stream.write('\x03');
    assert.match(await shell.waitFor(/\]\$ $/, mark), /^\^C\r\nCtrl-C -- exit!\r\nAborted\r\n\[ec2-user@\S+ ~\]\$ $/);
    shell.stream.end();
  } finally {
    client.end();
  }
});
