// User data as cloud-init runs it at an instance's first boot, for the shell scripts lab handouts use:
// installing and enabling httpd (`dnf|yum install -y httpd`, `systemctl enable [--now] httpd`,
// `systemctl start httpd`, `service httpd start`, `chkconfig httpd on`), here-documents
// (`cat > PATH <<'EOF'` ... `EOF`, `cat <<EOF > PATH`, `tee PATH <<EOF`, `>>` appends), `echo ... > PATH`,
// `chmod`/`chown`, and variables from `$(hostname)` or the instance metadata service (IMDS) for
// pages that show which instance answered. Files are written as root with mode 0644. Anything else
// is ignored, as a command that changes nothing the practice account models.
import { fileBytes, storeBytes } from './fileContent';
import { installHttpd } from './httpd';
import type { FileRecord } from './records';

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

/** Finds the end of a `$(...)` starting at `open` (the index of `(`), honouring nesting. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Expands `$(cmd)`, `` `cmd` ``, `${VAR}` and `$VAR` as bash does in a double-quoted string or an unquoted here-document. */
function expand(text: string, vars: ReadonlyMap<string, string>, facts: InstanceFacts): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$`\\'.includes(text[i + 1] ?? '')) {
      out += text[++i];
    } else if (c === '$' && text[i + 1] === '(') {
      const end = closingParen(text, i + 1);
      if (end < 0) return out + text.slice(i);
      out += substitute(expand(text.slice(i + 2, end), vars, facts), facts);
      i = end;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return out + text.slice(i);
      out += substitute(text.slice(i + 1, end), facts);
      i = end;
    } else if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) return out + text.slice(i);
      out += vars.get(text.slice(i + 2, end)) ?? '';
      i = end;
    } else if (c === '$' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0] ?? '';
      out += vars.get(name) ?? '';
      i += name.length;
    } else {
      out += c;
    }
  }
  return out;
}

/** Splits a command line into words, honouring quotes; double-quoted and bare words are expanded. */
function words(line: string, vars: ReadonlyMap<string, string>, facts: InstanceFacts): string[] {
  const out: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (/\s/.test(c)) {
      if (inWord) out.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      current += line.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      let end = i + 1;
      while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
      current += expand(line.slice(i + 1, end), vars, facts);
      i = end;
    } else if (c === '$' && line[i + 1] === '(') {
      const end = closingParen(line, i + 1);
      current += expand(line.slice(i, end < 0 ? undefined : end + 1), vars, facts);
      i = end < 0 ? line.length : end;
    } else {
      let end = i;
      while (end < line.length && !/[\s'"]/.test(line[end] ?? '') && !(line[end] === '$' && line[end + 1] === '('))
        end++;
      current += expand(line.slice(i, end), vars, facts);
      i = end - 1;
    }
  }
  if (inWord) out.push(current);
  return out;
}

/** Splits a line on `&&`, `||` and `;` outside quotes and `$(...)`. */
function commands(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote = '';
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (c === ';' || ((c === '&' || c === '|') && line[i + 1] === c))) {
      out.push(line.slice(start, i));
      if (c !== ';') i++;
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out.map((c) => c.trim()).filter((c) => c !== '');
}

/** Splits a command on single `|` outside quotes and `$(...)` (a pipeline). */
function pipeline(command: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote = '';
  let depth = 0;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === '|') {
      out.push(command.slice(start, i));
      start = i + 1;
    }
  }
  out.push(command.slice(start));
  return out.map((c) => c.trim());
}

const HERE_DOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

interface Redirect {
  path: string;
  append: boolean;
}

/** The command without `sudo`, and where its output goes (`> PATH`, `>> PATH`, or tee's file). */
function redirectOf(argv: string[]): { argv: string[]; redirect?: Redirect } {
  while (argv[0] === 'sudo') {
    argv = argv.slice(1);
    while (argv[0]?.startsWith('-')) argv = argv.slice(argv[0] === '-u' ? 2 : 1);
  }
  const rest: string[] = [];
  let redirect: Redirect | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const joined = /^(>>?)(.+)$/.exec(word);
    if (word === '>' || word === '>>') {
      const path = argv[++i];
      if (path && path !== '/dev/null') redirect = { path, append: word === '>>' };
    } else if (joined && joined[2] !== '/dev/null' && !word.startsWith('>&')) {
      redirect = { path: joined[2] ?? '', append: joined[1] === '>>' };
    } else if (!/^\d?>&\d$/.test(word) && word !== '2>/dev/null' && word !== '&>/dev/null') {
      rest.push(word);
    }
  }
  if (rest[0] === 'tee') {
    const append = rest.includes('-a') || rest.includes('--append');
    const path = rest.slice(1).find((w) => !w.startsWith('-'));
    if (path) return { argv: rest, redirect: { path, append } };
  }
  return { argv: rest, redirect };
}

function writeFile(files: Record<string, FileRecord>, redirect: Redirect, content: string): void {
  if (!redirect.path.startsWith('/')) return; // cloud-init runs scripts from /; relative paths land nowhere we model
  const existing = files[redirect.path];
  // Appends to the bytes (a file copied from an AMI may be binary, kept as base64).
  if (redirect.append && existing) storeBytes(existing, Buffer.concat([fileBytes(existing), Buffer.from(content)]));
  else files[redirect.path] = { content, owner: existing?.owner ?? 'root', mode: existing?.mode ?? 0o644 };
}

/** Runs one simple command (redirectOf stripped sudo) against the file system. */
function run(argv: string[], files: Record<string, FileRecord>, redirect: Redirect | undefined): void {
  const [command = '', ...args] = argv;
  const units = (list: string[]) => list.filter((a) => !a.startsWith('-')).map((a) => a.replace(/\.service$/, ''));
  if ((command === 'dnf' || command === 'yum') && args.includes('install') && args.includes('httpd')) {
    installHttpd(files);
  } else if (command === 'systemctl' && args.length >= 2) {
    const [verb = '', ...rest] = args.filter((a) => !a.startsWith('-') || a === '--now');
    if (!units(rest).includes('httpd') || !installedHttpd(files)) return;
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
  } else if (command === 'echo' && redirect) {
    const noNewline = args[0] === '-n';
    const text = (noNewline ? args.slice(1) : args.filter((a, i) => !(i === 0 && a === '-e'))).join(' ');
    writeFile(files, redirect, noNewline ? text : `${text}\n`);
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
}

function installedHttpd(files: Record<string, FileRecord>): boolean {
  return '/usr/sbin/httpd' in files;
}

/**
 * Runs a user data script against an instance's files (changing them). Scripts that are not shell
 * (`#cloud-config`, MIME multipart) change nothing.
 */
export function runUserData(script: string, files: Record<string, FileRecord>, facts: InstanceFacts): void {
  const lines = script.replace(/\r\n/g, '\n').split('\n');
  const first = lines[0]?.trim() ?? '';
  if (first.startsWith('#cloud-config') || first.startsWith('Content-Type:') || first.startsWith('MIME-Version:'))
    return;
  const vars = new Map<string, string>();
  for (let n = 0; n < lines.length; n++) {
    let line = (lines[n] ?? '').trim();
    while (line.endsWith('\\') && n + 1 < lines.length) line = line.slice(0, -1) + ' ' + (lines[++n] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;

    const hereDoc = HERE_DOC.exec(line);
    if (hereDoc) {
      const [marker, dash, quote, delimiter] = hereDoc;
      const body: string[] = [];
      while (++n < lines.length) {
        const raw = dash ? (lines[n] ?? '').replace(/^\t+/, '') : (lines[n] ?? '');
        if (raw === delimiter) break;
        body.push(raw);
      }
      const text = body.map((l) => `${l}\n`).join('');
      const content = quote ? text : expand(text, vars, facts);
      const { argv, redirect } = redirectOf(words(line.replace(marker, ' '), vars, facts));
      if ((argv[0] === 'cat' || argv[0] === 'tee') && redirect) writeFile(files, redirect, content);
      continue;
    }

    for (const command of commands(line)) {
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(command);
      if (assignment) {
        vars.set(assignment[1] ?? '', words(assignment[2] ?? '', vars, facts).join(' '));
        continue;
      }
      const stages = pipeline(command);
      const last = redirectOf(words(stages[stages.length - 1] ?? '', vars, facts));
      if (stages.length > 1 && last.argv[0] === 'tee' && last.redirect) {
        // `echo TEXT | sudo tee [-a] PATH`: the echo's output goes where tee writes.
        const first = redirectOf(words(stages[0] ?? '', vars, facts));
        if (first.argv[0] === 'echo') run(first.argv, files, last.redirect);
        continue;
      }
      const { argv, redirect } = redirectOf(words(command, vars, facts));
      run(argv, files, redirect);
    }
  }
}
