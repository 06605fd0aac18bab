import { defineBranchKind } from './branch-common';

export default defineBranchKind({
  kind: 'branch.segment',
  label: { en: 'Segment check', zh: '群组判断' },
  description: { en: 'Branch on segment, group or tag membership', zh: '按人群、客群或标签分支,支持多分支' },
  icon: '◎',
  defaultCondition: { tag: 'vip' },
  accepts: (leaf) => 'segment' in leaf || 'tag' in leaf,
  wrongLeaf: { en: 'A segment check tests segments and tags only', zh: '群组判断只能判断人群与标签' },
  multiExample: { branches: [{ label: 'VIP', condition: { tag: 'vip' } }, { label: 'Dormant', condition: { segment: 'dormant_90d' } }] },
});
