// GetConsoleOutput: the instance's serial console as cloud-init leaves it on Amazon Linux, base64 as AWS
// answers, with the `-----BEGIN SSH HOST KEY FINGERPRINTS-----` block of the practice SSH server's host
// key, so a client can check its first connection against it as on AWS. A pending instance has none yet.
import { GetConsoleOutput$, type GetConsoleOutputRequest, type GetConsoleOutputResult } from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { ID_RULES } from './common';
import { oneById } from './writeCommon';
import { privateDnsName } from '../core/geography';
import { ensureHostKey } from '../machine/sshd';

const getConsoleOutput = action<GetConsoleOutputRequest, GetConsoleOutputResult>(
  GetConsoleOutput$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const instance = oneById(records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
    if (instance.state === 'pending' || instance.state === 'terminated')
      return { InstanceId: instance.id, Timestamp: context.now };
    const key = ensureHostKey(context.world, instance);
    const host = privateDnsName(context.region, instance.privateIp);
    const [algorithm = '', blob = ''] = key.publicKey.split(' ');
    const text = [
      `[   10.412345] cloud-init[1620]: Cloud-init v. 22.2.2 running 'modules:final' at ${new Date(instance.launchTime).toUTCString()}. Up 10.39 seconds.`,
      '#############################################################',
      '-----BEGIN SSH HOST KEY FINGERPRINTS-----',
      `256 ${key.fingerprint} root@${host} (ED25519)`,
      '-----END SSH HOST KEY FINGERPRINTS-----',
      '#############################################################',
      '-----BEGIN SSH HOST KEY KEYS-----',
      `${algorithm} ${blob} root@${host}`,
      '-----END SSH HOST KEY KEYS-----',
      `[   10.512345] cloud-init[1620]: Cloud-init v. 22.2.2 finished. Datasource DataSourceEc2Local.  Up 10.49 seconds`,
      '',
    ].join('\r\n');
    return { InstanceId: instance.id, Timestamp: context.now, Output: Buffer.from(text).toString('base64') };
  },
);

export const ec2ConsoleOutputActions: Record<string, ActionDefinition> = { GetConsoleOutput: getConsoleOutput };
