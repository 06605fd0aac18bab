'use client';

import type { ReactNode } from 'react';
import { TrpcProvider } from '@/components/trpc-provider';
import { I18nProvider } from '@/i18n/provider';
import type { Locale } from '@/journey';

export function Providers({ children, locale }: { children: ReactNode; locale: Locale | null }) {
  return (
    <TrpcProvider>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </TrpcProvider>
  );
}
