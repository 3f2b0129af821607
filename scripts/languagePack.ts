// A Japanese display language for code-server, from the npm registry only (run by scripts/setup.sh):
//   npx tsx scripts/languagePack.ts build   <cacheDir> <code-server's lib/vscode>   assembles the pack, once
//   npx tsx scripts/languagePack.ts install <cacheDir> <extensionsDir> <userDataDir> links it and picks ja
//
// Why assembling: code-server reads a VS Code language pack (an extension with contributes.localizations) whose
// main.i18n.json is keyed by module and key ({"contents": {"vs/base/common/date": {"date.fromNow.in": "…"}}}).
// npm has VS Code's translations only as @codingame/monaco-vscode-language-pack-ja, whose main file is an array
// indexed by the codingame build's own message numbers: no module, no key. Its pseudo-locale twin (qps-ploc)
// holds the English of every number letter for letter (a→æ, e→ë, …), so English → number → Japanese, and
// code-server's out/nls.keys.json + nls.messages.json give each English message's module and key. The
// built-in extensions' files (translations/extensions/*.i18n.json) are already keyed and are copied as they are.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';

/** Built from VS Code 1.108's translations, the newest the registry has (code-server 4.139.1 bundles 1.139.1). */
export const codingameVersion = '25.1.2';
export const packId = 'ms-ceintl.vscode-language-pack-ja';
const scope = '@codingame/monaco-vscode-language-pack-';

/** The pseudo-locale's letters, back to the English ones (learnt from the codingame sources: one for one). */
const pseudoToEnglish: Record<string, string> = {
  ø: 'o',
  ë: 'e',
  Æ: 'A',
  ç: 'c',
  ï: 'i',
  ñ: 'n',
  Ï: 'I',
  Ë: 'E',
  æ: 'a',
  ÿ: 'y',
  µ: 'u',
  ð: 'd',
  þ: 'b',
  Ç: 'C',
  '£': 'L',
  Ü: 'U',
  '§': 'S',
  ß: 'B',
  Ñ: 'N',
  Ð: 'D',
  Ø: 'O',
};
const plain = (s: string): string => s.replace(/[øëÆçïñÏËæÿµðþÇ£Ü§ßÑÐØ]/g, (c) => pseudoToEnglish[c] ?? c);

export function packDir(cacheDir: string, codeVersion: string): string {
  return join(cacheDir, `language-pack-ja-${codingameVersion}-code-${codeVersion}`);
}

/** `var content = [ … ]; export { content as default };` (with `undefined` holes) as an array. */
function readContent(file: string): (string | undefined)[] {
  const source = readFileSync(file, 'utf8').replace(/export\s*\{[^}]*\};?\s*$/, '');
  return runInNewContext(`${source}; content`) as (string | undefined)[];
}

function npmPack(locale: string, into: string): string {
  mkdirSync(into, { recursive: true });
  const spec = `${scope}${locale}@${codingameVersion}`;
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', into], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  const dir = join(into, locale);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', join(into, tgz), '-C', dir, '--strip-components=1']);
  return dir;
}

interface Coverage {
  messages: number;
  translated: number;
}

/** Code's messages keyed by module and key, in Japanese where the codingame pack has them. */
export function keyedTranslations(
  vscodeOut: string,
  ja: (string | undefined)[],
  pseudo: (string | undefined)[],
): { contents: Record<string, Record<string, string>>; coverage: Coverage } {
  const byEnglish = new Map<string, string>();
  pseudo.forEach((p, i) => {
    const j = ja[i];
    if (p === undefined || j === undefined) return;
    const key = plain(p);
    if (!byEnglish.has(key)) byEnglish.set(key, j);
  });
  const keys = JSON.parse(readFileSync(join(vscodeOut, 'nls.keys.json'), 'utf8')) as [string, string[]][];
  const messages = JSON.parse(readFileSync(join(vscodeOut, 'nls.messages.json'), 'utf8')) as string[];
  const contents: Record<string, Record<string, string>> = {};
  let index = 0;
  let translated = 0;
  for (const [module, moduleKeys] of keys) {
    for (const key of moduleKeys) {
      const japanese = byEnglish.get(plain(messages[index++] ?? ''));
      if (japanese === undefined) continue; // Code falls back to the English message
      (contents[module] ??= {})[key] = japanese;
      translated++;
    }
  }
  return { contents, coverage: { messages: index, translated } };
}

export function build(cacheDir: string, vscodeDir: string): string {
  const codeVersion = (JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const target = packDir(cacheDir, codeVersion);
  if (existsSync(join(target, 'package.json'))) return target;
  const work = `${target}.partial`;
  rmSync(work, { recursive: true, force: true });
  const ja = npmPack('ja', join(work, 'npm'));
  const pseudo = npmPack('qps-ploc', join(work, 'npm'));
  const pack = join(work, 'pack');
  const { contents, coverage } = keyedTranslations(
    join(vscodeDir, 'out'),
    readContent(join(ja, 'translations', 'main.i18n.json.js')),
    readContent(join(pseudo, 'translations', 'main.i18n.json.js')),
  );
  mkdirSync(join(pack, 'translations'), { recursive: true });
  writeFileSync(join(pack, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents }));
  cpSync(join(ja, 'translations', 'extensions'), join(pack, 'translations', 'extensions'), { recursive: true });
  const extensions = readdirSync(join(pack, 'translations', 'extensions'))
    .filter((f) => f.endsWith('.i18n.json'))
    .map((f) => ({ id: f.replace(/\.i18n\.json$/, ''), path: `./translations/extensions/${f}` }));
  const manifest = {
    name: 'vscode-language-pack-ja',
    displayName: 'Japanese Language Pack (assembled from npm)',
    publisher: 'MS-CEINTL',
    version: codeVersion,
    engines: { vscode: `^${codeVersion}` },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: 'ja',
          languageName: 'Japanese',
          localizedLanguageName: '日本語',
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }, ...extensions],
        },
      ],
    },
  };
  writeFileSync(join(pack, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(pack, 'coverage.json'), JSON.stringify(coverage));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  renameSync(pack, target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

/**
 * The pack in `extensionsDir` (a link named as an installed extension), Japanese chosen in argv.json, and the
 * languagepacks.json Code writes when it scans language packs, written ahead so the very first page is Japanese.
 */
export function install(cacheDir: string, extensionsDir: string, userDataDir: string, codeVersion: string): void {
  const source = packDir(cacheDir, codeVersion);
  if (!existsSync(join(source, 'package.json'))) {
    throw new Error(`${source} is missing: run \`bash scripts/setup.sh\` first (it assembles the Japanese pack).`);
  }
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as {
    version: string;
    contributes: { localizations: { translations: { id: string; path: string }[] }[] };
  };
  mkdirSync(extensionsDir, { recursive: true });
  const link = join(extensionsDir, `${packId}-${manifest.version}`);
  rmSync(link, { recursive: true, force: true });
  symlinkSync(source, link);
  const translations = Object.fromEntries(
    manifest.contributes.localizations[0]!.translations.map((t) => [t.id, join(link, t.path)]),
  );
  const languagePacks = {
    ja: {
      hash: `ja-${codingameVersion}-${manifest.version}`,
      extensions: [{ extensionIdentifier: { id: packId }, version: manifest.version }],
      translations,
      label: '日本語',
    },
  };
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks));
  writeFileSync(join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale: 'ja' }, null, 2));
}

/** The Code version a code-server bundles, from its lib/vscode/package.json. */
export function codeVersionOf(codeServerBin: string): string {
  const vscodeDir = join(dirname(codeServerBin), '..', 'lib', 'node_modules', 'code-server', 'lib', 'vscode');
  return (JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version;
}

if (require.main === module) {
  const [command, cacheDir, a, b] = process.argv.slice(2);
  if (command === 'build' && cacheDir && a) {
    const dir = build(cacheDir, a);
    const c = JSON.parse(readFileSync(join(dir, 'coverage.json'), 'utf8')) as Coverage;
    console.log(`language pack: ${dir} (${c.translated} of ${c.messages} of Code's messages in Japanese)`);
  } else if (command === 'install' && cacheDir && a && b) {
    install(cacheDir, a, b, codeVersionOf(process.env.CODE_SERVER_BIN ?? ''));
  } else {
    console.error(
      'usage: languagePack.ts build <cacheDir> <vscodeDir> | install <cacheDir> <extensionsDir> <userDataDir>',
    );
    process.exit(2);
  }
}
