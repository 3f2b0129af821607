// Track 2's reasons: the database's network (2.1), the database and WordPress on it (2.2, 2.3), Multi-AZ and its
// failover (2.4, 2.5), Aurora and its failover (2.6, 2.7). reasons.ts dispatches here.
import type { Translate } from '../translate';
import type { ArgOf } from './argText';
import type { ReasonCode } from '../../lab/codes';

export function databaseReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  return networkText(code, a, t) ?? instanceText(code, a, t) ?? redundancyText(code, a, t);
}

function networkText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'dbSg.missing':
      return t(
        "There is no security group for the database yet. Create {0} with one inbound rule: MySQL/Aurora (TCP {2}) from the web servers' group {1}, and nothing else.",
        a('name'),
        a('webGroup'),
        a('port'),
      );
    case 'dbSg.openToWorld':
      return t(
        "{0} opens TCP {1} to 0.0.0.0/0: anyone who finds the database's address may try its password. Delete that rule and admit only the web servers' group.",
        a('group'),
        a('port'),
      );
    case 'dbSg.noWebRule':
      return t(
        "{0} has no inbound rule for TCP {2} from the web servers' group {1}, so WordPress cannot reach the database. Add the rule MySQL/Aurora with source {1}.",
        a('group'),
        a('webGroup'),
        a('port'),
      );
    case 'dbSubnetGroup.missing':
      return t(
        'There is no DB subnet group yet. Create {0} in the RDS console (Subnet groups) with subnets in two Availability Zones: RDS places the database, and later its standby, in them.',
        a('name'),
      );
    case 'dbSubnetGroup.otherVpc':
      return t(
        'The DB subnet group {0} is in another VPC than the web servers ({1}): they could not reach the database. Create it in {1}.',
        a('name'),
        a('vpc'),
      );
    case 'dbSubnetGroup.oneAz':
      return t(
        'The DB subnet group {0} only has subnets in {1}. Multi-AZ needs a standby in another Availability Zone: add a subnet of a second AZ.',
        a('name'),
        a('az'),
      );
    case 'dbSubnetGroup.publicSubnet':
      return t(
        'The DB subnet group {0} holds public subnets ({1}). Handout 004 keeps the database in the private subnets, where nothing on the internet can route to it: use the private subnets only.',
        a('name'),
        a('subnets'),
      );
  }
  return undefined;
}

function instanceText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'db.missing':
      return t(
        'There is no RDS MySQL database yet. Create {0} in the RDS console: Standard create, MySQL, Free tier, no public access, the group db-sg, and the initial database name under Additional configuration.',
        a('name'),
      );
    case 'db.notAvailable':
      return t(
        '{0} is {1}, not available yet (creating, then backing up, then available takes 5 to 10 minutes). Check again when the RDS console says Available.',
        a('name'),
        a('status'),
      );
    case 'db.public':
      return t(
        '{0} is publicly accessible. The database only needs to be reached by the web servers: modify it and set Public access to No.',
        a('name'),
      );
    case 'db.otherVpc':
      return t('{0} is in another VPC than the web servers ({1}): they cannot reach it.', a('name'), a('vpc'));
    case 'db.groupNotAdmittingWeb':
      return t(
        '{0}\'s security groups ({1}) do not admit the web servers\' group {2} on TCP {3}: WordPress would say "Error establishing a database connection". Add that inbound rule, or give the database the group that has it.',
        a('name'),
        a('groups'),
        a('webGroup'),
        a('port'),
      );
    case 'db.noDatabase':
      return t(
        '{0} was created without an initial database, so WordPress has no database {1} to use. Create it from a web server (mysql, then CREATE DATABASE {1};) or create the DB instance again with the initial database name set.',
        a('name'),
        a('dbName'),
      );
    case 'note.dbBackups':
      return t(
        'Automatic backups of {0} are kept {1} days. Handout 004 turns them off for the lab: backups beyond the free allowance bill as storage.',
        a('name'),
        a('days'),
      );
    case 'note.dbClass':
      return t(
        '{0} is a {1}, outside the free tier (db.t3.micro or db.t4g.micro): it bills by the hour from the first minute.',
        a('name'),
        a('instanceClass'),
      );
    case 'wordpress.missing':
      return t(
        '{0} does not serve WordPress at http://{1}/. Install it as handout 004 does (its user data downloads WordPress into /var/www/html), then set it up.',
        a('name'),
        a('host'),
      );
    case 'wordpress.notSetUp':
      return t(
        "WordPress on {0} is not set up yet. Open http://{1}/ and give it the database name, the user admin, the password, and the database host {2} (the DB instance's endpoint).",
        a('name'),
        a('host'),
        a('endpoint'),
      );
    case 'wordpress.dbError':
      return t(
        'WordPress on {0} says "Error establishing a database connection". The way to the database is open, so check wp-config.php: the host must be {1}, the database {2}, and the user and password those of the DB instance.',
        a('name'),
        a('endpoint'),
        a('dbName'),
      );
  }
  return undefined;
}

function redundancyText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'multiAz.off':
      return t(
        '{0} runs in one Availability Zone. Modify it: Multi-AZ deployment, "Create a standby instance", and apply immediately.',
        a('name'),
      );
    case 'multiAz.pending':
      return t(
        'The Multi-AZ change of {0} waits for the next maintenance window. Modify it again and choose "Apply immediately".',
        a('name'),
      );
    case 'multiAz.modifying':
      return t(
        '{0} is being modified: RDS is building the standby in another AZ (about 10 minutes). Check again when it is Available.',
        a('name'),
      );
    case 'failover.none':
      return t(
        '{0} has not failed over yet: its primary is still in {1}. Reboot it with "Reboot with failover" and watch the site while it switches.',
        a('name'),
        a('az'),
      );
    case 'failover.inProgress':
      return t('{0} is failing over ({1}). Check again in a minute.', a('name'), a('status'));
    case 'aurora.missing':
      return t(
        'There is no Aurora cluster yet. Create {0} in the RDS console: Aurora (MySQL Compatible), no public access, the group db-sg; then add a reader in AZ c.',
        a('name'),
      );
    case 'aurora.notAvailable':
      return t('The cluster {0} is {1}, not available yet.', a('name'), a('status'));
    case 'aurora.noWriter':
      return t(
        'The cluster {0} has no writer instance. Add one (for example {1}): without an instance a cluster has nothing to connect to.',
        a('name'),
        a('writer'),
      );
    case 'aurora.noReader':
      return t(
        'The cluster {0} has only a writer. Add a reader (Actions > Add reader, for example {1}) in AZ {2}: the reader endpoint then points at it, and a failover has somewhere to go.',
        a('name'),
        a('reader'),
        a('az'),
      );
    case 'aurora.sameAz':
      return t(
        "The cluster {0}'s writer and readers are all in {1}: if that zone fails, so does the database. Put a reader in another Availability Zone.",
        a('name'),
        a('az'),
      );
    case 'aurora.memberNotAvailable':
      return t('{0} is {1}, not available yet (a new Aurora instance takes about 5 minutes).', a('name'), a('status'));
    case 'auroraFailover.none':
      return t(
        'The cluster {0} has not failed over yet: {1} is still the writer. Select it and choose Actions > Failover, then watch the roles swap.',
        a('name'),
        a('writer'),
      );
    case 'auroraFailover.inProgress':
      return t('The cluster {0} is failing over. Check again in a minute.', a('name'));
  }
  return undefined;
}
