// Bundles the extension (four bundles, below) and the CLI: `node esbuild.js [--watch] [--production]`.
// The host tests' suite is bundled too (dist/test/host-suite.js), never shipped in the VSIX.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The SDK's ES modules tree-shake far better than its CommonJS builds.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  // ssh2's optional native helpers; it falls back to pure JS without them.
  external: ['cpu-features', './crypto/build/Release/sshcrypto.node'],
  metafile: true,
};

/**
 * The extension is four bundles, so a student on AWS never loads the practice account and nobody loads ssh2 before
 * the first SSH connection: extension.js (activation: the VS Code layer and what it shows), domain.js (AWS, the
 * lab, cost: required on the first load), ssh.js (ssh2 and the sessions), practice.js (the practice account).
 * A module that is another bundle's entry is required from that bundle (`require('./domain.js')`) instead of
 * being bundled again; the CLI and the tests import every module directly.
 */
const path = require('node:path');
const lazyBundles = {
  'src/vscode/domain.ts': './domain.js',
  'src/vscode/sshDomain.ts': './ssh.js',
  'src/ssh/session.ts': './ssh.js',
  'src/ssh/connections.ts': './ssh.js',
  'src/practice/entry.ts': './practice.js',
};
function otherBundles(own) {
  return {
    name: 'other-bundles',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const base = path.relative(__dirname, path.resolve(args.resolveDir, args.path)).replace(/\.js$/, '');
        const bundle = lazyBundles[`${base}.ts`];
        if (!bundle || bundle === own) return undefined;
        if (args.kind !== 'dynamic-import') {
          return {
            errors: [
              {
                text: `${args.importer} imports ${args.path} statically: it is ${bundle}, load it with await import()`,
              },
            ],
          };
        }
        return { path: bundle, external: true };
      });
    },
  };
}
const extensionBuild = (entry, outfile, own) => ({
  ...common,
  entryPoints: [entry],
  outfile,
  external: [...common.external, 'vscode'],
  plugins: [otherBundles(own)],
});

const builds = [
  extensionBuild('src/vscode/extension.ts', 'dist/extension.js'),
  extensionBuild('src/vscode/domain.ts', 'dist/domain.js', './domain.js'),
  extensionBuild('src/vscode/sshDomain.ts', 'dist/ssh.js', './ssh.js'),
  extensionBuild('src/practice/entry.ts', 'dist/practice.js', './practice.js'),
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    entryPoints: ['test/host/suite/index.ts'],
    outfile: 'dist/test/host-suite.js',
    external: [...common.external, 'vscode', 'mocha'],
    minify: false,
  },
  {
    ...common,
    entryPoints: ['test/host/suite/language.ts'],
    outfile: 'dist/test/host-language.js',
    external: [...common.external, 'vscode'],
    minify: false,
  },
];

async function main() {
  const fs = require('node:fs');
  const present = builds.filter((b) => fs.existsSync(b.entryPoints[0]));
  if (watch) {
    for (const b of present) {
      const ctx = await esbuild.context(b);
      await ctx.watch();
    }
    console.log('esbuild: watching', present.map((b) => b.entryPoints[0]).join(', '));
    return;
  }
  for (const b of present) {
    const result = await esbuild.build(b);
    const out = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('.js'));
    if (out) console.log(`esbuild: ${out[0]} ${(out[1].bytes / 1024).toFixed(0)} KiB`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
