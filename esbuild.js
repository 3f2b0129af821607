// Bundles the extension and the CLI: `node esbuild.js [--watch] [--production]`.
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

const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    external: [...common.external, 'vscode'],
  },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    entryPoints: ['test/host/suite/index.ts'],
    outfile: 'dist/test/host-suite.js',
    external: [...common.external, 'vscode', 'mocha'],
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
