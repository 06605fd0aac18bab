import type { Metadata } from 'next';
import type { ReactNode } from 'react';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Providers>
          <AppHeader />
          <main className="app-main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
