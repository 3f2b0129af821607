// Why steps 0.1–1.5 are not done yet, and what to do: the web server and its page, its Elastic IP, the snapshot
// and the AMI, WebServer2 (its AZ, groups, key pair, page). reasons.ts hands each code to the group that words it.
import type { Translate } from '../translate';
import { stateText } from '../explorer/text';
import { type ArgOf, pageErrorText, statusCheckText } from './argText';
import type { ReasonCode } from '../../lab/codes';

/** The reasons of steps 0.1–1.5 (pages, WebServer, Elastic IPs, snapshot, AMI, WebServer2); undefined for others. */
export function serverReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'page.unreachable':
      // Closed on purpose (1.9): judged through the load balancer, and never "open HTTP again".
      if (a('via'))
        return t(
          '{0} gives no direct answer ({2}), as expected once only the load balancer may reach it (step 1.9), and none of the answers of the load balancer at http://{1}/ came from it. See step 1.7 for why the load balancer does not reach {0}; keep HTTP on {0} closed to the internet.',
          a('name'),
          a('via'),
          pageErrorText(a('error'), t),
        );
      return t(
        "{0}'s page at http://{1}/ gave no answer ({2}). Check that the instance is running, that httpd runs, and that its security group admits HTTP 80 from you.",
        a('name'),
        a('host'),
        pageErrorText(a('error'), t),
      );
    case 'page.status':
      return t(
        "{0}'s page at http://{1}/ answered HTTP {2}. Check that /var/www/html/index.html exists and httpd is running.",
        a('name'),
        a('host'),
        a('status'),
      );
    case 'page.wrong':
      return t(
        '{0} answers at http://{1}/, but not with the CPS Research Center page (私たちのビジョン). Put the page in /var/www/html/index.html.',
        a('name'),
        a('host'),
      );
    case 'page.noApp':
      return t(
        "{0} answers at http://{1}/, but not with an app's page (the web server's own default page, or no HTML): the sample app is not installed. Set it up on {0} as the handout's Step-1 does.",
        a('name'),
        a('host'),
      );
    case 'webServer.missing':
      return t(
        'There is no instance named WebServer. Run step 0.1 to launch it, or name your web server WebServer (tag Name).',
      );
    case 'webServer.notRunning':
      return t(
        '{0} ({1}) is {2}. Start it (Instance state > Start instance).',
        a('name'),
        a('id'),
        stateText(a('state'), t),
      );
    case 'webServer.noAddress':
      return t(
        '{0} ({1}) has no public address. Give it an Elastic IP, or launch it in a public subnet with a public IP.',
        a('name'),
        a('id'),
      );
    case 'eip.missing':
      return t(
        '{0} has no Elastic IP. Allocate one (Elastic IPs > Allocate Elastic IP address) and associate it with {0}.',
        a('name'),
      );
    case 'eip.notAssociated':
      return t(
        'Elastic IP {0} is allocated but not associated with {1}. Associate it (Actions > Associate Elastic IP address). An unassociated Elastic IP is billed.',
        a('publicIp'),
        a('name'),
      );
    case 'webServer.noRootVolume':
      return t('{0} ({1}) has no EBS root volume to snapshot.', a('name'), a('id'));
    case 'snapshot.missing':
      return t(
        "There is no snapshot of {0}'s root volume {1}. Create one (Volumes > select {1} > Actions > Create snapshot), with tags State and Date.",
        a('name'),
        a('volumeId'),
      );
    case 'snapshot.pending':
      return t(
        'Snapshot {0} is still being created ({1}). Wait until its status is Completed.',
        a('id'),
        a('progress'),
      );
    case 'snapshot.failed':
      return t('Snapshot {0} is {1}. Delete it and create a new one.', a('id'), stateText(a('state'), t));
    case 'image.missing':
      return t(
        'There is no AMI made from {0}. Create an image from the snapshot (Snapshots > Actions > Create image from snapshot), or from the instance (Instances > Actions > Image and templates > Create image).',
        a('webServer'),
      );
    case 'image.notFromWebServer':
      return t(
        "AMI {1} ({0}) was not made from {2}'s root volume, so it does not carry its page. Create the AMI from {2}'s snapshot.",
        a('id'),
        a('name'),
        a('webServer'),
      );
    case 'image.pending':
      return t('AMI {1} ({0}) is still pending. Wait until it is available.', a('id'), a('name'));
    case 'image.failed':
      return t(
        'AMI {1} ({0}) is {2}. Deregister it and create it again.',
        a('id'),
        a('name'),
        stateText(a('state'), t),
      );
    case 'clone.missing':
      // An AMI with no name is named by its ID; with neither, the sentence must not read "the AMI  in".
      if (!a('image'))
        return t(
          "There is no WebServer2. Launch an instance from WebServer's AMI in another Availability Zone and name it WebServer2.",
        );
      return t(
        'There is no WebServer2. Launch an instance from the AMI {0} in another Availability Zone and name it WebServer2.',
        a('image'),
      );
    case 'clone.sameAz':
      return t(
        "{0} ({1}) is in {2}, the same Availability Zone as {3}: one data-center failure would take both down. An instance's AZ cannot change: terminate it and launch again in another AZ.",
        a('name'),
        a('id'),
        a('az'),
        a('webServer'),
      );
    case 'clone.notRunning':
      return t(
        '{0} ({1}) is {2}. Wait until it is running, or start it.',
        a('name'),
        a('id'),
        stateText(a('state'), t),
      );
    case 'clone.statusChecks':
      return t(
        '{0} ({1}) is running but its status checks are not passed yet (system: {2}, instance: {3}). Wait for 2/2 checks passed.',
        a('name'),
        a('id'),
        statusCheckText(a('system'), t),
        statusCheckText(a('instance'), t),
      );
    case 'clone.otherSecurityGroups':
      return t(
        '{0} has security groups {1}, {3} has {2}. Use the same group as {3} (Actions > Security > Change security groups), so one set of rules covers both servers.',
        a('name'),
        a('groups'),
        a('expected'),
        a('webServer'),
      );
    case 'clone.stockImage':
      return t(
        "{0} ({1}) was launched from {2}, the Amazon Linux AMI WebServer itself started from, not from an AMI made from WebServer: it has neither httpd nor the CPS Research Center page. An instance's AMI cannot change: terminate it and launch again from {3}.",
        a('name'),
        a('id'),
        a('imageId'),
        a('image') || t('the AMI of step 1.2'),
      );
    case 'clone.notFromImage':
      return t(
        "{0} ({1}) was launched from {2}, which is not an AMI made from {4}: it does not carry {4}'s page. An instance's AMI cannot change: terminate it and launch again from {3}.",
        a('name'),
        a('id'),
        a('imageId'),
        a('image') || t('the AMI of step 1.2'),
        a('webServer'),
      );
    case 'clone.noKeyPair':
      return t(
        '{0} ({1}) was launched without a key pair, so nobody can log in to it over SSH to edit its page (step 1.5). A key pair cannot be added later: terminate it and launch again with a key pair whose .pem you have ({2}, as WebServer, or a new one).',
        a('name'),
        a('id'),
        a('keyName') || 'ec2-key',
      );
    case 'clone.noHttp':
      return t(
        "{0}'s security groups admit HTTP 80 from nobody: neither you nor the load balancer can reach its page. Add an inbound rule HTTP 80 to {1}.",
        a('name'),
        a('groupName'),
      );
    case 'clone.noSsh':
      return t(
        "{0}'s security groups admit SSH 22 from nobody: you cannot log in to edit its page (step 1.5). Add an inbound rule SSH 22 from your IP address to {1}.",
        a('name'),
        a('groupName'),
      );
    case 'note.otherKeyPair':
      return t(
        "{0} uses the key pair {1}, not {3} as {2} does: log in to {0} with {1}'s .pem for step 1.5.",
        a('name'),
        a('keyName'),
        a('webServer'),
        a('webServerKey'),
      );
    case 'note.shutOutOfBalancer':
      return t(
        "{0}'s security group {1} admits HTTP 80 neither from the internet nor from the load balancer {2}, so nobody sees its page. That is the load balancer's step: 1.7 says which rule to add (HTTP 80 from the load balancer's security group).",
        a('name'),
        a('groupName'),
        a('loadBalancer'),
      );
    case 'clone.noElasticIp':
      return t('{0} ({1}) has no Elastic IP. Allocate one and associate it with {0}.', a('name'), a('id'));
    case 'clone.pageNotEdited':
      return t(
        "{0}'s page at http://{1}/ still says 私たちのビジョン. Edit /var/www/html/index.html on {0} (over SSH) and change it to 私たちのビジョン2.",
        a('name'),
        a('host'),
      );
    case 'webServer.pageEdited':
      return t(
        "{0}'s page at http://{1}/ says 私たちのビジョン2: the edit belongs on WebServer2. Change it back to 私たちのビジョン on {0}.",
        a('name'),
        a('host'),
      );
    case 'clone.pageNoVision':
      return t(
        '{1} on {0} has no 私たちのビジョン to change. Put the CPS Research Center page there first (step 0.1 does).',
        a('name'),
        a('path'),
      );
    case 'step.manual':
      return t(
        'This step is done by hand: connect to WebServer2 over SSH and edit the file. The check follows what you do.',
      );
  }
  return undefined;
}
