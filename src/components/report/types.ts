import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type Report = Outputs['analytics']['report'];
export type Experiment = Outputs['analytics']['experiments'][number];
export type BreakdownAttr = 'tier' | 'city' | 'join_channel' | 'gender';
export const breakdownAttrs: BreakdownAttr[] = ['tier', 'city', 'join_channel', 'gender'];
export type CrowdKind = 'at' | 'passed' | 'reached' | 'missed';
export const crowdKinds: CrowdKind[] = ['at', 'passed', 'reached', 'missed'];
/** Node id → label in the current language (with the id as a fallback). */
export type NodeLabel = (nodeId: string) => string;
