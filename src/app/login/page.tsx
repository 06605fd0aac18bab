import { LoginForm } from '@/components/auth/login-form';
import { getAppRuntime } from '@/runtime/app-runtime';
import { DEMO_ACCOUNTS, demoAccountsActive } from '@/server/auth/bootstrap';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const demo = demoAccountsActive(getAppRuntime().db) ? DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role })) : [];
  return <LoginForm demoAccounts={demo} next={typeof next === 'string' ? next : '/'} />;
}
