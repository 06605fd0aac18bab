'use client';

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from './index';

// Stored values shown to people (statuses, tiers, sending decisions and their reasons): the database keeps
// the code, the UI reads it out in the viewer's language. Unknown codes (a brand's own tier) show as stored.
const en = {
  value: {
    status: {
      draft: 'Draft', live: 'Live', paused: 'Paused', archived: 'Archived',
      active: 'Active', waiting: 'Waiting', completed: 'Completed', exited: 'Exited',
      pending: 'Pending', approved: 'Approved', rejected: 'Rejected',
      sent: 'Sent', send: 'Sent', deferred: 'Deferred', defer: 'Deferred', skipped: 'Skipped', skip: 'Skipped', failed: 'Failed', dead: 'Dead letter', delivered: 'Delivered',
      sending: 'With the provider', record_only: 'Recorded only — not sent',
    },
    tier: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' },
    reason: {
      sent: 'sent', quiet_hours: 'quiet hours', no_consent: 'no consent', unsubscribed: 'unsubscribed', capped: 'frequency cap',
      budget_exhausted: 'budget used up', daily_budget_exhausted: 'daily budget used up', member_reward_cap: 'member reward cap',
      no_associate: 'no store associate', goal: 'goal reached', exit_criteria: 'exit criteria', completed: 'completed', failed: 'failed', dead: 'gave up',
      queued: 'queued for the provider', rate_limit: 'send rate limit', pool_exhausted: 'coupon pool exhausted', unknown_member: 'unknown member',
    },
    winner: 'Winner: {{variant}}',
  },
};
const zh: typeof en = {
  value: {
    status: {
      draft: '草稿', live: '运行中', paused: '已暂停', archived: '已归档',
      active: '进行中', waiting: '等待中', completed: '已完成', exited: '已退出',
      pending: '待审批', approved: '已通过', rejected: '已驳回',
      sent: '已发送', send: '已发送', deferred: '已延后', defer: '已延后', skipped: '已跳过', skip: '已跳过', failed: '失败', dead: '死信', delivered: '已送达',
      sending: '服务商发送中', record_only: '仅记录,未发送',
    },
    tier: { bronze: '铜卡', silver: '银卡', gold: '金卡', platinum: '白金卡' },
    reason: {
      sent: '已发送', quiet_hours: '免打扰时段', no_consent: '未授权', unsubscribed: '已退订', capped: '超出频次上限',
      budget_exhausted: '预算已用完', daily_budget_exhausted: '当日预算已用完', member_reward_cap: '超出会员奖励上限',
      no_associate: '无专属导购', goal: '已达标', exit_criteria: '满足退出条件', completed: '已完成', failed: '失败', dead: '放弃重试',
      queued: '排队等待服务商', rate_limit: '发送速率限制', pool_exhausted: '券码已发完', unknown_member: '未知会员',
    },
    winner: '胜出方案:{{variant}}',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);

/** Readers for stored codes: `decision('deferred: quiet_hours')` → "已延后:免打扰时段" in Chinese. */
export function useValues() {
  const { t, i18n: instance } = useTranslation();
  const lang = instance.language;
  return useMemo(() => {
    const read = (group: string, code: string | null | undefined) => (code ? t(`value.${group}.${code}`, { defaultValue: code }) : '—');
    const status = (code: string | null | undefined) => read('status', code);
    const reason = (code: string | null | undefined) => read('reason', code);
    const sep = lang.startsWith('zh') ? ':' : ': ';
    return {
      status,
      tier: (code: string | null | undefined) => read('tier', code),
      reason,
      /** "status: reason" as the delivery log writes it, or either alone; the reason is left out when it says the same. */
      decision: (status_: string | null | undefined, why?: string | null) => {
        let s = status_ ?? '';
        let r = why ?? null;
        if (r === null && s.includes(':')) [s, r] = s.split(':').map((x) => x.trim()) as [string, string];
        // Stored as sent/record_only so caps count it, but it never reached anyone: never read it out as "sent".
        if (r === 'record_only') return status('record_only');
        if (!r || r === s || (r === 'sent' && (s === 'sent' || s === 'send'))) return status(s);
        return `${status(s)}${sep}${reason(r)}`;
      },
      winner: (variant: string) => t('value.winner', { variant }),
    };
  }, [t, lang]);
}
