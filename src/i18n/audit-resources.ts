import { i18n } from './index';
import type { SameShape } from './tree';

// Strings of the audit log page (审计日志).
const en = {
  audit: {
    nav: 'Audit log',
    heading: 'Audit log',
    subtitle: 'Every sign-in, change, export and erasure, with who did it; kept at least 180 days.',
    action: 'Action',
    anyAction: 'All actions',
    actor: 'Who',
    actorPlaceholder: 'email or key name',
    time: 'Time',
    target: 'Target',
    detail: 'Details',
    empty: 'Nothing logged for these filters.',
    total: '{{n}} entries',
    more: 'Older entries',
    groups: { auth: 'Sign-in', journey: 'Journeys', member: 'Members', members: 'Imports', segment: 'Segments', group: 'Groups', crowd: 'Crowd exports', key: 'API keys', user: 'Users' },
  },
};

const zh: SameShape<typeof en> = {
  audit: {
    nav: '审计日志',
    heading: '审计日志',
    subtitle: '每一次登录、变更、导出与删除都记录操作人;至少保留 180 天。',
    action: '操作',
    anyAction: '全部操作',
    actor: '操作人',
    actorPlaceholder: '邮箱或密钥名称',
    time: '时间',
    target: '对象',
    detail: '详情',
    empty: '没有符合条件的记录。',
    total: '共 {{n}} 条',
    more: '更早的记录',
    groups: { auth: '登录', journey: '旅程', member: '会员', members: '导入', segment: '人群', group: '客群', crowd: '人群导出', key: 'API 密钥', user: '用户' },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
