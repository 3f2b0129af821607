// Seed 003's Aurora exercise from a web server's shell, over a real SSH session (ssh2 client, the practice route):
// `nslookup` of the cluster and reader endpoints (the CNAME chain to the writer 10.0.2.x and the reader 10.0.3.x in
// Test-VPC's private subnets), `dig`/`host`, `mysql -u admin -p -h…` with the password prompt, `select @read_only`
// (NULL) and `select @@read_only` (writer 0, reader 1), a wrong password, a db-sg that does not admit the client's
// group (the connection times out), data written on the writer read on the reader, and after a failover the names
// follow and an open session is dropped and reconnects to the new writer. Subnet group, cluster, members and the
// failover go through the real RDSClient (CreateDBCluster, CreateDBInstance, FailoverDBCluster, waiters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  FailoverDBClusterCommand,
  waitUntilDBClusterAvailable,
  waitUntilDBInstanceAvailable,
} from '@aws-sdk/client-rds';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { systemClock } from '../../../../src/practice/core/world';
import { databaseNodes } from '../../../../src/practice/rds/nodes';
import { rdsHostName } from '../../../../src/practice/rds/names';
import { WAIT, ec2Practice } from '../ec2/ec2Practice';
import { shellOf, sshSession } from './mysqlShell';
import { PRIVATE_1A, PRIVATE_1C, PUBLIC_1A, buildWebTier, launchWebServer, openGroup, sshExec } from './testVpcWeb';

const practice = ec2Practice();
const R = PRACTICE_REGION;
const PASSWORD = 'vg1daypassword';
const CLUSTER = rdsHostName(R, 'wp-user05-cluster', 'cluster-');
const READER = rdsHostName(R, 'wp-user05-cluster', 'cluster-ro-');
const WRITER_HOST = rdsHostName(R, 'wp-user05');
const SLAVE_HOST = rdsHostName(R, 'wp-user05-slave');
const session = (instanceId: string) => sshSession(practice, instanceId);

/** Seed 003's cluster through the real RDSClient in Test-VPC's private subnets: writer wp-user05 (1a), reader
 *  wp-user05-slave (1c); db-sg admits web-sg on 3306; the web server has the MariaDB client installed. */
async function aurora() {
  const tier = await buildWebTier(practice);
  const dbSg = await openGroup(practice, tier.vpcId, 'db-sg', [3306], tier.webSg);
  const web = await launchWebServer(practice, tier, PUBLIC_1A, 'webserver#1-user05');
  const rds = practice.aws.rds;
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'db-subnetgroup',
      DBSubnetGroupDescription: 'db',
      SubnetIds: [tier.subnets[PRIVATE_1A] ?? '', tier.subnets[PRIVATE_1C] ?? ''],
    }),
  );
  await rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: 'wp-user05-cluster',
      Engine: 'aurora-mysql',
      MasterUsername: 'admin',
      MasterUserPassword: PASSWORD,
      DBSubnetGroupName: 'db-subnetgroup',
      VpcSecurityGroupIds: [dbSg],
    }),
  );
  for (const [id, az] of [
    ['wp-user05', `${R}a`],
    ['wp-user05-slave', `${R}c`],
  ] as const) {
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        DBClusterIdentifier: 'wp-user05-cluster',
        Engine: 'aurora-mysql',
        DBInstanceClass: 'db.t3.medium',
        AvailabilityZone: az,
        PubliclyAccessible: false,
      }),
    );
    await waitUntilDBInstanceAvailable({ client: rds, ...WAIT }, { DBInstanceIdentifier: id });
  }
  const described = await rds.send(new DescribeDBInstancesCommand({}));
  const address = (id: string) => {
    const endpoint = described.DBInstances?.find((d) => d.DBInstanceIdentifier === id)?.Endpoint?.Address ?? '';
    const node = databaseNodes(practice.records(), practice.server.world.clock.now()).find((n) => n.instanceId === id);
    assert.equal(node?.instanceEndpoint, endpoint);
    return node?.privateIp ?? '';
  };
  const cluster = (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'wp-user05-cluster' })))
    .DBClusters?.[0];
  assert.equal(cluster?.Endpoint, CLUSTER);
  assert.equal(cluster?.ReaderEndpoint, READER);
  const client = await session(web);
  const install = await sshExec(client, 'sudo dnf install -y mariadb105');
  assert.equal(install.code, 0, install.stderr);
  return { tier, web, client, writerIp: address('wp-user05'), readerIp: address('wp-user05-slave') };
}

test('seed 003 from a web server: nslookup, mysql -p, select @read_only / @@read_only, a wrong password, the db-sg, a failover', async () => {
  const { tier, client, web, writerIp, readerIp } = await aurora();
  assert.match(writerIp, /^10\.0\.2\.\d+$/);
  assert.match(readerIp, /^10\.0\.3\.\d+$/);
  try {
    // nslookup as seed 003 prints it: the VPC's resolver, the cluster endpoint a CNAME to the writer in 10.0.2.x.
    const clusterLookup = await sshExec(client, `nslookup ${CLUSTER}`);
    assert.equal(clusterLookup.code, 0);
    assert.equal(
      clusterLookup.stdout,
      `Server:\t\t10.0.0.2\nAddress:\t10.0.0.2#53\n\nNon-authoritative answer:\n${CLUSTER}\tcanonical name = ${WRITER_HOST}.\nName:\t${WRITER_HOST}\nAddress: ${writerIp}\n\n`,
    );
    const readerLookup = await sshExec(client, `nslookup ${READER}`);
    assert.ok(
      readerLookup.stdout.includes(
        `${READER}\tcanonical name = ${SLAVE_HOST}.\nName:\t${SLAVE_HOST}\nAddress: ${readerIp}\n`,
      ),
      readerLookup.stdout,
    );
    assert.equal((await sshExec(client, `dig +short ${READER}`)).stdout, `${SLAVE_HOST}.\n${readerIp}\n`);
    const dig = (await sshExec(client, `dig ${CLUSTER}`)).stdout;
    assert.match(dig, /status: NOERROR/);
    assert.ok(
      dig.includes(
        `;; ANSWER SECTION:\n${CLUSTER}.\t5\tIN\tCNAME\t${WRITER_HOST}.\n${WRITER_HOST}.\t5\tIN\tA\t${writerIp}\n`,
      ),
      dig,
    );
    assert.equal(
      (await sshExec(client, `host ${CLUSTER}`)).stdout,
      `${CLUSTER} is an alias for ${WRITER_HOST}.\n${WRITER_HOST} has address ${writerIp}\n`,
    );
    const unknown = await sshExec(client, 'nslookup wp-user05-clustr.example.com');
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.stdout,
      "Server:\t\t10.0.0.2\nAddress:\t10.0.0.2#53\n\n** server can't find wp-user05-clustr.example.com: NXDOMAIN\n\n",
    );
    assert.equal(
      (await sshExec(client, 'host nosuch.example.com')).stdout,
      'Host nosuch.example.com not found: 3(NXDOMAIN)\n',
    );
    assert.match((await sshExec(client, 'dig nosuch.example.com')).stdout, /status: NXDOMAIN.*ANSWER: 0/s);

    // The writer answers read_only 0, the reader 1; @@hostname is each instance. Without a terminal (ssh host cmd)
    // `mysql -e` prints tab-separated columns, as the client does into a pipe.
    const ask = (host: string, sql: string) => sshExec(client, `mysql -u admin -p${PASSWORD} -h${host} -e "${sql}"`);
    assert.equal((await ask(CLUSTER, 'select @@read_only')).stdout, '@@read_only\n0\n');
    const readerName = `ip-${readerIp.replace(/\./g, '-')}`;
    const writerName = `ip-${writerIp.replace(/\./g, '-')}`;
    const onReader = (await ask(READER, 'select @@read_only, @@hostname')).stdout;
    assert.equal(onReader, `@@read_only\t@@hostname\n1\t${readerName}\n`);

    // Data written through the cluster endpoint is read through the reader (one store); the reader refuses writes.
    const write = await ask(
      CLUSTER,
      "create database blog; use blog; create table posts (id int auto_increment, title text); insert into posts (title) values ('hello')",
    );
    assert.equal(write.code, 0, write.stderr);
    assert.equal((await ask(READER, 'select title from blog.posts')).stdout, 'title\nhello\n');
    const refused = await ask(READER, "insert into blog.posts (title) values ('x')");
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      'ERROR 1290 (HY000) at line 1: The MySQL server is running with the --read-only option so it cannot execute this statement\n',
    );

    // A wrong password: the client's address in the message. An unknown host, an unknown database.
    const ip = practice.record(web).privateIp;
    const wrong = await sshExec(client, `mysql --user=admin --password=nope --host=${CLUSTER} -e "select 1"`);
    assert.equal(wrong.code, 1);
    assert.equal(wrong.stderr, `ERROR 1045 (28000): Access denied for user 'admin'@'${ip}' (using password: YES)\n`);
    const typo = await sshExec(client, `mysql -u admin -p${PASSWORD} -h wp-user05-clustr.example.com -e "select 1"`);
    assert.equal(typo.stderr, "ERROR 2005 (HY000): Unknown MySQL server host 'wp-user05-clustr.example.com' (-2)\n");
    const noDb = await sshExec(client, `mysql -u admin -p${PASSWORD} -h ${CLUSTER} -P 3306 shop -e "select 1"`);
    assert.equal(noDb.stderr, "ERROR 1049 (42000): Unknown database 'shop'\n");

    // Interactively, as seed 003 types it: the prompt, the password unechoed, the banner, seed 003's typo.
    const shell = await shellOf(client);
    await shell.waitFor(/\]\$ $/);
    // On a terminal `-e` draws the client's table.
    shell.stream.write(`mysql -u admin -p${PASSWORD} -h${CLUSTER} -e 'select @@read_only'\r`);
    assert.ok(
      (await shell.waitFor(/\|\r\n\+-+\+\r\n\[ec2-user@\S+ ~\]\$ $/)).includes(
        '+-------------+\r\n| @@read_only |\r\n+-------------+\r\n|           0 |\r\n+-------------+\r\n',
      ),
    );
    shell.stream.write(`mysql -u admin -p -h${CLUSTER}\r`);
    await shell.waitFor(/Enter password: $/);
    const beforePassword = shell.output().length;
    shell.stream.write(`${PASSWORD}\r`);
    await shell.waitFor(/MySQL \[\(none\)\]> $/, beforePassword);
    const banner = shell.output().slice(beforePassword);
    assert.ok(!banner.includes(PASSWORD), 'the password is not echoed');
    assert.match(
      banner,
      /Welcome to the MariaDB monitor\. {2}Commands end with ; or \\g\.\r\nYour MySQL connection id is \d+\r\nServer version: 8\.0\.39 Source distribution\r\n/,
    );
    let mark = shell.output().length;
    shell.stream.write('select @read_only;\r');
    const nullText = await shell.waitFor(/in set \(\d\.\d{3} sec\)\r\n\r\nMySQL \[\(none\)\]> $/, mark);
    assert.ok(
      nullText.includes(
        '+------------+\r\n| @read_only |\r\n+------------+\r\n| NULL       |\r\n+------------+\r\n1 row in set (',
      ),
      nullText,
    );
    mark = shell.output().length;
    shell.stream.write('select\r');
    await shell.waitFor(/ {4}-> $/, mark);
    shell.stream.write('@@hostname;\r');
    assert.ok((await shell.waitFor(/MySQL \[\(none\)\]> $/, mark)).includes(`| ${writerName} |`));

    // Failover: the writer and reader swap; the names follow, the open session is dropped and reconnects.
    await practice.aws.rds.send(
      new FailoverDBClusterCommand({
        DBClusterIdentifier: 'wp-user05-cluster',
        TargetDBInstanceIdentifier: 'wp-user05-slave',
      }),
    );
    await waitUntilDBClusterAvailable(
      { client: practice.aws.rds, ...WAIT },
      { DBClusterIdentifier: 'wp-user05-cluster' },
    );
    const after = await sshExec(client, `nslookup ${CLUSTER}`);
    assert.ok(
      after.stdout.includes(`canonical name = ${SLAVE_HOST}.\nName:\t${SLAVE_HOST}\nAddress: ${readerIp}\n`),
      after.stdout,
    );
    assert.ok(
      (await sshExec(client, `nslookup ${READER}`)).stdout.includes(`Name:\t${WRITER_HOST}\nAddress: ${writerIp}\n`),
    );
    mark = shell.output().length;
    shell.stream.write('select @@hostname, @@read_only;\r');
    const dropped = await shell.waitFor(/MySQL \[\(none\)\]> $/, mark);
    assert.match(
      dropped,
      /ERROR 2006 \(HY000\): MySQL server has gone away\r\nNo connection\. Trying to reconnect\.\.\.\r\nConnection id: {4}\d+\r\nCurrent database: \*\*\* NONE \*\*\*\r\n/,
    );
    assert.ok(dropped.includes(`| ${readerName} |           0 |`), dropped);
    mark = shell.output().length;
    shell.stream.write('exit\r');
    await shell.waitFor(/Bye\r\n\[ec2-user@ip-\S+ ~\]\$ $/, mark);
    shell.stream.end();

    // A db-sg that does not admit the client's group: the SYN goes unanswered, the client times out.
    const other = await openGroup(practice, tier.vpcId, 'other-sg', [22]);
    const outsider = await launchWebServer(practice, tier, PUBLIC_1A, 'outsider', { groupId: other });
    const outsiderClient = await session(outsider);
    try {
      assert.equal((await sshExec(outsiderClient, 'sudo dnf install -y mariadb105')).code, 0);
      // The client gives up after the connect timeout (~130 s on AWS), scaled by the clock: 1.3 s at 100x.
      const world = practice.server.world;
      const instant = world.clock;
      world.clock = systemClock(100);
      try {
        const started = Date.now();
        const blocked = await sshExec(outsiderClient, `mysql -u admin -p${PASSWORD} -h ${CLUSTER} -e "select 1"`);
        const waited = Date.now() - started;
        assert.equal(blocked.code, 1);
        assert.equal(blocked.stderr, `ERROR 2002 (HY000): Can't connect to MySQL server on '${CLUSTER}' (115)\n`);
        assert.ok(waited >= 1250 && waited < 5000, `waited ${waited} ms`);
      } finally {
        world.clock = instant;
      }
    } finally {
      outsiderClient.end();
    }
  } finally {
    client.end();
  }
});
