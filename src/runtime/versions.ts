import {
  createJourneyMachine,
  journeyStepper,
  getNodeKind,
  journeyDocumentSchema,
  triggerNodeOf,
  type JourneyDocument,
  type JourneyMachine,
  type MachineJson,
  type NodeKindDef,
} from '@/journey';
import type { Db } from '@/db/client';
import { versionRow } from '@/db/journey-versions';

export interface LoadedVersion {
  id: number;
  journeyId: string;
  doc: JourneyDocument;
  machine: JourneyMachine;
  /** Pure transition function for this version's machine. */
  step: ReturnType<typeof journeyStepper>;
  trigger: { kind: NodeKindDef; config: Record<string, unknown> };
}

/** Compiled machines per version: versions are immutable, so each is built once. */
export class VersionCache {
  private cache = new Map<number, LoadedVersion>();
  constructor(private db: Db) {}

  get(versionId: number): LoadedVersion {
    const hit = this.cache.get(versionId);
    if (hit) return hit;
    const row = versionRow(this.db, versionId);
    if (!row) throw new Error(`Journey version ${versionId} does not exist`);
    const doc = journeyDocumentSchema.parse(row.document);
    const triggerNode = triggerNodeOf(doc);
    const kind = getNodeKind(triggerNode.kind)!;
    const machine = createJourneyMachine(row.machine as MachineJson);
    const loaded: LoadedVersion = {
      id: row.id,
      journeyId: row.journeyId,
      doc,
      machine,
      step: journeyStepper(machine),
      trigger: { kind, config: kind.configSchema.parse(triggerNode.config ?? {}) },
    };
    this.cache.set(versionId, loaded);
    return loaded;
  }
}
