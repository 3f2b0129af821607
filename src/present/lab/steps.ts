// The lab's steps as the student reads them: each step's title (the checklist, the CLI, the explorer) and the
// summary of what it builds, in the handouts' words. English templates are keys of l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import type { StepId } from '../../lab/types';

export function stepTitle(id: StepId, t: Translate): string {
  return `${id} ${stepName(id, t)}`;
}

function stepName(id: StepId, t: Translate): string {
  switch (id) {
    case '0.1':
      return t('Launch WebServer with the CPS Research Center page');
    case '0.2':
      return t('Give WebServer an Elastic IP');
    case '1.1':
      return t("Snapshot WebServer's root volume");
    case '1.2':
      return t('Create an AMI from the snapshot');
    case '1.3':
      return t('Launch WebServer2 from the AMI in another AZ');
    case '1.4':
      return t('Give WebServer2 an Elastic IP');
    case '1.5':
      return t("Edit WebServer2's page (私たちのビジョン2)");
    case '1.6':
      return t('Create the Application Load Balancer');
    case '1.7':
      return t('Troubleshoot the health checks');
    case '1.8':
      return t('Verify: both pages through the load balancer');
    case '1.9':
      return t('Secure: web servers reachable only through the load balancer');
    case '1.10':
      return t('Availability: stop one server, the site stays up');
    case '2.1':
      return t('The database security group db-sg and the DB subnet group');
    case '2.2':
      return t('Create the RDS MySQL database test-rds-1');
    case '2.3':
      return t('WordPress on the web tier uses the database');
    case '2.4':
      return t('Make the database Multi-AZ');
    case '2.5':
      return t('Reboot with failover: the primary moves to the other AZ');
    case '2.6':
      return t('Aurora: a cluster with a writer and a reader in another AZ');
    case '2.7':
      return t('Aurora failover: writer and reader swap');
    case '3.1':
      return t("Create a launch template from the lab's AMI");
    case '3.2':
      return t('Create the Auto Scaling group behind the target group');
    case '3.3':
      return t('Scaling policies: CPU over 70 % adds a server, under 30 % removes one');
    case '3.4':
      return t('Put load on the web tier: watch it scale out and back in');
    case '3.5':
      return t('Self-healing: terminate an instance, the group replaces it');
    case '4.1':
      return t('Create Test-VPC with public and private subnets');
    case '4.2':
      return t('What makes a subnet public: its route table');
    case '4.3':
      return t('The web tier inside Test-VPC (Test-EC2#1)');
    case '4.4':
      return t('Web servers in the private subnets, only the load balancer public');
  }
}

export function stepSummary(id: StepId, t: Translate): string {
  switch (id) {
    case '0.1':
      return t(
        'An Amazon Linux 2023 instance named WebServer in AZ a, with httpd serving the CPS Research Center page, HTTP open to everyone and SSH to you, and the key pair saved as a .pem file.',
      );
    case '0.2':
      return t(
        'An Elastic IP keeps WebServer at the same public address across stops and starts; the page answers on it.',
      );
    case '1.1':
      return t(
        "A snapshot saves the state of WebServer's EBS root volume (httpd and the page included), tagged State and Date; wait until it is completed.",
      );
    case '1.2':
      return t(
        'An AMI (a server image) built from the snapshot, named like "AMI of CPS Research Center"; wait until it is available.',
      );
    case '1.3':
      return t(
        'A second server, WebServer2, launched from the AMI in a different Availability Zone with the same security group and key pair: if one data center fails, the other keeps serving.',
      );
    case '1.4':
      return t('An Elastic IP for WebServer2, so you can reach it directly.');
    case '1.5':
      return t(
        'Change 私たちのビジョン to 私たちのビジョン2 in /var/www/html/index.html on WebServer2, so you can tell which server answered.',
      );
    case '1.6':
      return t(
        'An internet-facing Application Load Balancer "LoadBalancer" in both servers\' AZs, listening on HTTP:80 and forwarding to the target group "WebServers" that holds both servers, all targets healthy. Seed 001\'s Classic Load Balancer counts as well: HTTP 80 to 80, both servers registered and InService.',
      );
    case '1.7':
      return t(
        'When a target is not healthy, find out why (stopped instance, security group, AZ not enabled, health-check path) and fix it.',
      );
    case '1.8':
      return t(
        "Request the load balancer's DNS name many times: answers come from both servers, 私たちのビジョン and 私たちのビジョン2.",
      );
    case '1.9':
      return t(
        "The web servers' security group admits HTTP only from the load balancer's security group: direct requests time out, the load balancer still answers.",
      );
    case '1.10':
      return t(
        'Stop one server: the load balancer keeps answering from the other. Start it again and watch it turn healthy.',
      );
    case '2.1':
      return t(
        "A security group db-sg that admits MySQL (TCP 3306) only from the web servers' group, and a DB subnet group db-subnetgroup over two Availability Zones (Test-VPC's private subnets 10.0.2.0/24 and 10.0.3.0/24 in handout 004).",
      );
    case '2.2':
      return t(
        'An RDS MySQL 8.0 database test-rds-1 on the free tier: master user admin with a password you type, no public access, the group db-sg, the initial database wordpress, automatic backups off. Creating takes 5 to 10 minutes.',
      );
    case '2.3':
      return t(
        "The web servers reach the database's endpoint on 3306 through db-sg, and WordPress's setup connects with the database name, user, password and host: the site serves pages from the database.",
      );
    case '2.4':
      return t(
        'Modify test-rds-1 to Multi-AZ, applied immediately: RDS builds a standby in another Availability Zone and keeps it in sync (about 10 minutes of modifying).',
      );
    case '2.5':
      return t(
        'Reboot the database with failover: the standby becomes the primary, in the other AZ, under the same endpoint. Watch what the site answers meanwhile, and how long it is down.',
      );
    case '2.6':
      return t(
        'An Aurora MySQL cluster wp-user01-cluster with a writer wp-user01 and a reader wp-user01-slave in AZ c, no public access: the cluster endpoint points at the writer, the reader endpoint at the reader.',
      );
    case '2.7':
      return t(
        'Fail the cluster over: the reader becomes the writer and the writer a reader, and the cluster and reader endpoints follow them (nslookup shows it from a web server).',
      );
    case '3.1':
      return t(
        "A launch template WebServer-template whose default version launches the lab's AMI (the one WebServer2 came from), a t2.micro or t3.micro, the web servers' security group and your key pair: what the group starts each time it adds a server.",
      );
    case '3.2':
      return t(
        'An Auto Scaling group WebServer-ASG from the template over two subnets in two AZs, attached to the target group WebServers, with ELB health checks and a 300-second grace period, min 2, desired 2, max 4: its servers InService in both AZs and healthy behind the load balancer.',
      );
    case '3.3':
      return t(
        "Two CloudWatch alarms on the group's average CPUUtilization, above 70 % adding one instance and below 30 % removing one (simple scaling, 300-second cooldown), as handout 002 does it; or one target-tracking policy that keeps the average at 70 %.",
      );
    case '3.4':
      return t(
        'Load the web tier through the load balancer (a bounded load from the editor, or stress over SSH): the high alarm goes to ALARM, the group adds a server that turns InService and healthy; stop the load and it scales back in.',
      );
    case '3.5':
      return t(
        "Terminate one of the group's instances by hand: the group notices, launches a replacement and registers it behind the load balancer, back at its desired capacity.",
      );
    case '4.1':
      return t(
        'Test-VPC 10.0.0.0/16 as "VPC and more" makes it: public subnets 10.0.0.0/24 and 10.0.1.0/24, private 10.0.2.0/24 and 10.0.3.0/24 over two AZs, an internet gateway, a public route table (0.0.0.0/0 to the gateway) and a private one per AZ; no NAT gateway.',
      );
    case '4.2':
      return t(
        'A subnet is public when its route table sends 0.0.0.0/0 to an internet gateway attached to the VPC, not because of its name. The public subnets route there; the private ones do not.',
      );
    case '4.3':
      return t(
        'Test-EC2#1 in the public subnet of AZ a with a public IPv4 address, in a new security group web-sg (HTTP 80 from anywhere, SSH 22), serving the page: track 1 then runs inside Test-VPC with the names of handout 004.',
      );
    case '4.4':
      return t(
        "A web server from the lab's AMI in each private subnet (no public address), registered behind the load balancer and healthy: the site answers through the load balancer only, and nobody can reach the servers directly.",
      );
  }
}
