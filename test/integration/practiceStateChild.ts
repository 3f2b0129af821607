// A practice server in its own process, for the state-file tests: another `practice serve` (or
// `run --practice`) on the same file. Prints one JSON line: {"ok":true,"notices":[...]} once
// listening (then keeps serving until killed), or {"ok":false,"name","code","pid"} when refused.
import { startPracticeServer } from '../../src/practice/server';

const stateFile = process.argv[2] ?? '';
startPracticeServer({ port: 0, stateFile, speed: 'instant' }).then(
  (server) => {
    process.stdout.write(`${JSON.stringify({ ok: true, pid: process.pid, notices: server.notices })}\n`);
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  },
  (error: Error & { code?: string; pid?: number }) => {
    process.stdout.write(`${JSON.stringify({ ok: false, name: error.name, code: error.code, pid: error.pid })}\n`);
    process.exit(3);
  },
);
