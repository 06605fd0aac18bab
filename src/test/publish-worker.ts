import readline from 'node:readline';
import { openDb } from '@/db/client';
import { createJourney, publishDocument } from '@/db/journeys';
import { welcomeJourney } from '@/journey/examples';

/**
 * Child process for the concurrent-publish test: `<db file> <journey id> <tag> <times> [create]`. It connects,
 * says "ready", waits for a line on stdin (so that both children start at the same moment), then publishes a
 * changed document `times` times and prints one JSON line: the version numbers it got and the errors it hit.
 * With `create` it creates `times` journeys named after the journey id instead, and prints the ids it got.
 */
const [file, journeyId, tag, times, mode] = process.argv.slice(2);
const db = openDb(file);
process.stdout.write('ready\n');
readline.createInterface({ input: process.stdin }).once('line', () => {
  const numbers: number[] = [];
  const ids: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < Number(times); i++) {
    try {
      if (mode === 'create') {
        ids.push(createJourney(db, { name: journeyId, document: welcomeJourney }));
        continue;
      }
      // A new name each time: a changed document, so every publish makes a new version.
      const result = publishDocument(db, journeyId, { ...welcomeJourney, id: journeyId, name: `${tag} ${i}` }, Date.now(), {});
      if (result.ok) numbers.push(result.version.number);
      else errors.push(JSON.stringify(result.problems));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  process.stdout.write(`${JSON.stringify({ numbers, ids, errors })}\n`);
  db.$client.close();
  process.exit(0);
});
