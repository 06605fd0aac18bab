import { getDb } from '@/db/client';
import { testRun, type TestRunInput } from '@/server/test-run';

/**
 * `journey test-runner`: serves test runs for the web app over IPC, one at a
 * time, in its own process (see TestRunHost). Exits when the app goes away.
 */
export function runTestRunner(): Promise<number> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('test-runner is started by the web app (it needs an IPC channel)');
    process.on('message', (m: { id: number; input: TestRunInput; maskPii: boolean }) => {
      try {
        process.send!({ id: m.id, ok: true, result: testRun(getDb(), m.input, { maskPii: m.maskPii }) });
      } catch (err) {
        process.send!({ id: m.id, ok: false, message: (err as Error).message });
      }
    });
    process.once('disconnect', () => resolve(0));
  });
}
