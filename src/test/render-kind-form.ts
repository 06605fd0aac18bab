import { createElement as h, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { Locale } from '@/journey';
import type { AppRouter } from '@/server/root';
import { TRPCProvider } from '@/components/trpc-provider';
import { I18nProvider } from '@/i18n/provider';
import { configIssues, issueLookup } from '@/components/canvas/inspector/config-issues';
import { kindUi } from '@/components/canvas/inspector/kinds';
import { Palette } from '@/components/canvas/palette';

/**
 * Server-renders UI the way the app's first paint does (no jsdom here): inside the language and tRPC
 * providers. Queries are only declared during a server render, so the client never calls out.
 */
function inApp(locale: Locale, children: ReactNode): string {
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc' })] });
  const withTrpc = h(TRPCProvider, { trpcClient, queryClient, children });
  return renderToString(h(I18nProvider, { locale, children: h(QueryClientProvider, { client: queryClient }, withTrpc) }));
}

/** A kind's inspector form as the inspector renders it (issues from the kind's schema); null when the kind has no form. */
export function renderKindForm(kind: string, config: Record<string, unknown>, locale: Locale): string | null {
  const form = kindUi(kind)?.form;
  if (!form || form === 'json') return null;
  const issues = issueLookup(configIssues(kind, config, locale));
  return inApp(locale, h(form, { config, onChange: () => {}, issues }));
}

/** The canvas palette, as a marketer first sees it. */
export function renderPalette(locale: Locale): string {
  return inApp(locale, h(Palette));
}
