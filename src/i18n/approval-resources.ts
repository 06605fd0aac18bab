import { i18n } from './index';
import type { SameShape } from './tree';

// Strings of publish approval (流程发布审批).
const en = {
  approvals: {
    nav: 'Approvals',
    heading: 'Publish approvals',
    subtitle: 'A marketer’s publish goes live only when an approver who did not write it approves: the change node by node, whom it reaches, what it sends and spends.',
    empty: 'Nothing waits for approval.',
    pending: 'Waiting',
    decided: 'Decided',
    requestedBy: 'Requested by {{who}}, {{when}}',
    kind: { publish: 'Publish', declare_winner: 'Declare winner' },
    audience: 'Estimated audience',
    basis: { event_last_7_days: '{{n}} members sent “{{event}}” in the last 7 days', segment_now: '{{n}} members match the audience now', all_members: '{{n}} members in the workspace' },
    channels: 'Channels',
    rewards: 'Rewards and budgets',
    none: 'none',
    changes: 'Changes',
    noChanges: 'No node changes',
    change: { added: 'added', removed: 'removed', changed: 'changed' },
    field: 'Field',
    before: 'Before',
    after: 'After',
    settings: 'Journey settings',
    edges: 'Connections changed',
    comment: 'Comment',
    approve: 'Approve and publish',
    reject: 'Reject',
    status: { pending: 'waiting', approved: 'approved', rejected: 'rejected' },
    decidedBy: '{{status}} by {{who}}',
    failed: 'Not decided: {{message}}',
  },
};

const zh: SameShape<typeof en> = {
  approvals: {
    nav: '发布审批',
    heading: '流程发布审批',
    subtitle: '营销人员的发布需由非作者的审批人批准后才上线:逐节点的变更、触达人群、发送渠道与奖励预算。',
    empty: '暂无待审批的发布。',
    pending: '待审批',
    decided: '已处理',
    requestedBy: '{{who}} 于 {{when}} 提交',
    kind: { publish: '发布', declare_winner: '宣布胜出' },
    audience: '预计触达人数',
    basis: { event_last_7_days: '近 7 天有 {{n}} 位会员发生“{{event}}”', segment_now: '当前有 {{n}} 位会员符合人群条件', all_members: '工作区共 {{n}} 位会员' },
    channels: '渠道',
    rewards: '奖励与预算',
    none: '无',
    changes: '变更',
    noChanges: '节点无变更',
    change: { added: '新增', removed: '删除', changed: '修改' },
    field: '字段',
    before: '修改前',
    after: '修改后',
    settings: '旅程设置',
    edges: '连线有变更',
    comment: '审批意见',
    approve: '批准并发布',
    reject: '驳回',
    status: { pending: '待审批', approved: '已批准', rejected: '已驳回' },
    decidedBy: '{{who}} {{status}}',
    failed: '未处理:{{message}}',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
