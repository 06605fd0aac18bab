import { i18n } from './index';

// The journey's holdout (global control) setting, issue 16. Added to the shared instance when the settings panel imports it.
const en = {
  holdout: {
    enable: 'Hold out a global control group',
    percent: 'Share of entrants held out (%)',
    hint: 'Held-out members are enrolled and counted but get no messages or rewards, so the report can show what the journey itself adds.',
  },
};
const zh: typeof en = {
  holdout: {
    enable: '留出全局对照组',
    percent: '留出进入者的比例(%)',
    hint: '全局对照组会员会进入旅程并被统计,但不会收到任何消息或奖励,报告据此显示旅程本身带来的提升。',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
