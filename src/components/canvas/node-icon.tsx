'use client';

import { CircleStop } from 'lucide-react';
import { kindUi } from './inspector/kinds';

/**
 * Icons come from lucide (SVG) rather than the emoji glyphs in the node registry: a machine without an
 * emoji font draws those as empty boxes. The registry's glyph stays for the CLI and plain-text views.
 * Each kind names its icon in its UI module (inspector/kinds/<kind>.tsx).
 */
export function NodeIcon({ kind, size = 16 }: { kind: string; size?: number }) {
  const Icon = kindUi(kind)?.icon ?? CircleStop;
  return <Icon size={size} strokeWidth={2} aria-hidden focusable={false} data-icon={kind} />;
}
