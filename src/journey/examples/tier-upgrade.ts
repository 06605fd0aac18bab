import type { JourneyDocument } from '../document';

/** REQUIREMENTS.md example 6: tier upgrade care, with a hand-off to the associate for gold and above. */
export const tierUpgradeJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'tier-upgrade',
  name: 'Tier upgrade care',
  description: 'On an upgrade: congratulate, grant the upgrade benefit, and ask the associate to follow up with gold and above.',
  entry: { reentry: 'always' },
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'tier_changed', where: { attr: 'properties.direction', op: 'eq', value: 'up' } }, position: { x: 390, y: 0 } },
    { id: 'congrats', kind: 'action.message', config: { channel: 'wechat_template', template: 'Congratulations {{member.name}}, you are now {{member.tier}}!' }, position: { x: 390, y: 174 } },
    { id: 'benefit', kind: 'action.reward', config: { reward: { type: 'benefit', benefitId: 'upgrade_gift' } }, position: { x: 390, y: 348 } },
    { id: 'gold_plus', kind: 'branch.attribute', config: { condition: { attr: 'tier', op: 'in', value: ['gold', 'platinum'] } }, position: { x: 390, y: 522 } },
    { id: 'handoff', kind: 'action.handoff', config: { task: 'Call {{member.name}} to welcome them to {{member.tier}}', due: 'P2D' }, position: { x: 156, y: 696 } },
    { id: 'end_handoff', kind: 'end', position: { x: 156, y: 870 } },
    { id: 'end', kind: 'end', position: { x: 624, y: 696 } },
  ],
  edges: [
    { source: 'trigger', target: 'congrats' },
    { source: 'congrats', target: 'benefit' },
    { source: 'benefit', target: 'gold_plus' },
    { source: 'gold_plus', sourceHandle: 'yes', target: 'handoff' },
    { source: 'handoff', target: 'end_handoff' },
    { source: 'gold_plus', sourceHandle: 'no', target: 'end' },
  ],
};
