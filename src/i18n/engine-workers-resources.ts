import { i18n } from './index';

// Strings of the runtime page's "Workers" section (src/components/engine-workers.tsx), added when it loads.
const en = {
  engineWorkers: {
    heading: 'Workers',
    hint: 'Engine workers step the members of their partitions (64 in all). In lease mode they may run on several machines and share the partitions; each reports its figures with its heartbeat.',
    none: 'No engine worker is registered.',
    host: 'Host',
    pid: 'PID',
    partitions: 'Partitions',
    stepsPerSecond: 'Steps / s',
    latenessP99: 'Timer lateness p99',
    heartbeat: 'Last heartbeat',
    status: 'Status',
    live: 'Running',
    stopping: 'Draining',
    silent: 'Silent',
    unowned_one: '{{count}} partition has no worker ({{list}}): its events and timers wait until a worker takes it.',
    unowned_other: '{{count}} partitions have no worker ({{list}}): their events and timers wait until a worker takes them.',
    lagHeading: 'Partitions with the most lag',
    lagHint: 'Per partition: how long the oldest event in the inbox has waited, and how late the most overdue timer is (the 10 furthest behind).',
    lagNone: 'No partition has events or due timers waiting.',
    partition: 'Partition',
    owner: 'Worker',
    pending: 'Events waiting',
    lag: 'Oldest event waiting',
    dueTimers: 'Timers due',
    timerLag: 'Most overdue timer',
    noOwner: 'none',
  },
};
const zh: typeof en = {
  engineWorkers: {
    heading: '工作进程',
    hint: '引擎工作进程负责处理各自分区(共 64 个)内会员的事件和定时器。租约模式下可部署在多台机器上共同分担分区,每个进程随心跳上报自己的指标。',
    none: '没有已注册的引擎工作进程。',
    host: '主机',
    pid: '进程号',
    partitions: '分区',
    stepsPerSecond: '每秒步数',
    latenessP99: '定时延迟 p99',
    heartbeat: '最近心跳',
    status: '状态',
    live: '运行中',
    stopping: '正在停止',
    silent: '无响应',
    unowned_one: '有 {{count}} 个分区没有工作进程处理({{list}}):其中的事件和定时器将一直等待,直到有工作进程接管。',
    unowned_other: '有 {{count}} 个分区没有工作进程处理({{list}}):其中的事件和定时器将一直等待,直到有工作进程接管。',
    lagHeading: '延迟最大的分区',
    lagHint: '按分区显示:收件箱中最早一条事件已等待多久,以及逾期最久的定时器晚了多久(列出落后最多的 10 个)。',
    lagNone: '没有分区有待处理的事件或已到期的定时器。',
    partition: '分区',
    owner: '工作进程',
    pending: '待处理事件',
    lag: '最早事件已等待',
    dueTimers: '到期定时器',
    timerLag: '定时器最久逾期',
    noOwner: '无',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
