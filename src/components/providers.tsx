'use client';

import type { ReactNode } from 'react';
import { TrpcProvider } from '@/components/trpc-provider';
import { I18nProvider } from '@/i18n/provider';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <TrpcProvider>
      <I18nProvider>{children}</I18nProvider>
    </TrpcProvider>
  );
}
