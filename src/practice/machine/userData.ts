// User data as cloud-init runs it at an instance's first boot, for the shell scripts lab handouts use:
// installing and enabling httpd (`dnf|yum install -y httpd`, `systemctl enable [--now] httpd`,
// `systemctl start httpd`, `service httpd start`, `chkconfig httpd on`), here-documents
// (`cat > PATH <<'EOF'` ... `EOF`, `cat <<EOF > PATH`, `tee PATH <<EOF`, `>>` appends), `echo ... > PATH`,
// `echo ... | sudo tee [-a] PATH`, `chmod`/`chown`, and variables from `$(hostname)` or the instance metadata
// service (IMDS) for pages that show which instance answered; PHP (`yum install php`), and seed 004's WordPress:
// `wget URL [-P DIR]` (the practice internet has WordPress's archives only: wordpress/files.ts), `tar zxvf ARCHIVE
// [-C DIR]`, `cp -r SRC... DEST` (a `*` in a path's last part is matched, as bash's glob) and `chown -R`. The
// script is parsed as the practice shell parses (shellSyntax.ts); it runs up to a syntax error, as bash does.
// Files are written as root with mode 0644.
// Anything else is ignored, as a command that changes nothing the practice account models (and succeeds).
import { fileBytes, storeBytes } from './fileContent';
import { installHttpd, installPhp } from './httpd';
import { copyTree, downloadTo, extractArchive, ownTree } from './wordpress/fileTree';
import type { FileRecord } from '../core/records';
import { parseScript, type SimpleCommand } from './shellSyntax';
import { assignmentOf, expandWord, type Expansions } from './shellWords';

/** What the script can ask the instance about itself. */
export interface InstanceFacts {
  instanceId: string;
  privateIp: string;
  privateDnsName: string;
  availabilityZone: string;
  region: string;
  instanceType: string;
  amiId: string;
  publicIp?: string;
}

/** The user data as text: base64 as RunInstances takes it (invalid base64 is AWS's InvalidParameterValue, checked by the caller). */
export function decodeUserData(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

export function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

function metadata(path: string, facts: InstanceFacts): string {
  const table: Record<string, string | undefined> = {
    'instance-id': facts.instanceId,
    'local-ipv4': facts.privateIp,
    'local-hostname': facts.privateDnsName,
    hostname: facts.privateDnsName,
    'placement/availability-zone': facts.availabilityZone,
    'placement/region': facts.region,
    'instance-type': facts.instanceType,
    'ami-id': facts.amiId,
    'public-ipv4': facts.publicIp,
  };
  return table[path.replace(/^\/+|\/+$/g, '')] ?? '';
}

/** The output of a command substitution `$(...)` the practice instance can answer. */
function substitute(command: string, facts: InstanceFacts): string {
  const c = command.trim();
  if (/^hostname(\s+-f)?$/.test(c)) return facts.privateDnsName;
  if (/^hostname\s+-[iI]$/.test(c)) return facts.privateIp;
  const imds = /https?:\/\/169\.254\.169\.254\/latest\/meta-data\/([^\s"')]*)/.exec(c);
  if (imds) return metadata(imds[1] ?? '', facts);
  if (/169\.254\.169\.254\/latest\/api\/token/.test(c)) return 'practice-imds-token';
  const ec2Metadata =
    /^ec2-metadata\s+(-i|--instance-id|-z|--availability-zone|-o|--local-ipv4|-t|--instance-type)$/.exec(c);
  if (ec2Metadata) {
    const flag = ec2Metadata[1] ?? '';
    if (flag === '-i' || flag === '--instance-id') return `instance-id: ${facts.instanceId}`;
    if (flag === '-z' || flag === '--availability-zone') return `placement: ${facts.availabilityZone}`;
    if (flag === '-o' || flag === '--local-ipv4') return `local-ipv4: ${facts.privateIp}`;
    return `instance-type: ${facts.instanceType}`;
  }
  return '';
}

/** The expansions of the script's words: its variables, and what the practice instance answers for `$(...)`. */
function expansions(vars: ReadonlyMap<string, string>, facts: InstanceFacts): Expansions {
  const self: Expansions = {
    variable: (name) => vars.get(name) ?? '',
    // The substitution's first command, its words expanded, is what substitute() recognises.
    command: (script) => {
      const [command] = parseScript(script).lists[0]?.[0]?.commands ?? [];
      return command ? substitute(command.words.map((w) => expandWord(w, self)).join(' '), facts) : '';
    },
    tilde: () => '~',
  };
  return self;
}

interface Redirect {
  path: string;
  append: boolean;
}

/** The command without `sudo` and its options. */
function withoutSudo(argv: string[]): string[] {
  while (argv[0] === 'sudo') {
    argv = argv.slice(1);
    while (argv[0]?.startsWith('-')) argv = argv.slice(argv[0] === '-u' ? 2 : 1);
  }
  return argv;
}

function writeFile(files: Record<string, FileRecord>, redirect: Redirect, content: string): void {
  if (!redirect.path.startsWith('/')) return; // cloud-init runs scripts from /; relative paths land nowhere we model
  const existing = files[redirect.path];
  // Appends to the bytes (a file copied from an AMI may be binary, kept as base64).
  if (redirect.append && existing) storeBytes(existing, Buffer.concat([fileBytes(existing), Buffer.from(content)]));
  else files[redirect.path] = { content, owner: existing?.owner ?? 'root', mode: existing?.mode ?? 0o644 };
}

/**
 * Runs one simple command (sudo stripped) against the file system, `input` its stdin when known; returns its
 * output when the practice instance knows it (echo, cat of stdin, tee), else undefined.
 */
function run(argv: string[], files: Record<string, FileRecord>, input: string | undefined): string | undefined {
  const [command = '', ...args] = argv;
  const units = (list: string[]) => list.filter((a) => !a.startsWith('-')).map((a) => a.replace(/\.service$/, ''));
  if ((command === 'dnf' || command === 'yum') && args.includes('install')) {
    if (args.includes('httpd')) installHttpd(files);
    if (args.includes('php')) installPhp(files);
  } else if (command === 'wget') {
    downloadTo(files, args);
  } else if (command === 'tar') {
    extractArchive(files, args);
  } else if (command === 'cp') {
    const recursive = args.some((a) => /^-[a-zA-Z]*[rRa]/.test(a) || a === '--recursive');
    copyTree(
      files,
      args.filter((a) => !a.startsWith('-')),
      recursive,
    );
  } else if (command === 'chown' && args.some((a) => /^-[a-zA-Z]*R/.test(a) || a === '--recursive')) {
    const [owner = '', ...paths] = args.filter((a) => !a.startsWith('-'));
    ownTree(files, owner.split(/[:.]/)[0] ?? '', paths);
  } else if (command === 'systemctl' && args.length >= 2) {
    const [verb = '', ...rest] = args.filter((a) => !a.startsWith('-') || a === '--now');
    if (!units(rest).includes('httpd') || !installedHttpd(files)) return undefined;
    if (verb === 'enable') installHttpd(files, { enable: true, start: rest.includes('--now') });
    else if (verb === 'start' || verb === 'restart' || verb === 'reload-or-restart')
      installHttpd(files, { start: true });
  } else if (
    command === 'service' &&
    args[0] === 'httpd' &&
    (args[1] === 'start' || args[1] === 'restart') &&
    installedHttpd(files)
  ) {
    installHttpd(files, { start: true });
  } else if (command === 'chkconfig' && args[0] === 'httpd' && args[1] === 'on' && installedHttpd(files)) {
    installHttpd(files, { enable: true });
  } else if (command === 'echo') {
    const noNewline = args[0] === '-n';
    const text = (noNewline ? args.slice(1) : args.filter((a, i) => !(i === 0 && a === '-e'))).join(' ');
    return noNewline ? text : `${text}\n`;
  } else if (command === 'cat' && args.length === 0) {
    return input;
  } else if (command === 'tee') {
    const append = args.includes('-a') || args.includes('--append');
    if (input !== undefined)
      for (const path of args.filter((a) => !a.startsWith('-'))) writeFile(files, { path, append }, input);
    return input;
  } else if (command === 'chmod' && args.length >= 2 && /^[0-7]{3,4}$/.test(args[0] ?? '')) {
    for (const path of args.slice(1)) {
      const file = files[path];
      if (file) file.mode = parseInt(args[0] ?? '644', 8);
    }
  } else if (command === 'chown' && args.length >= 2) {
    const [owner = ''] = (args.find((a) => !a.startsWith('-')) ?? '').split(/[:.]/);
    for (const path of args.filter((a) => !a.startsWith('-')).slice(1)) {
      const file = files[path];
      if (file && owner) file.owner = owner;
    }
  }
  return undefined;
}

function installedHttpd(files: Record<string, FileRecord>): boolean {
  return '/usr/sbin/httpd' in files;
}

/** One command of a pipeline: its stdin (a here-document wins over the pipe), its effect, its stdout. */
function runCommand(
  command: SimpleCommand,
  input: string | undefined,
  files: Record<string, FileRecord>,
  vars: Map<string, string>,
  facts: InstanceFacts,
): string | undefined {
  const expand = expansions(vars, facts);
  let words = command.words;
  for (
    let assignment = words[0] && assignmentOf(words[0]);
    assignment;
    assignment = words[0] && assignmentOf(words[0])
  ) {
    if (words.length === 1) vars.set(assignment.name, expandWord(assignment.value, expand));
    words = words.slice(1); // `NAME=value command`: the value is the command's alone
  }
  let stdin = input;
  let redirect: Redirect | undefined;
  for (const r of command.redirections) {
    if (r.kind === 'hereDoc') stdin = expandWord(r.body, expand);
    else if (r.kind === 'file' && r.op !== '<' && (r.fd === 1 || r.fd === 'both')) {
      const path = expandWord(r.target, expand);
      redirect = path === '/dev/null' ? undefined : { path, append: r.op === '>>' };
    }
  }
  const output = words.length ? run(withoutSudo(words.map((w) => expandWord(w, expand))), files, stdin) : undefined;
  if (!redirect) return output;
  if (output !== undefined) writeFile(files, redirect, output);
  return undefined;
}

/**
 * Runs a user data script against an instance's files (changing them). Scripts that are not shell
 * (`#cloud-config`, MIME multipart) change nothing. Every command succeeds, so `||` never runs its right side.
 */
export function runUserData(script: string, files: Record<string, FileRecord>, facts: InstanceFacts): void {
  const text = script.replace(/\r\n/g, '\n');
  const first = text.split('\n', 1)[0]?.trim() ?? '';
  if (first.startsWith('#cloud-config') || first.startsWith('Content-Type:') || first.startsWith('MIME-Version:'))
    return;
  const vars = new Map<string, string>();
  for (const list of parseScript(text).lists)
    for (const item of list) {
      if (item.after === '||') continue;
      let piped: string | undefined;
      for (const command of item.commands) piped = runCommand(command, piped, files, vars, facts);
    }
}
