import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale } from '@/i18n/locale-cookie';
import { Providers } from '@/components/providers';
import { AppHeader } from '@/components/app-header';
// Chinese glyphs ship with the app (two weights; the browser fetches only the unicode-range slices a page uses).
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'Journey Canvas',
  description: 'Design, publish and measure member journeys',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The language chosen in the header (cookie): the server renders in it, so hydration matches.
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = chosen ? toLocale(chosen) : null;
  return (
    <html lang={locale ?? 'en'} suppressHydrationWarning>
      <body>
        <Providers locale={locale}>
          <AppHeader />
          <main className="app-main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
