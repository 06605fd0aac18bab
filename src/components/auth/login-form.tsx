'use client';

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '@/i18n/auth-resources';

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
}

/** Email + password sign-in; on success the browser goes where it was sent from. */
export function LoginForm({ demoAccounts, next }: { demoAccounts: DemoAccount[]; next: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      if (res.ok) {
        // Only a path on this site: never an open redirect.
        window.location.assign(next.startsWith('/') && !next.startsWith('//') ? next : '/');
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? res.statusText);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page login-page">
      <section className="card login-card">
        <h1>{t('auth.heading')}</h1>
        <form onSubmit={submit} className="login-form">
          <label>
            {t('auth.email')}
            <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />
          </label>
          <label>
            {t('auth.password')}
            <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
          </label>
          <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
            {busy ? t('auth.signingIn') : t('auth.submit')}
          </button>
          {error && (
            <p className="error" role="alert" data-testid="login-error">
              {t('auth.failed', { message: error })}
            </p>
          )}
        </form>
      </section>
      {demoAccounts.length > 0 && (
        <section className="card login-card" data-testid="demo-accounts">
          <h2>{t('auth.demoHeading')}</h2>
          <p className="muted">{t('auth.demoHint')}</p>
          <table>
            <tbody>
              {demoAccounts.map((a) => (
                <tr key={a.email}>
                  <td>{t(`auth.role.${a.role}`)}</td>
                  <td>
                    <code>{a.email}</code>
                  </td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        setEmail(a.email);
                        setPassword(a.password);
                      }}
                    >
                      {t('auth.useAccount')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
