import { defineBranchKind } from './branch-common';

export default defineBranchKind({
  kind: 'branch.attribute',
  label: { en: 'Attribute check', zh: '属性判断' },
  description: { en: 'Branch on member attributes (tier, city, points…)', zh: '按会员属性分支(等级、城市、积分等),支持多分支' },
  icon: '◇',
  defaultCondition: { attr: 'tier', op: 'eq', value: 'gold' },
  accepts: (leaf) => 'attr' in leaf,
  wrongLeaf: { en: 'An attribute check tests member attributes only', zh: '属性判断只能判断会员属性' },
  idPrefix: 'branch',
  multiExample: {
    branches: [
      { label: 'Gold', condition: { attr: 'tier', op: 'eq', value: 'gold' } },
      { label: 'Rich', condition: { all: [{ attr: 'points', op: 'gte', value: 1000 }, { attr: 'city', op: 'in', value: ['Shanghai', 'Beijing'] }] } },
    ],
  },
});
