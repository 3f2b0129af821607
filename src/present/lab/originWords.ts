// Seed 001's origin in words: WebServer stopped and imaged, image1server and image2server launched from its AMI. The
// checks' reasons and notes, what a plan says the run will do, 1.3's questions for the two servers, the runners'
// progress. reasons.ts, options.ts and progress.ts fall back here. English templates are keys of
// l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import { type Args, type ArgOf, arg } from './argText';

/** The reasons, notes and plan previews of seed 001's origin; undefined for others. */
export function originReasonText(code: string, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'origin.firstMissing':
      return a('image')
        ? t(
            '{0} is not launched yet: handout 001 launches both web servers from the AMI {3} of {2}, which stays stopped. Launch {0} from it in another Availability Zone than {1} (AMIs > Launch instance from AMI, Name {0}), or run step 1.3.',
            a('first'),
            a('clone'),
            a('origin'),
            a('image'),
          )
        : t(
            "{0} is not launched yet: handout 001 launches both web servers from {2}'s AMI, and {2} stays stopped. Launch {0} from it in another Availability Zone than {1} (AMIs > Launch instance from AMI, Name {0}), or run step 1.3.",
            a('first'),
            a('clone'),
            a('origin'),
          );
    case 'origin.serversMissing':
      return a('image')
        ? t(
            '{0} and {1} are not launched yet: handout 001 launches both web servers from the AMI {3} of {2} (AMIs > Launch instance from AMI, once for each Name, in two Availability Zones). Run step 1.3.',
            a('first'),
            a('second'),
            a('origin'),
            a('image'),
          )
        : t(
            "{0} and {1} are not launched yet: handout 001 launches both web servers from {2}'s AMI (AMIs > Launch instance from AMI, once for each Name, in two Availability Zones). Run step 1.3.",
            a('first'),
            a('second'),
            a('origin'),
          );
    case 'note.originStopped':
      return t(
        '{0} is stopped, as handout 001 stops it before making its AMI: {1} and the second server, launched from that AMI, serve the page.',
        a('name'),
        a('first'),
      );
    case 'note.originAddress':
      return t(
        'The Elastic IP {1} stays on {0}, stopped as handout 001 leaves it; {2} is reached at its own public IP.',
        a('origin'),
        a('publicIp'),
        a('name'),
      );
    case 'plan.stopOrigin':
      return t(
        'Stops {0} first and waits until it is stopped (handout 001, ①), then makes the AMI {1} from it.',
        a('name'),
        a('image'),
      );
    case 'plan.originStopped':
      return t('{0} is stopped already (handout 001, ①): the AMI {1} is made from it as it is.', a('name'), a('image'));
    case 'plan.launchServers':
      return t(
        "Launches {0} in {1} and {2} in {3} from the AMI {4}, with {5}'s instance type, security groups and key pair; {5} stays stopped.",
        a('first'),
        a('firstAz'),
        a('second'),
        a('secondAz'),
        a('image'),
        a('origin'),
      );
    case 'plan.launchServer':
      return t('Launches {0} in {1} from the AMI {2}.', a('name'), a('az'), a('image'));
  }
  return undefined;
}

/** 1.3's questions for the two servers launched from WebServer's AMI. */
export function originOptionText(code: string, args: Args, t: Translate): string | undefined {
  void args;
  switch (code) {
    case 'option.firstServerName':
      return t('Name of the first server (1号機)');
    case 'option.firstServerAz':
      return t('Availability Zone of the first server');
    case 'option.secondServerName':
      return t('Name of the second server (2号機)');
    case 'option.secondServerAz':
      return t('Availability Zone of the second server');
  }
  return undefined;
}

export function originProgressText(code: string, args: Args, t: Translate): string | undefined {
  const a = (key: string) => arg(args, key);
  switch (code) {
    case 'progress.stopOrigin':
      return t('Stopping {0} before its AMI is made (handout 001, ①)', a('name'));
    case 'progress.waitOriginStopped':
      return t('Waiting for {0} to be stopped', a('name'));
  }
  return undefined;
}
