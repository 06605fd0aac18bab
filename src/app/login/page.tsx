import { LoginForm } from '@/components/auth/login-form';
import { DEMO_ACCOUNTS, demoMode } from '@/server/auth/bootstrap';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const demo = demoMode() ? DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role })) : [];
  return <LoginForm demoAccounts={demo} next={typeof next === 'string' ? next : '/'} />;
}
