// Instances' file systems: what an Amazon Linux AMI from Amazon's catalog starts with (a bare system,
// no httpd), the copy a snapshot or AMI takes (never /run, a tmpfs), and the key cloud-init installs.
import { RUNTIME_PREFIX } from './httpd';
import type { FileRecord, ImageRecord } from '../core/records';

export const AUTHORIZED_KEYS = '/home/ec2-user/.ssh/authorized_keys';

/** A copy of the files (the records are plain data), leaving out /run. */
export function copyFiles(files: Readonly<Record<string, FileRecord>>): Record<string, FileRecord> {
  const copy: Record<string, FileRecord> = {};
  for (const [path, file] of Object.entries(files)) if (!path.startsWith(RUNTIME_PREFIX)) copy[path] = { ...file };
  return copy;
}

const rootFile = (content: string): FileRecord => ({ content, owner: 'root', mode: 0o644 });

/** The handful of files that say which system this is, for an image of Amazon's catalog. */
export function amazonLinuxFiles(image: Pick<ImageRecord, 'name'>): Record<string, FileRecord> {
  const al2023 = /^al2023-ami-(?:minimal-)?(\d{4}\.\d+\.\d{8})/.exec(image.name);
  if (al2023) {
    const version = al2023[1] ?? '2023';
    return {
      '/etc/os-release': rootFile(
        'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\n' +
          `PRETTY_NAME="Amazon Linux 2023.${version.split('.').slice(1).join('.')}"\nANSI_COLOR="0;33"\n` +
          'CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"\nHOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"\n',
      ),
      '/etc/system-release': rootFile(
        `Amazon Linux release 2023.${version.split('.').slice(1).join('.')} (Amazon Linux)\n`,
      ),
    };
  }
  return {
    '/etc/os-release': rootFile(
      'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\n' +
        'ANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2"\nHOME_URL="https://amazonlinux.com/"\n',
    ),
    '/etc/system-release': rootFile('Amazon Linux release 2 (Karoo)\n'),
  };
}

/** cloud-init's first-boot step: the launch key pair's public key in ec2-user's authorized_keys (once). */
export function authorizeKey(files: Record<string, FileRecord>, publicKey: string): void {
  const file = (files[AUTHORIZED_KEYS] ??= { content: '', owner: 'ec2-user', mode: 0o600 });
  const lines = file.content.split('\n').filter((l) => l !== '');
  if (!lines.includes(publicKey)) lines.push(publicKey);
  file.content = lines.map((l) => `${l}\n`).join('');
}
