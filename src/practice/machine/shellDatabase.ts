// The practice shell's database tools: `nslookup`, `dig` (+short) and `host` asking the VPC's resolver (dns.ts),
// `mysql`/`mariadb` (the MariaDB 10.5 client, rds/mysql/client.ts, over the practice MySQL face) and `dnf`/`yum
// install`. Amazon Linux 2023 has bind-utils but no MySQL client: `sudo dnf install -y mariadb105` installs it
// (/usr/bin/mysql, as httpd's install is /usr/sbin/httpd); `mysql`, the name seed 004 uses on Amazon Linux 2, is no
// package on AL2023 and dnf says so.
import { scaled } from '../elbv2/model';
import { installHttpd } from './httpd';
import { STRESS_BINARY, STRESS_NG_BINARY } from './shellLoad';
import { isIpv4, digText, hostText, nslookupReverseText, nslookupText, resolveName, reverseLookup } from './dns';
import { mysqlClient } from '../rds/mysql/client';
import { CONNECT_TIMEOUT_MS, connectDatabase, type DatabaseWorld } from '../rds/mysql/session';
import type { Command, Context, ShellState } from './shellCommon';

export const MYSQL_BINARY = '/usr/bin/mysql';
const MARIADB_BINARY = '/usr/bin/mariadb';

/** The packages the practice's dnf knows: what they put on the disk (bind-utils comes with the image). */
const PACKAGES: Record<string, { version: string; size: string }> = {
  mariadb105: { version: '3:10.5.25-1.amzn2023.0.1', size: '1.6 M' },
  httpd: { version: '2.4.62-1.amzn2023', size: '48 k' },
  'bind-utils': { version: '32:9.16.48-1.amzn2023.0.4', size: '208 k' },
  stress: { version: '1.0.4-29.amzn2023', size: '39 k' },
  'stress-ng': { version: '0.17.08-1.amzn2023.0.1', size: '2.4 M' },
};
/** Where each installable package's program goes (bind-utils comes with the image). */
const BINARIES: Record<string, string[]> = {
  httpd: ['/usr/sbin/httpd'],
  mariadb105: [MYSQL_BINARY, MARIADB_BINARY],
  stress: [STRESS_BINARY],
  'stress-ng': [STRESS_NG_BINARY],
};
/** Names a student types from Amazon Linux 2 handouts that AL2023 has no package for. */
const NOT_ON_AL2023 = new Set(['mysql', 'mysql-server', 'mysql-client', 'mariadb', 'mariadb-server']);

function lookupContext(shell: ShellState) {
  const files = shell.host.files;
  const records = files.records();
  const instance = files.instance();
  const network = files.network();
  return { files, records, instance, resolver: network?.resolver ?? '', now: files.now() };
}

const names = (args: string[]) => args.filter((a) => !a.startsWith('-') && !a.startsWith('+'));

const nslookup: Command = (shell, { args, out }) => {
  const [name, server] = names(args);
  if (name === undefined) return (out.stderr('nslookup: interactive mode is not supported here; give a name\n'), 1);
  const { records, instance, resolver, now, files } = lookupContext(shell);
  const via = server && isIpv4(server) ? server : resolver;
  if (isIpv4(name)) {
    const found = reverseLookup(records, files.region, instance?.vpcId, name, now);
    out.stdout(nslookupReverseText(via, name, found));
    return found ? 0 : 1;
  }
  const answer = resolveName(records, files.region, instance?.vpcId, name, now);
  out.stdout(nslookupText(via, name, answer));
  return answer ? 0 : 1;
};

const host: Command = (shell, { args, out }) => {
  const [name] = names(args);
  if (name === undefined)
    return (out.stderr('Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n'), 1);
  const { records, instance, now, files } = lookupContext(shell);
  if (isIpv4(name)) {
    const found = reverseLookup(records, files.region, instance?.vpcId, name, now);
    const arpa = `${name.split('.').reverse().join('.')}.in-addr.arpa`;
    out.stdout(found ? `${arpa} domain name pointer ${found}.\n` : `Host ${arpa} not found: 3(NXDOMAIN)\n`);
    return found ? 0 : 1;
  }
  const answer = resolveName(records, files.region, instance?.vpcId, name, now);
  out.stdout(hostText(name, answer));
  return answer ? 0 : 1;
};

let digIds = 4242;

const dig: Command = (shell, { args, out }) => {
  const [name = '.'] = names(args);
  const { records, instance, resolver, now, files } = lookupContext(shell);
  const answer = resolveName(records, files.region, instance?.vpcId, name, now);
  const short = args.includes('+short');
  digIds = (digIds * 7919 + 13) % 65536;
  out.stdout(digText(resolver, name, answer, now, { short, id: digIds }));
  return 0;
};

function waitTimeout(shell: ShellState, signal: AbortSignal): Promise<boolean> {
  const ms = scaled(CONNECT_TIMEOUT_MS, shell.host.files.speed());
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

function mysqlCommand(program: string): Command {
  return async (shell, { user, args, out, signal, input }: Context) => {
    const files = shell.host.files;
    const instance = files.instance();
    if (!instance || !(MYSQL_BINARY in instance.files)) {
      // Only sudo makes root here: it is sudo that does not find the program.
      out.stderr(user === 'root' ? `sudo: ${program}: command not found\n` : `bash: ${program}: command not found\n`);
      return user === 'root' ? 1 : 127;
    }
    const world: DatabaseWorld = {
      region: files.region,
      records: () => files.records(),
      now: () => files.now(),
      changed: () => files.changed(),
    };
    const from = { privateIp: instance.privateIp, vpcId: instance.vpcId, securityGroupIds: instance.securityGroupIds };
    return mysqlClient(
      args,
      {
        stdout: out.stdout,
        stderr: out.stderr,
        ...(input ? { readLine: (echo: boolean) => input.readLine(echo) } : {}),
        signal,
        waitTimeout: () => waitTimeout(shell, signal),
      },
      (target) => connectDatabase(world, from, target),
      user,
    );
  };
}

const ROOT_ONLY =
  'Error: This command has to be run with superuser privileges (under the root user on most systems).\n';

const dnf: Command = async (shell, { user, args, out, input }) => {
  const words = args.filter((a) => !a.startsWith('-'));
  const [verb, ...packages] = words;
  if (verb !== 'install') {
    out.stderr(`dnf: the practice instance's dnf supports install only (got ${verb ?? 'nothing'})\n`);
    return 1;
  }
  if (user !== 'root') return (out.stderr(ROOT_ONLY), 1);
  const missing = packages.filter((p) => NOT_ON_AL2023.has(p));
  if (missing.length) {
    out.stdout('Last metadata expiration check: 0:00:12 ago.\n');
    for (const p of missing) out.stdout(`No match for argument: ${p}\n`);
    out.stderr(`Error: Unable to find a match: ${missing.join(' ')}\n`);
    return 1;
  }
  const unknown = packages.filter((p) => !PACKAGES[p]);
  if (unknown.length) {
    out.stderr(
      `dnf: the practice instance installs ${Object.keys(PACKAGES).join(', ')} only (got ${unknown.join(' ')})\n`,
    );
    return 1;
  }
  const instance = shell.host.files.instance();
  if (!instance) return 1;
  const installed = (p: string) => p === 'bind-utils' || (BINARIES[p] ?? []).every((path) => path in instance.files);
  out.stdout('Last metadata expiration check: 0:00:12 ago.\n');
  const todo = packages.filter((p) => !installed(p));
  for (const p of packages.filter(installed))
    out.stdout(`Package ${p}-${PACKAGES[p]?.version}.x86_64 is already installed.\n`);
  if (todo.length === 0) return (out.stdout('Dependencies resolved.\nNothing to do.\nComplete!\n'), 0);
  const rows = todo.map(
    (p) => ` ${p.padEnd(22)} x86_64  ${(PACKAGES[p]?.version ?? '').padEnd(28)} amazonlinux  ${PACKAGES[p]?.size}\n`,
  );
  out.stdout(
    `Dependencies resolved.\n${'='.repeat(80)}\n Package                Arch    Version                      Repository    Size\n${'='.repeat(80)}\nInstalling:\n${rows.join('')}\nTransaction Summary\n${'='.repeat(80)}\nInstall  ${todo.length} Package${todo.length > 1 ? 's' : ''}\n\n`,
  );
  if (!args.includes('-y') && !args.includes('--assumeyes')) {
    out.stdout('Is this ok [y/N]: ');
    const answer = input ? await input.readLine(true) : null;
    if (!answer || !/^y(es)?$/i.test(answer.trim())) return (out.stdout('Operation aborted.\n'), 1);
  }
  for (const p of todo) {
    if (p === 'httpd') installHttpd(instance.files);
    else for (const path of BINARIES[p] ?? []) instance.files[path] = { content: '', owner: 'root', mode: 0o755 };
  }
  shell.host.files.changed();
  out.stdout(
    `Running transaction\n${todo.map((p) => `  Installing       : ${p}-${PACKAGES[p]?.version}.x86_64\n`).join('')}\nInstalled:\n${todo.map((p) => `  ${p}-${PACKAGES[p]?.version}.x86_64\n`).join('')}\nComplete!\n`,
  );
  return 0;
};

export const DATABASE_COMMANDS: Record<string, Command> = {
  nslookup,
  dig,
  host,
  mysql: mysqlCommand('mysql'),
  mariadb: mysqlCommand('mariadb'),
  dnf,
  yum: dnf,
};
