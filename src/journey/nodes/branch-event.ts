import { defineBranchKind } from './branch-common';

export default defineBranchKind({
  kind: 'branch.event',
  label: { en: 'Event check', zh: '事件判断' },
  description: { en: 'Branch on what the member did (event history)', zh: '按会员行为事件分支,支持多分支' },
  icon: '◈',
  defaultCondition: { event: 'order_paid', within: 'P30D' },
  accepts: (leaf) => 'event' in leaf,
  wrongLeaf: { en: 'An event check tests events only', zh: '事件判断只能判断行为事件' },
  multiExample: { branches: [{ label: 'Bought', condition: { event: 'order_paid', within: 'P30D' } }, { label: 'Browsed', condition: { event: 'product_view', within: 'P7D' } }] },
});
