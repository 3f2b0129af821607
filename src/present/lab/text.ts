// The lab's words. Domain code speaks in codes; this module turns them into sentences through a Translate
// function (vscode.l10n.t in the extension, the bundle-backed translator of l10n.ts in the CLI). English
// templates are the keys of l10n/bundle.l10n.ja.json, so every message here needs its Japanese there.
import type { Translate } from '../translate';
import { knownHostsResetMessage, sshProblemMessage } from '../sshMessages';
import { stateText } from '../explorer/text';
import { pageErrorText, statusCheckText, waitGoalText } from './argText';
import type { FixCode, OptionCode, ProgressCode, ReasonCode } from '../../lab/codes';
import type { Fix, Reason, StepId, StepProgress } from '../../lab/types';

type Args = Readonly<Record<string, string | number>> | undefined;
const arg = (args: Args, key: string): string => {
  const v = args?.[key];
  return v === undefined ? '' : String(v);
};

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
        'An internet-facing Application Load Balancer "LoadBalancer" in both servers\' AZs, listening on HTTP:80 and forwarding to the target group "WebServers" that holds both servers, all targets healthy.',
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
  }
}

/** "TCP 80", "TCP 1024-65535", "all traffic". */
function portText(protocol: string, from: string, to: string, t: Translate): string {
  if (protocol === '-1' || protocol === 'all') return t('all traffic');
  const range = from === to || to === '' ? from : `${from}-${to}`;
  return `${protocol.toUpperCase()} ${range}`;
}

/** The kinds of resource a runner finds and reuses (progress.reuse). */
function kindText(kind: string, t: Translate): string {
  switch (kind) {
    case 'instance':
      return t('instance');
    case 'snapshot':
      return t('snapshot');
    case 'image':
      return t('AMI');
    case 'keyPair':
      return t('key pair');
    case 'securityGroup':
      return t('security group');
    case 'elasticIp':
      return t('Elastic IP');
    case 'targetGroup':
      return t('target group');
    case 'loadBalancer':
      return t('load balancer');
    case 'listener':
      return t('listener');
  }
  return kind;
}

/** The sections of the inventory (InventorySection), as the student knows them. */
export function sectionText(section: string, t: Translate): string {
  switch (section) {
    case 'network':
      return t('subnets and route tables');
    case 'instances':
      return t('instances');
    case 'storage':
      return t('volumes, snapshots and AMIs');
    case 'addresses':
      return t('Elastic IPs');
    case 'securityGroups':
      return t('security groups');
    case 'loadBalancing':
      return t('load balancers and target groups');
    case 'databases':
      return t('databases');
    case 'autoScaling':
      return t('Auto Scaling groups');
  }
  return section;
}

/** Why a section could not be read, in short (AwsProblem kinds; the explorer words them in full). */
function unreadableWhy(kind: string, detail: string, t: Translate): string {
  switch (kind) {
    case 'throttled':
      return t('AWS throttled the requests');
    case 'accessDenied':
      return t('access denied by your IAM permissions');
    case 'network':
      return t('AWS could not be reached');
    case 'credentialsExpired':
      return t('your sign-in has expired');
  }
  return detail || kind;
}

function variantText(variant: string, t: Translate): string {
  if (variant === 'vision2') return '私たちのビジョン2';
  if (variant === 'vision') return '私たちのビジョン';
  return t('another page');
}

/** What is wrong, and what to do about it. */
export function reasonText(r: Reason, t: Translate): string {
  const a = (key: string) => arg(r.args, key);
  const code = r.code as ReasonCode;
  switch (code) {
    case 'observation.missing':
      return t('http://{0}{1} has not been requested yet. Check again to fetch it.', a('host'), a('path'));
    case 'account.unreadable':
      return t(
        "The account's {0} could not be read ({1}: {2}), so this step cannot be judged: nothing is known missing. Check again in a moment.",
        sectionText(a('section'), t),
        a('action'),
        unreadableWhy(a('problem'), a('detail'), t),
      );
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
    case 'alb.missing':
      return t(
        'There is no Application Load Balancer for WebServer and WebServer2. Run step 1.6, or create one (Load Balancers > Create load balancer > Application Load Balancer).',
      );
    case 'alb.provisioning':
      return t('Load balancer {0} is still provisioning. Wait until its state is Active (a few minutes).', a('name'));
    case 'alb.failed':
      return t(
        'Load balancer {0} is {1} ({2}). Delete it and create it again.',
        a('name'),
        stateText(a('state'), t),
        a('reason'),
      );
    case 'alb.internal':
      return t(
        'Load balancer {0} is internal: it cannot be reached from the internet. The scheme cannot change: delete it and create an internet-facing one.',
        a('name'),
      );
    case 'alb.azNotEnabled':
      return t(
        'Load balancer {0} is enabled in {1} only: {2} in {3} gets no traffic. Enable {3} (Network mapping > Edit subnets).',
        a('name'),
        a('enabled'),
        a('instance'),
        a('az'),
      );
    case 'alb.noListener':
      return t(
        'Load balancer {0} has no listener on HTTP:{1}. Add one that forwards to the target group.',
        a('name'),
        a('port'),
      );
    case 'alb.listenerNotForwarding':
      return t(
        "The HTTP:{1} listener of {0} does not forward to the target group {2}. Edit the listener's default action: Forward to {2}.",
        a('name'),
        a('port'),
        a('targetGroup'),
      );
    case 'alb.groupClosed':
      return t(
        'The security group {2} of load balancer {0} admits nobody on HTTP {1} (a new group has no inbound rule): the load balancer answers no one, even with healthy targets. Add the inbound rule HTTP, port {1}, source Anywhere (0.0.0.0/0) to {2}.',
        a('name'),
        a('port'),
        a('groupName'),
      );
    case 'alb.privateSubnet':
      return a('publicSubnet')
        ? t(
            'Load balancer {0} is internet-facing, but its subnet {1} in {2} has no route to an internet gateway: requests from the internet cannot reach it there. Choose the public subnet {3} in {2} instead (Network mapping > Edit subnets).',
            a('name'),
            a('subnetName'),
            a('az'),
            a('publicSubnet'),
          )
        : t(
            'Load balancer {0} is internet-facing, but its subnet {1} in {2} has no route to an internet gateway: requests from the internet cannot reach it there. Give that subnet a route 0.0.0.0/0 to an internet gateway, or choose a public subnet (Network mapping > Edit subnets).',
            a('name'),
            a('subnetName'),
            a('az'),
          );
    case 'note.otherLoadBalancer':
      return t(
        "Another load balancer like the lab's: {0} ({1}), made by the lab, besides {2}, which the checks follow. It is billed by the hour too; cleanup removes it.",
        a('name'),
        a('dnsName'),
        a('judged'),
      );
    case 'note.otherLoadBalancerUntagged':
      return t(
        "Another load balancer like the lab's: {0} ({1}), besides {2}, which the checks follow. It is billed by the hour too; cleanup lists it, and removes it only if you pick it.",
        a('name'),
        a('dnsName'),
        a('judged'),
      );
    case 'note.otherTargetGroup':
      return t(
        "Another target group like the lab's: {0}, made by the lab, besides {1}, which the checks follow. Cleanup removes it.",
        a('name'),
        a('judged'),
      );
    case 'note.otherTargetGroupUntagged':
      return t(
        "Another target group like the lab's: {0}, besides {1}, which the checks follow. Cleanup lists it, and removes it only if you pick it.",
        a('name'),
        a('judged'),
      );
    case 'targetGroup.missing':
      return t(
        'Load balancer {0} has no target group. Create the target group WebServers (HTTP:80, instances) and forward the listener to it.',
        a('name'),
      );
    case 'targetGroup.targetMissing':
      return t(
        '{1} ({2}) is not registered in the target group {0}. Register it (Targets > Register targets).',
        a('targetGroup'),
        a('instance'),
        a('id'),
      );
    case 'target.initial':
      return t(
        '{1} in {0}: the first health checks are running. It turns healthy after about {2} seconds of passed checks.',
        a('targetGroup'),
        a('instance'),
        a('seconds'),
      );
    case 'target.notHealthy':
      return t(
        '{1} in {0} is {2} ({3}). See step 1.7 for the cause and the fix.',
        a('targetGroup'),
        a('instance'),
        stateText(a('state'), t),
        a('reason'),
      );
    case 'targets.none':
      return t('The target group {0} has no targets. Register WebServer and WebServer2.', a('targetGroup'));
    case 'targets.allHealthy':
      return t('Every target is healthy: nothing to fix.');
    case 'diagnosis.instanceGone':
      return t('{0} is registered in {1} but the instance no longer exists. Deregister it.', a('id'), a('targetGroup'));
    case 'diagnosis.instanceStopped':
      return t(
        '{0} ({1}) is {2}: a stopped instance receives no traffic and fails no checks; it is unused. Start it.',
        a('instance'),
        a('id'),
        stateText(a('state'), t),
      );
    case 'diagnosis.instanceStarting':
      return t(
        '{0} ({1}) is starting ({2}). Wait: health checks begin when it is running.',
        a('instance'),
        a('id'),
        stateText(a('state'), t),
      );
    case 'diagnosis.targetGroupNotInUse':
      return t(
        'No listener of {1} forwards to the target group {0}, so its targets are unused. Forward the HTTP:80 listener to {0}.',
        a('targetGroup'),
        a('name'),
      );
    case 'diagnosis.azNotEnabled':
      return t(
        '{0} is in {2}, an Availability Zone not enabled on {3} (enabled: {4}). Enable {2} on the load balancer (Network mapping > Edit subnets).',
        a('instance'),
        a('id'),
        a('az'),
        a('name'),
        a('enabled'),
      );
    case 'diagnosis.securityGroup': {
      const source = a('sourceGroupName') ? `${a('sourceGroupName')} (${a('sourceGroupId')})` : a('cidr');
      return t(
        "{0}'s security group {1} does not admit the load balancer on TCP {2}, so the health checks time out. Add the inbound rule: Custom TCP, port {2}, source {3}, to {1} ({4}).",
        a('instance'),
        a('groupName'),
        a('port'),
        source,
        a('groupId'),
      );
    }
    case 'diagnosis.healthCheckPath':
      return t(
        'The health-check path {2} of {4} does not answer 200 on {0} (got {3}). Put a page there, or change the health-check path (Target group > Health checks > Edit).',
        a('instance'),
        a('id'),
        a('path'),
        a('status'),
        a('targetGroup'),
      );
    case 'diagnosis.initial':
      return t(
        '{0}: the first health checks are still running (about {2} seconds). Wait.',
        a('instance'),
        a('id'),
        a('seconds'),
      );
    case 'diagnosis.draining':
      return t('{0} is being deregistered (draining).', a('instance'), a('id'));
    case 'diagnosis.stockImage':
      return t(
        "{0} ({1}) was launched from {2}, the Amazon Linux AMI {3} itself started from, not from the lab's AMI: it has no httpd and no page, so its health checks fail. An instance's AMI cannot change: terminate it, launch it again from {4} (step 1.3) and register the new instance.",
        a('instance'),
        a('id'),
        a('imageId'),
        a('webServer'),
        a('image') || t('the AMI of step 1.2'),
      );
    case 'diagnosis.notFromImage':
      return t(
        "{0} ({1}) was launched from {2}, which is not the lab's AMI made from {3}: it does not serve {3}'s page, so its health checks fail. An instance's AMI cannot change: terminate it, launch it again from {4} (step 1.3) and register the new instance.",
        a('instance'),
        a('id'),
        a('imageId'),
        a('webServer'),
        a('image') || t('the AMI of step 1.2'),
      );
    case 'diagnosis.unknown':
      return t(
        '{0} is {2} ({3}: {4}), and the account shows no cause: check that httpd runs on {0} (sudo systemctl status httpd).',
        a('instance'),
        a('id'),
        stateText(a('state'), t),
        a('reason'),
        a('description'),
      );
    case 'tally.noAnswer':
      return t(
        'The load balancer at http://{0}/ gave no answer ({1}). Check that it is active, that its security group admits HTTP 80, and that a target is healthy.',
        a('host'),
        pageErrorText(a('error'), t),
      );
    case 'tally.oneVariant':
      return t(
        'All {1} answers from http://{0}/ were {2}: only one server answers. Check that both targets are healthy and that WebServer2 says 私たちのビジョン2.',
        a('host'),
        a('count'),
        variantText(a('variant'), t),
      );
    case 'tally.onlyOneVariant':
      return t('All {1} answers from http://{0}/ were {2}.', a('host'), a('count'), variantText(a('variant'), t));
    case 'tally.noVision':
      return t(
        'The load balancer at http://{0}/ answered {1} times, but never with the CPS Research Center page (neither 私たちのビジョン nor 私たちのビジョン2): its targets serve another page. Check the AMI the servers were launched from (step 1.3).',
        a('host'),
        a('count'),
      );
    case 'secure.sharedGroup':
      return t(
        'The load balancer {2} and the web servers share the security group {1}: it must stay open to the internet for the load balancer. Give the load balancer its own group (alb-sg, HTTP 80 from anywhere) first.',
        a('groupId'),
        a('groupName'),
        a('name'),
      );
    case 'secure.albNotAdmitted':
      return t(
        "{0}'s security group {1} does not admit the load balancer's group {2} on TCP {3}. Add the inbound rule HTTP, source {2}, to {1}.",
        a('instance'),
        a('groupName'),
        a('sourceGroupName') || a('sourceGroupId'),
        a('port'),
      );
    case 'secure.openRule':
      // One address (the student's /32) or a range is not "anyone": say who.
      if (a('source') !== '0.0.0.0/0' && a('source') !== '::/0')
        return t(
          'The security group {0} lets {2} reach {1} directly, not only through the load balancer. Remove this inbound rule so HTTP comes only through the load balancer.',
          a('groupName'),
          portText(a('protocol'), a('fromPort'), a('toPort'), t),
          a('source'),
        );
      return t(
        'The security group {0} lets anyone at {2} reach {1} directly. Remove this inbound rule so HTTP comes only through the load balancer.',
        a('groupName'),
        portText(a('protocol'), a('fromPort'), a('toPort'), t),
        a('source'),
      );
    case 'secure.directAnswered':
      return t(
        '{0} still answers directly at http://{1}/ (HTTP {2}). After the rules change it should time out.',
        a('instance'),
        a('host'),
        a('status'),
      );
    case 'secure.albNotAnswering':
      return t(
        'The load balancer at http://{0}/ does not answer ({1}): the web servers must admit its security group before the open rules go.',
        a('host'),
        pageErrorText(a('error'), t),
      );
    case 'exercise.notRun':
      return t(
        'The availability exercise has not been run on {0}: stop one server, keep requesting the load balancer, then start it again (run step 1.10).',
        a('name'),
      );
    case 'exercise.failed':
      return t(
        'During the last exercise, {0} stopped answering while one server was stopped. Check that both targets are healthy and in different AZs, then run step 1.10 again.',
        a('name'),
      );
    case 'exercise.albStoppedAnswering':
      return t(
        'While {0} was stopped, the load balancer failed {1} of {2} requests.',
        a('instance'),
        a('failed'),
        a('requests'),
      );
    case 'exercise.needsTwoTargets':
      return t('The exercise needs two healthy targets, so one can be stopped. Finish step 1.6 first.');
    case 'run.keyPairWithoutFile':
      return t(
        'Key pair {0} already exists, but its private key is not at {1}, and AWS cannot give it again. Put the .pem there, or choose another key pair name.',
        a('keyName'),
        a('path'),
      );
    case 'run.keyFileExists':
      return t(
        'A file already exists at {0}. Choose another place for the private key of the new key pair {1}, so no other key is overwritten.',
        a('path'),
        a('keyName'),
      );
    case 'run.myIpUnknown':
      return t(
        'Your public IP address could not be found ({0}). Choose "Anywhere" for SSH, or try again.',
        pageErrorText(a('error'), t),
      );
    case 'run.myIpNotAnAddress':
      return t(
        'Your public IP address could not be found: checkip.amazonaws.com answered "{0}", which is not an IP address (a proxy may be in the way). Choose "Anywhere" for SSH, or try again.',
        a('answer'),
      );
    case 'run.imageNameTaken':
      return t(
        'The AMI name {0} is taken by an image that was not made from WebServer. Choose another AMI name.',
        a('name'),
      );
    case 'run.noAmazonLinux':
      return t('No Amazon Linux 2023 AMI was found in {0}.', a('region'));
    case 'run.noDefaultVpc':
      return t(
        'This region has no default VPC. Create one (VPC > Actions > Create default VPC), or choose another region.',
      );
    case 'run.noSubnetInAz':
      return t('There is no subnet in {0} in the VPC {1}.', a('az'), a('vpcId'));
    case 'run.noOtherAz':
      return t('There is no Availability Zone other than {0} with a subnet in the VPC.', a('az'));
    case 'run.waitTimedOut':
      return t(
        'Gave up waiting for {0} to become {1}. Check it in the console, then run the step again: it continues where it stopped.',
        a('id'),
        waitGoalText(a('state'), t),
      );
    case 'run.waitFailed':
      return t(
        '{0} will not become {1}: it went another way (terminated, failed or deleted). Check it in the console, then run the step again.',
        a('id'),
        waitGoalText(a('state'), t),
      );
    case 'run.nothingToFix':
      return t('Nothing to fix right now.');
    case 'run.unknownFix':
      return t('Unknown fix: {0}.', a('fix'));
    case 'run.badOption':
      return t('The option {0} cannot be {1}.', a('key'), a('value'));
  }
  return r.code;
}

export function fixTitle(f: Fix, t: Translate): string {
  const a = (key: string) => arg(f.args, key);
  const code = f.code as FixCode;
  switch (code) {
    case 'authorizeIngress':
      return a('sourceGroupId')
        ? t('Allow TCP {0} from {1} in {2}', a('port'), a('sourceGroupName') || a('sourceGroupId'), a('groupName'))
        : t('Allow TCP {0} from {1} in {2}', a('port'), a('cidr'), a('groupName'));
    case 'revokeIngress':
      return t(
        'Remove {0} from {1} in {2}',
        portText(a('protocol'), a('fromPort'), a('toPort'), t),
        a('source'),
        a('groupName'),
      );
    case 'enableAz':
      return t('Enable {0} on {1}', a('az'), a('name'));
    case 'startInstance':
      return t('Start {0}', a('name'));
    case 'setHealthCheckPath':
      return t('Set the health-check path of {0} to {1}', a('targetGroup'), a('path'));
    case 'registerTarget':
      return t('Register {0} in {1}', a('name'), a('targetGroup'));
    case 'deregisterTarget':
      return t('Deregister {0} from {1}', a('instanceId'), a('targetGroup'));
    case 'associateAddress':
      return a('allocationId')
        ? t('Associate Elastic IP {0} with {1}', a('publicIp'), a('name'))
        : t('Allocate an Elastic IP for {0}', a('name'));
    case 'forwardToTargetGroup':
      return t('Forward HTTP:{0} of {1} to {2}', a('port'), a('name'), a('targetGroup'));
    case 'ownLoadBalancerGroup':
      return t(
        'Give {0} its own security group {1} (HTTP 80 from anywhere) and admit it in {2}',
        a('name'),
        a('groupName'),
        a('webGroupName'),
      );
  }
  return f.code;
}

/** Questions a step asks before it runs, and the labels of their choices. */
export function optionText(code: string, args: Args, t: Translate): string {
  const a = (key: string) => arg(args, key);
  switch (code as OptionCode) {
    case 'option.instanceName':
      return t('Name of the instance');
    case 'option.instanceType':
      return t('Instance type');
    case 'option.az':
      return t('Availability Zone');
    case 'option.sshSource':
      return t('Who may connect with SSH (port 22)?');
    case 'option.keyName':
      return t('Key pair name');
    case 'option.sshKeyFile':
      return t("The key pair's private key (.pem) to log in with");
    case 'option.keyFile':
      return t('Where to save the private key (.pem)');
    case 'option.snapshotDescription':
      return t('Snapshot description');
    case 'option.stateTag':
      return t('Tag State (letters, no Japanese)');
    case 'option.dateTag':
      return t('Tag Date');
    case 'option.imageMethod':
      return t('Create the AMI from');
    case 'option.imageName':
      return t('AMI name');
    case 'option.noReboot':
      return t('Reboot WebServer while the image is made?');
    case 'option.loadBalancerName':
      return t('Load balancer name');
    case 'option.targetGroupName':
      return t('Target group name');
    case 'option.healthCheckPath':
      return t('Health-check path');
    case 'option.albSecurityGroup':
      return t("Load balancer's security group");
    case 'option.requests':
      return t('How many requests to send');
    case 'option.stopInstance':
      return t('Which server to stop');
    case 'choice.freeTier':
      return a('freeTier') === 'yes' ? t('{0} (free tier eligible)', a('type')) : a('type');
    case 'choice.az':
      return a('note') === 'webServer' ? t('{0} (where WebServer is)', a('az')) : a('az');
    case 'choice.sshMyIp':
      return t('Only my IP address ({0})', a('ip') || t('looked up when the step runs'));
    case 'choice.sshAnywhere':
      return t('Anywhere (0.0.0.0/0): anyone may try to log in');
    case 'choice.fromSnapshot':
      return t('The snapshot of step 1.1 (as handout 000)');
    case 'choice.fromInstance':
      return t('The instance WebServer directly (makes its own snapshot)');
    case 'choice.noReboot':
      return t('No reboot: WebServer keeps serving; the page files are static, so the copy is consistent');
    case 'choice.reboot':
      return t('Reboot: AWS stops writes for a consistent copy; WebServer is down for about a minute');
    case 'choice.keepGroups':
      return t('Its own groups: {0}', a('names'));
    case 'choice.newGroup':
      return t('A new group {0} (HTTP 80 from anywhere)', a('name'));
    case 'choice.existingGroup':
      return t('The existing group {0} ({1})', a('name'), a('id'));
    case 'choice.instance':
      return t('{0} ({1}, {2})', a('name'), a('id'), a('az'));
  }
  return code;
}

export function progressText(p: StepProgress, t: Translate): string {
  const a = (key: string) => arg(p.args, key);
  switch (p.code as ProgressCode) {
    case 'progress.reuse':
      return t('Found {0} {1}: using it', kindText(a('kind'), t), a('id'));
    case 'progress.lookUpImage':
      return t('Looking up the latest Amazon Linux 2023 AMI and a free-tier instance type');
    case 'progress.createKeyPair':
      return t('Creating key pair {0} and saving {1}', a('name'), a('path'));
    case 'progress.createSecurityGroup':
      return t('Creating security group {0}', a('name'));
    case 'progress.authorize':
      return t('Allowing TCP {0} from {1} in {2}', a('port'), a('source'), a('group'));
    case 'progress.revoke':
      return t('Removing {0} from {1} in {2}', a('port'), a('source'), a('group'));
    case 'progress.launch':
      return t('Launching {0} in {1}', a('name'), a('az'));
    case 'progress.waitRunning':
      return t('Waiting for {0} to be running', a('name'));
    case 'progress.waitStatusOk':
      return t('Waiting for the status checks of {0} (2/2 passed)', a('name'));
    case 'progress.allocateAddress':
      return t('Allocating an Elastic IP for {0}', a('name'));
    case 'progress.associateAddress':
      return t('Associating {0} with {1}', a('publicIp'), a('name'));
    case 'progress.createSnapshot':
      return t('Creating a snapshot of {0}', a('volumeId'));
    case 'progress.waitSnapshot':
      return t('Waiting for snapshot {0} to complete', a('id'));
    case 'progress.imageNameTaken':
      return t('The AMI name {0} is taken by another image: this one is named {1}', a('name'), a('free'));
    case 'progress.registerImage':
      return t('Registering AMI {0} from {1}', a('name'), a('snapshotId'));
    case 'progress.createImage':
      return t('Creating AMI {0} from {1}', a('name'), a('instanceId'));
    case 'progress.waitImage':
      return t('Waiting for AMI {0} to be available', a('id'));
    case 'progress.createTargetGroup':
      return t('Creating target group {0}', a('name'));
    case 'progress.registerTargets':
      return t('Registering {0} in {1}', a('names'), a('targetGroup'));
    case 'progress.createLoadBalancer':
      return t('Creating load balancer {0} in {1}', a('name'), a('azs'));
    case 'progress.waitLoadBalancer':
      return t('Waiting for {0} to be active', a('name'));
    case 'progress.createListener':
      return t('Adding listener HTTP:{0} to {1}', a('port'), a('name'));
    case 'progress.waitTargets':
      return t('Waiting for the targets of {0} to be healthy', a('targetGroup'));
    case 'progress.request':
      return t('Request {0} of {1}', a('n'), a('of'));
    case 'progress.stopInstance':
      return t('Stopping {0}', a('name'));
    case 'progress.waitStopped':
      return t('Waiting for {0} to stop; the load balancer keeps answering', a('name'));
    case 'progress.startInstance':
      return t('Starting {0} again', a('name'));
    case 'progress.applyFix':
      return fixTitle({ code: a('fix'), args: p.args ?? {} }, t);
    case 'progress.sshConnect':
      return t('Connecting to {0} over SSH ({1})', a('name'), a('host'));
    case 'progress.keyFileMode':
      return t(
        'Warning: {0}',
        sshProblemMessage({ kind: 'keyFileMode', path: a('path'), mode: parseInt(a('mode'), 8) || 0 }, t),
      );
    case 'progress.knownHostsReset':
      return t('Warning: {0}', knownHostsResetMessage({ file: a('file'), keptAs: a('keptAs') }, t));
    case 'progress.readPage':
      return t('Reading {0} on {1}', a('path'), a('name'));
    case 'progress.savePage':
      return t('Saving {0} on {1} (a temporary file, then renamed: never half written)', a('path'), a('name'));
    case 'progress.pageAlreadyEdited':
      return t('{0} on {1} already says 私たちのビジョン2: nothing to change', a('path'), a('name'));
    case 'progress.check':
      return t('Checking the result');
    case 'progress.done':
      return t('Done');
  }
  return p.code;
}
