'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import { ROLES, type Role } from '@/auth/permissions';
import '@/i18n/access-resources';
import '@/i18n/auth-resources';

function RoleSelect({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <select aria-label={t('access.role')} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`auth.role.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** Settings → Access: users with their roles, and API keys (the secret shown once). The server refuses all of it to non-admins. */
export function AccessSettings() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.access.users.queryOptions());
  const keys = useQuery(trpc.access.keys.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [user, setUser] = useState({ email: '', name: '', role: 'marketer' as Role, password: '' });
  const [key, setKey] = useState({ name: '', scope: 'ingest' as 'ingest' | 'admin' });
  const refresh = () => {
    setError(null);
    void queryClient.invalidateQueries({ queryKey: trpc.access.users.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.access.keys.queryKey() });
  };
  const onError = (err: { message: string }) => setError(err.message);
  const createUser = useMutation(trpc.access.createUser.mutationOptions({ onSuccess: refresh, onError }));
  const setRole = useMutation(trpc.access.setRole.mutationOptions({ onSuccess: refresh, onError }));
  const createKey = useMutation(trpc.access.createKey.mutationOptions({ onSuccess: (r) => (setSecret(r.secret), refresh()), onError }));
  const revokeKey = useMutation(trpc.access.revokeKey.mutationOptions({ onSuccess: refresh, onError }));
  const submitUser = (e: FormEvent) => {
    e.preventDefault();
    createUser.mutate(user);
  };
  const submitKey = (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    createKey.mutate(key);
  };
  return (
    <div className="page">
      <h1>{t('access.heading')}</h1>
      {error && (
        <p className="error" role="alert" data-testid="access-error">
          {t('access.failed', { message: error })}
        </p>
      )}
      <section className="card">
        <h2>{t('access.users')}</h2>
        <table className="table" data-testid="access-users">
          <tbody>
            {users.data?.map((u) => (
              <tr key={u.id} data-testid="access-user" data-email={u.email}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>
                  <RoleSelect value={u.role} onChange={(role) => setRole.mutate({ email: u.email, role })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="toolbar-row" onSubmit={submitUser}>
          <input required type="email" placeholder={t('access.email')} aria-label={t('access.email')} value={user.email} onChange={(e) => setUser({ ...user, email: e.target.value })} />
          <input required placeholder={t('access.name')} aria-label={t('access.name')} value={user.name} onChange={(e) => setUser({ ...user, name: e.target.value })} />
          <RoleSelect value={user.role} onChange={(role) => setUser({ ...user, role })} />
          <input required type="password" minLength={12} placeholder={t('access.password')} aria-label={t('access.password')} value={user.password} onChange={(e) => setUser({ ...user, password: e.target.value })} />
          <button type="submit" className="btn">{t('access.addUser')}</button>
        </form>
      </section>
      <section className="card">
        <h2>{t('access.keys')}</h2>
        {secret && (
          <p className="notice" data-testid="access-secret">
            {t('access.secretOnce')} <code>{secret}</code>
          </p>
        )}
        <table className="table" data-testid="access-keys">
          <tbody>
            {keys.data?.map((k) => (
              <tr key={k.id} data-testid="access-key" data-name={k.name}>
                <td>{k.name}</td>
                <td>{t(`access.scopes.${k.scope}`)}</td>
                <td>
                  {t('access.prefix')} <code>{k.prefix}</code>
                </td>
                <td>
                  {t('access.lastUsed')}: {k.lastUsedAt ? fmt.date(k.lastUsedAt) : t('access.never')}
                </td>
                <td>
                  {k.revokedAt ? (
                    t('access.revoked')
                  ) : (
                    <button type="button" className="btn small" onClick={() => revokeKey.mutate({ id: k.id })} data-testid="access-revoke">
                      {t('access.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="toolbar-row" onSubmit={submitKey}>
          <input required placeholder={t('access.keyName')} aria-label={t('access.keyName')} value={key.name} onChange={(e) => setKey({ ...key, name: e.target.value })} data-testid="access-key-name" />
          <select aria-label={t('access.scope')} value={key.scope} onChange={(e) => setKey({ ...key, scope: e.target.value as 'ingest' | 'admin' })}>
            <option value="ingest">{t('access.scopes.ingest')}</option>
            <option value="admin">{t('access.scopes.admin')}</option>
          </select>
          <button type="submit" className="btn" data-testid="access-create-key">
            {t('access.createKey')}
          </button>
        </form>
      </section>
    </div>
  );
}
