import { getAppRuntime } from '@/runtime/app-runtime';
import { ensureUsers } from './bootstrap';

const holder = globalThis as unknown as { __journeyUsers?: Promise<void> };

/** The first admin and demo accounts, created once per process before the first sign-in (and at start-up). */
export function usersReady(): Promise<void> {
  return (holder.__journeyUsers ??= ensureUsers(getAppRuntime().db).catch((err) => {
    holder.__journeyUsers = undefined;
    throw err;
  }));
}
