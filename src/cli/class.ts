// `scale-out-lab class status|cleanup`: the teacher's view of a class sharing one account (seed 003), from ONE
// inventory of the account. `status`: a row per student (their steps, what runs, its hourly cost) and what no
// student owns, as a table, CSV or JSON. `cleanup --student S | --all`: the cleanup's plan, confirmation, run and
// final check over one student's resources or every student's (never what no student owns unless --include).
import { parseArgs } from 'node:util';
import { fetchInventory } from '../aws/inventory';
import { parseStudent } from '../aws/student';
import { priceTable } from '../cost/prices';
import { planClassCleanup, runClassCleanup, type ClassCleanupTarget } from '../lab/class/cleanup';
import { readClass } from '../lab/class/read';
import { classStatus, DEFAULT_CLASS_PREFIX, studentsIn, type ClassStatus } from '../lab/class/status';
import { TRACKS } from '../lab/tracks';
import type { TrackId } from '../lab/types';
import { classCsv, classTableText, passedCount } from '../present/class/table';
import { translatorFromEnv } from '../present/l10n';
import type { Translate } from '../present/translate';
import { ACCOUNT_OPTIONS, withAccount } from './account';
import { interruptSignal, type CliCommand, type CliIo } from './io';
import { carryOutCleanup, CLEANUP_OPTIONS, keyPairsOrUnread, sayer } from './cleanupFlow';
import { checkEntry, LAB_OPTIONS, layoutOption } from './lab';
import { UsageError, warningLine } from './words';

export const CLASS_USAGE = `  scale-out-lab class status [--json|--csv] [--layout …] [--track T] [--prefix P] [account options]
      The teacher's table of a class in one account: a row per student found (the student tag, or the user
      number in a name), a mark per step, what each has running and its hourly cost, what no student owns.
      --csv             one row per student: a column per step (passed, or the reason code), running, USD/h
      --json            every row in full (each step as check --json gives it)
      --layout L        the handout the class follows (default seed003; SCALE_OUT_LAB_LAYOUT)
      --prefix P        the class's user numbers (default ${DEFAULT_CLASS_PREFIX}: user01, user02, …)
  scale-out-lab class cleanup --student S | --all [--dry-run] [--yes] [--include ID ...] [--json] [--prefix P]
      As cleanup, over one student's resources (--student user05) or every student's (--all): made by the lab
      or in the console, found by the student tag or the user number; never another student's, never what no
      student owns unless named with --include. Without --yes, shows the plan and asks.
`;

const CLASS_OPTIONS = { ...ACCOUNT_OPTIONS, prefix: { type: 'string' } } as const;

export const classCommand: CliCommand = async (args, io, env, usage) => {
  const t = translatorFromEnv(env);
  const [sub, ...rest] = args;
  if (sub === 'status') return statusCommand(rest, io, env, usage);
  if (sub === 'cleanup') return cleanupCommand(rest, io, env, usage);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    (sub === undefined ? io.stderr : io.stdout).write(usage);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(t('class: unknown subcommand {0} (status or cleanup)', sub));
};

function prefixOption(value: string | undefined, t: Translate): string {
  if (value === undefined) return DEFAULT_CLASS_PREFIX;
  if (!/^[a-z]+$/.test(value)) throw new UsageError(t('--prefix must be letters, as in user for user05: {0}', value));
  return value;
}

const statusCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: { ...CLASS_OPTIONS, ...LAB_OPTIONS, csv: { type: 'boolean' }, track: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  if (values.json && values.csv) throw new UsageError(t('--json and --csv exclude each other'));
  if (values.student !== undefined)
    throw new UsageError(t('class status is the whole class: leave out --student (class cleanup takes one)'));
  const track = values.track;
  if (track !== undefined && !(TRACKS as readonly string[]).includes(track))
    throw new UsageError(t('--track must be one of {0}: {1}', TRACKS.join(', '), track));
  const layout = layoutOption(values.layout, env, t) ?? 'seed003';
  const prefix = prefixOption(values.prefix, t);
  // CSV and JSON are for programs: the account line goes to stderr, as with --json.
  const status = await withAccount(
    { ...values, json: values.json === true || values.csv === true },
    env,
    async (clients) => {
      const { whole, observations } = await readClass(clients, { layout, prefix });
      for (const p of whole.problems) io.stderr.write(`${warningLine(p, t)}\n`);
      return classStatus(whole, { layout, prefix, observations, ...(track ? { track: track as TrackId } : {}) });
    },
    io,
  );
  if (values.csv) io.stdout.write(classCsv(status));
  else if (values.json) io.stdout.write(`${JSON.stringify(classJson(status, t), null, 2)}\n`);
  else io.stdout.write(classTableText(status, t));
  return 0;
};

/** The whole status as JSON: each step as `check --json` gives it. */
export function classJson(status: ClassStatus, t: Translate) {
  return {
    ...status,
    rows: status.rows.map((r) => ({
      ...r,
      passed: passedCount(r),
      steps: r.steps.map((s) => checkEntry(s, t)),
    })),
  };
}

const cleanupCommand: CliCommand = async (args, io, env, usage) => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...CLASS_OPTIONS,
      student: { type: 'string' },
      all: { type: 'boolean' },
      ...CLEANUP_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const t = translatorFromEnv(env);
  const prefix = prefixOption(values.prefix, t);
  if ((values.student === undefined) === (values.all !== true))
    throw new UsageError(t('class cleanup needs --student S or --all (one of them)'));
  let target: ClassCleanupTarget = { all: true };
  if (values.student !== undefined) {
    const student = parseStudent(values.student);
    if (!student) throw new UsageError(t('--student must be a user number like user05: {0}', values.student));
    target = { student };
  }
  return classCleanup(target, { ...values, prefix, include: values.include ?? [] }, io, env, t);
};

async function classCleanup(
  target: ClassCleanupTarget,
  values: Parameters<typeof withAccount>[0] & { prefix: string; include: string[]; 'dry-run'?: boolean; yes?: boolean },
  io: CliIo,
  env: NodeJS.ProcessEnv,
  t: Translate,
): Promise<number> {
  const { prefix, include } = values;
  const say = sayer(io, values.json);
  const stop = interruptSignal(io, 0);
  try {
    return await withAccount(
      values,
      env,
      async (clients) => {
        // The whole account, read once: a student's plan is made on their view of it.
        const inventory = () => fetchInventory(clients, { abortSignal: stop.signal });
        const whole = await inventory();
        const { keyPairs, unread } = await keyPairsOrUnread(clients, stop.signal);
        const prices = priceTable(whole.context.region);
        const options = { prefix, include, keyPairs, unread, ...(prices ? { prices } : {}) };
        const plan = planClassCleanup(whole, target, options);
        const known = new Set([...plan.items, ...plan.others].flatMap((i) => [i.id, i.name ?? '']));
        const unknown = include.filter((id) => !known.has(id));
        if (unknown.length > 0) throw new UsageError(t('--include: no such resource: {0}', unknown.join(', ')));
        if ('student' in target && !studentsIn(whole, prefix).includes(target.student))
          say([t('No resource of {0} in this account (no student tag, no name with {0}).', target.student)]);
        const header = { region: whole.context.region, target };
        return carryOutCleanup(plan, { values, header, io, t }, (progress) =>
          runClassCleanup(
            plan,
            target,
            { clients, inventory, signal: stop.signal, progress, ...(prices ? { prices } : {}) },
            { prefix, include },
          ),
        );
      },
      io,
    );
  } finally {
    stop.release();
  }
}
