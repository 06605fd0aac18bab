'use client';

import {
  Activity, AlarmClock, Cake, CalendarDays, CircleStop, Clock3, Coins, FlaskConical, GitBranch, Gift, Hash, Handshake,
  Hourglass, Mail, Shuffle, Tag, Target, Timer, Users, Zap, type LucideIcon,
} from 'lucide-react';

/**
 * Icons come from lucide (SVG) rather than the emoji glyphs in the node registry: a machine without an
 * emoji font draws those as empty boxes. The registry's glyph stays for the CLI and plain-text views.
 */
const byKind: Record<string, LucideIcon> = {
  'trigger.event': Zap,
  'trigger.segment': Target,
  'trigger.date': Cake,
  'trigger.schedule': CalendarDays,
  'wait.duration': Hourglass,
  'wait.until': AlarmClock,
  'wait.event': Timer,
  'branch.attribute': GitBranch,
  'branch.event': Activity,
  'branch.segment': Users,
  'branch.time': Clock3,
  'branch.count': Hash,
  'split.random': Shuffle,
  'split.ab': FlaskConical,
  'action.message': Mail,
  'action.reward': Gift,
  'action.tag': Tag,
  'action.asset': Coins,
  'action.group': Users,
  'action.handoff': Handshake,
  end: CircleStop,
};

export function NodeIcon({ kind, size = 16 }: { kind: string; size?: number }) {
  const Icon = byKind[kind] ?? CircleStop;
  return <Icon size={size} strokeWidth={2} aria-hidden focusable={false} data-icon={kind} />;
}
