// The practice account as the extension loads it: the entry of its own bundle (dist/practice.js), required only
// when the practice account is in use, so a student on AWS never loads it (esbuild.js maps this module to the
// bundle for the extension's builds; the CLI and the tests import it directly).
export { openPracticeAccount, resetSharedPracticeAccount } from './core/share';
