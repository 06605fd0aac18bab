import { i18n } from './index';

// Strings of the designer's everyday tools (issue 17): unknown-name warnings, saving, import, publish,
// journey list tools, groups, schedules and previews. Added to the shared instance when a page imports it.
const en = {
  designer: {
    unknownEvent: 'Unknown event “{{event}}”: this workspace has never received it. Check the spelling.',
    leavePending: 'Changes are still being saved. Leave anyway?',
    importTitle: 'Import a journey',
    importAsk: 'The file holds “{{name}}” with {{nodes}} nodes. Replace this draft, or merge the file’s nodes into it?',
    importReplace: 'Replace the draft',
    importMerge: 'Merge into the draft',
    cancel: 'Cancel',
    publishUnchanged: 'Nothing to publish: the draft is the same as live version {{number}}.',
    minInterval: 'Minimum days between entries',
    minIntervalHint: 'A member enters again only this long after the last entry (a birthday: about a year).',
    window: 'Enrolment window',
    windowHint: 'Members enter only between these dates (your time zone); empty = no limit.',
    window_from: 'Start date',
    window_to: 'End date',
  },
};
const zh: typeof en = {
  designer: {
    unknownEvent: '未知事件“{{event}}”:本工作区从未收到过该事件,请检查拼写。',
    leavePending: '更改仍在保存中,确定要离开吗?',
    importTitle: '导入旅程',
    importAsk: '文件中是“{{name}}”,共 {{nodes}} 个节点。替换当前草稿,还是把文件中的节点合并到草稿中?',
    importReplace: '替换草稿',
    importMerge: '合并到草稿',
    cancel: '取消',
    publishUnchanged: '无需发布:草稿与线上版本 v{{number}} 相同。',
    minInterval: '两次进入的最短间隔(天)',
    minIntervalHint: '会员距上次进入满该天数后才能再次进入(生日旅程约为一年)。',
    window: '进入时间段',
    windowHint: '会员只在这两个日期之间进入旅程(按你的时区);留空表示不限。',
    window_from: '开始日期',
    window_to: '结束日期',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
