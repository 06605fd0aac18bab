'use client';

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '@/i18n/auth-resources';

interface Me {
  principal: { kind: string; email?: string; name?: string; role?: string };
}

/** Who is signed in, with a sign-out button; nothing on the login page. */
export function UserMenu() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    if (window.location.pathname === '/login') return;
    void fetch('/api/auth/me').then(async (r) => (r.ok ? setMe((await r.json()) as Me) : null));
  }, []);
  if (!me || me.principal.kind !== 'user') return null;
  const signOut = async () => {
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    window.location.assign('/login');
  };
  return (
    <span className="user-menu" data-testid="user-menu">
      <span>
        {me.principal.name} · {t(`auth.role.${me.principal.role}`)}
      </span>
      <button type="button" onClick={signOut} data-testid="sign-out">
        {t('auth.signOut')}
      </button>
    </span>
  );
}
