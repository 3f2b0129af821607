// Step 1.5 as the student does it over SSH: on WebServer2, 私たちのビジョン becomes 私たちのビジョン2 in
// /var/www/html/index.html (root's: saved through sudo, atomically, owner and mode kept). Idempotent: a page
// already edited is left alone. The connection comes from the context (the extension's shared ones) or is
// opened here for the run (the CLI), with host keys in ~/.scale-out-lab/known-hosts.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { SshError } from '../../ssh/errors';
import { HostKeyStore } from '../../ssh/hostKeys';
import type { SshSession } from '../../ssh/session';
import { resolveSshTarget } from '../../ssh/target';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { findRoles, VISION, VISION2 } from '../roles';
import { cloneMissing, resolveOptions } from './plan';
import { expandHome, finishRun, startRun } from './kit';
import { StepError, type LabSsh, type StepContext, type StepOutcome } from '../types';
import type { Inventory } from '../../aws/types';

export const INDEX_HTML = '/var/www/html/index.html';

/**
 * A session per run, straight from the account (the CLI's way): the practice route or the AWS address. Its
 * warnings (a .pem others can read, a damaged known-hosts.json set aside) are progress the CLI prints; a changed
 * host key names the file and entry to remove, as no button here can accept it.
 */
export function directLabSsh(ctx: Pick<StepContext, 'clients' | 'home' | 'progress'>, knownHostsFile?: string): LabSsh {
  const home = ctx.home ?? homedir();
  const file = knownHostsFile ?? join(home, '.scale-out-lab', 'known-hosts.json');
  const hostKeys = new HostKeyStore(file, (r) =>
    ctx.progress({ code: 'progress.knownHostsReset', args: { file: r.file, keptAs: r.keptAs } }),
  );
  return {
    async open(instance, { keyFile, signal }) {
      const resolved = await resolveSshTarget(ctx.clients.account, instance, {
        ...(keyFile ? { keyPath: keyFile } : {}),
        clients: ctx.clients,
        home,
        signal,
      });
      // The lab's instances run Amazon Linux (the handouts' AMI and its copies): ec2-user when the AMI says nothing.
      let session: SshSession;
      // ssh2 is loaded when a session opens (in the extension, a bundle of its own: esbuild.js).
      const { SshSession } = await import('../../ssh/session.js');
      try {
        session = await SshSession.connect(
          { ...resolved, username: resolved.username ?? 'ec2-user' },
          { hostKeys, signal },
        );
      } catch (e) {
        if (e instanceof SshError && e.problem.kind === 'hostKeyChanged')
          throw new SshError({ ...e.problem, knownHostsFile: file }, { cause: e });
        throw e;
      }
      for (const w of session.warnings)
        if (w.kind === 'keyFileMode')
          ctx.progress({ code: 'progress.keyFileMode', args: { path: w.path, mode: `0${w.mode.toString(8)}` } });
      return { session, release: () => session.close() };
    },
  };
}

/** The page with every 私たちのビジョン (not already followed by 2) made 私たちのビジョン2. */
export function editedPage(page: string): string {
  return page.replace(new RegExp(`${VISION}(?!2)`, 'g'), VISION2);
}

/**
 * The .pem to log in with: the one the student named (used as named, also on the practice account); the plan's
 * default only when that file is there, else the account's own way (the practice route's key, or
 * ~/.ssh/<the clone's KeyName>.pem on AWS).
 */
function chosenKeyFile(option: string | undefined, inventory: Inventory, home: string): string | undefined {
  if (!option) return undefined;
  const path = expandHome(option, home);
  const planned = resolveOptions('1.5', { inventory, observations: new Map() }, {}).keyFile;
  return option !== planned || existsSync(path) ? path : undefined;
}

export async function runEditPage(ctx: StepContext, opts: Record<string, string>, ssh?: LabSsh): Promise<StepOutcome> {
  const run = startRun('1.5', ctx);
  const inventory = await ctx.inventory();
  const clone = findRoles(inventory, undefined, ctx.layout).clone;
  if (!clone) throw new StepError('1.5', cloneMissing(findRoles(inventory, undefined, ctx.layout)));
  const name = clone.name ?? namesOf(ctx.layout, ctx.student).clone;
  const keyFile = chosenKeyFile(opts.keyFile, inventory, ctx.home ?? homedir());
  run.progress('progress.sshConnect', { name, host: clone.elasticIp ?? clone.publicIp ?? clone.id });
  const { session, release } = await (ssh ?? ctx.ssh ?? directLabSsh(ctx)).open(clone, {
    ...(keyFile ? { keyFile } : {}),
    signal: ctx.signal,
  });
  try {
    run.progress('progress.readPage', { path: INDEX_HTML, name });
    const page = (await session.readFile(INDEX_HTML)).toString('utf8');
    if (!page.includes(VISION)) throw new StepError('1.5', reason('clone.pageNoVision', { name, path: INDEX_HTML }));
    const edited = editedPage(page);
    if (edited === page) {
      run.progress('progress.pageAlreadyEdited', { path: INDEX_HTML, name });
      run.reuse('instance', clone.id);
    } else {
      ctx.signal.throwIfAborted();
      run.progress('progress.savePage', { path: INDEX_HTML, name });
      await session.writeFile(INDEX_HTML, Buffer.from(edited, 'utf8'));
      // Read back: what the web server will serve now.
      const saved = (await session.readFile(INDEX_HTML)).toString('utf8');
      if (saved !== edited)
        throw new StepError(
          '1.5',
          reason('clone.pageNotEdited', { name, host: clone.elasticIp ?? clone.publicIp ?? clone.id }),
        );
    }
  } finally {
    release();
  }
  return finishRun(run);
}
