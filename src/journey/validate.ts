import { journeyDocumentSchema, edgeHandle, type JourneyDocument } from './document';
import { getNodeKind } from './nodes';
import type { Bilingual } from './i18n-text';
import { issueText } from './field-messages';

export interface ValidationProblem {
  nodeId?: string;
  edgeIndex?: number;
  path: string;
  message: string;
  messageZh: string;
}

function problem(path: string, text: Bilingual, nodeId?: string, edgeIndex?: number): ValidationProblem {
  return { ...(nodeId ? { nodeId } : {}), ...(edgeIndex !== undefined ? { edgeIndex } : {}), path, message: text.en, messageZh: text.zh };
}

function zodPath(prefix: string, path: PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/** Every problem with a document at once, each pointing at a node or JSON path. */
export function validateJourney(input: unknown): ValidationProblem[] {
  const parsed = journeyDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => {
      const nodeIndex = i.path[0] === 'nodes' && typeof i.path[1] === 'number' ? i.path[1] : undefined;
      const nodeId = nodeIndex !== undefined ? (input as JourneyDocument).nodes?.[nodeIndex]?.id : undefined;
      return problem(zodPath('', i.path), issueText(i, i.path), typeof nodeId === 'string' ? nodeId : undefined);
    });
  }
  return validateStructure(parsed.data);
}

function validateStructure(doc: JourneyDocument): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const nodes = new Map<string, JourneyDocument['nodes'][number]>();
  const handlesOf = new Map<string, string[]>();

  doc.nodes.forEach((node, i) => {
    if (nodes.has(node.id)) out.push(problem(`nodes.${i}.id`, { en: `Duplicate node id "${node.id}"`, zh: `节点 ID 重复:"${node.id}"` }, node.id));
    nodes.set(node.id, node);
    const kind = getNodeKind(node.kind);
    if (!kind) {
      out.push(problem(`nodes.${i}.kind`, { en: `Unknown node kind "${node.kind}"`, zh: `未知的节点类型:"${node.kind}"` }, node.id));
      return;
    }
    const cfg = kind.configSchema.safeParse(node.config ?? {});
    if (!cfg.success) {
      for (const issue of cfg.error.issues) {
        out.push(problem(zodPath(`nodes.${i}.config`, issue.path), issueText(issue, issue.path), node.id));
      }
      return;
    }
    for (const p of kind.check?.(cfg.data) ?? []) out.push(problem(`nodes.${i}.config.${p.path}`, p.message, node.id));
    handlesOf.set(node.id, kind.handles(cfg.data).map((h) => h.id));
  });

  const triggers = doc.nodes.filter((n) => getNodeKind(n.kind)?.category === 'trigger');
  if (triggers.length === 0) out.push(problem('nodes', { en: 'The journey needs exactly one trigger; it has none', zh: '旅程需要且只能有一个触发节点,当前没有' }));
  for (const extra of triggers.slice(1)) {
    out.push(problem(`nodes.${doc.nodes.indexOf(extra)}`, { en: 'Only one trigger is allowed per journey', zh: '每个旅程只能有一个触发节点' }, extra.id));
  }

  const connected = new Map<string, number>();
  const next = new Map<string, string[]>();
  doc.edges.forEach((edge, i) => {
    const handle = edgeHandle(edge);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) out.push(problem(`edges.${i}.source`, { en: `Edge starts at a missing node "${edge.source}"`, zh: `连线起点节点不存在:"${edge.source}"` }, undefined, i));
    if (!target) out.push(problem(`edges.${i}.target`, { en: `Edge points to a missing node "${edge.target}"`, zh: `连线终点节点不存在:"${edge.target}"` }, edge.source, i));
    if (!source || !target) return;
    const handles = handlesOf.get(source.id);
    if (handles && !handles.includes(handle)) {
      out.push(problem(`edges.${i}.sourceHandle`, { en: `Node "${source.id}" has no handle "${handle}"`, zh: `节点"${source.id}"没有出口"${handle}"` }, source.id, i));
      return;
    }
    if (getNodeKind(target.kind)?.hasInput === false) {
      out.push(problem(`edges.${i}.target`, { en: 'A trigger cannot have incoming connections', zh: '触发节点不能有入线' }, target.id, i));
    }
    const key = `${source.id}\u0000${handle}`;
    connected.set(key, (connected.get(key) ?? 0) + 1);
    if (connected.get(key) === 2) {
      out.push(problem(`edges.${i}`, { en: `Handle "${handle}" is connected more than once`, zh: `出口"${handle}"连接了多条线` }, source.id, i));
    }
    next.set(source.id, [...(next.get(source.id) ?? []), target.id]);
  });

  for (const [nodeId, handles] of handlesOf) {
    const index = doc.nodes.findIndex((n) => n.id === nodeId);
    for (const h of handles) {
      if (!connected.has(`${nodeId}\u0000${h}`)) {
        out.push(problem(`nodes.${index}`, { en: `Handle "${h}" is not connected`, zh: `出口"${h}"未连接` }, nodeId));
      }
    }
  }

  if (triggers.length === 1) {
    const reached = new Set<string>([triggers[0].id]);
    const queue = [triggers[0].id];
    while (queue.length) {
      for (const t of next.get(queue.shift()!) ?? []) {
        if (reached.has(t)) continue;
        reached.add(t);
        queue.push(t);
      }
    }
    doc.nodes.forEach((n, i) => {
      if (!reached.has(n.id) && getNodeKind(n.kind)?.category !== 'trigger') {
        out.push(problem(`nodes.${i}`, { en: 'This node cannot be reached from the trigger', zh: '该节点无法从触发节点到达' }, n.id));
      }
    });
  }

  for (const nodeId of cycleWithoutWait(doc, next)) {
    out.push(problem(`nodes.${doc.nodes.findIndex((n) => n.id === nodeId)}`, { en: 'This node is on a loop with no wait in it', zh: '该节点处于没有等待节点的循环中' }, nodeId));
  }
  return out;
}

/** Nodes on a cycle of non-wait nodes: such a loop would spin forever without time passing. */
function cycleWithoutWait(doc: JourneyDocument, next: Map<string, string[]>): string[] {
  const isWait = (id: string) => Boolean(getNodeKind(doc.nodes.find((n) => n.id === id)?.kind ?? '')?.isWait);
  const state = new Map<string, 1 | 2>();
  const onCycle = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 1);
    stack.push(id);
    for (const t of next.get(id) ?? []) {
      if (isWait(t)) continue;
      if (state.get(t) === 1) stack.slice(stack.indexOf(t)).forEach((n) => onCycle.add(n));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const n of doc.nodes) if (!isWait(n.id) && !state.has(n.id)) visit(n.id);
  return [...onCycle];
}
