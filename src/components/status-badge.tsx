'use client';

import { useTranslation } from 'react-i18next';

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-testid={testId}>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}
