// Starts the built app for Playwright on a fresh database:
// removes the e2e database files, then runs `next start -p 3100 -H 127.0.0.1`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setInterval } from 'node:timers';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dbPath = path.resolve(process.env.DATABASE_PATH ?? '.test-results/e2e.db');
fs.mkdirSync(path.dirname(dbPath), { recursive: true });
for (const suffix of ['', '-wal', '-shm', '-journal']) {
  fs.rmSync(dbPath + suffix, { force: true });
}

const env = { ...process.env, DATABASE_PATH: dbPath, NEXT_TELEMETRY_DISABLED: '1' };
// Playwright sets FORCE_COLOR for the web server; honour NO_COLOR instead of warning about it.
if (env.NO_COLOR) delete env.FORCE_COLOR;

const nextBin = require.resolve('next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, 'start', '-p', process.env.E2E_PORT ?? '3100', '-H', '127.0.0.1'], {
  stdio: 'inherit',
  env,
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});

// Playwright runs this under `sh -c`. If Playwright itself is killed without cleaning up (a `timeout`, a crash), the
// shell is handed to init and this server would keep the port (and its engine workers busy) for ever: stop then.
const launcher = process.ppid;
const orphaned = () => {
  if (process.ppid !== launcher || process.ppid === 1) return true;
  try {
    // Field 4 of /proc/PID/stat is the parent's pid: the shell's parent gone means Playwright is gone.
    return Number(fs.readFileSync(`/proc/${launcher}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === 1;
  } catch {
    return false;
  }
};
setInterval(() => {
  if (!orphaned()) return;
  child.kill('SIGKILL');
  process.exit(1);
}, 2000).unref();
