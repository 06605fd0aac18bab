import { i18n } from './index';
import type { SameShape } from './tree';

// Strings of sign-in and the signed-in user menu.
const en = {
  auth: {
    heading: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    failed: 'Not signed in: {{message}}',
    demoHeading: 'Demo accounts',
    demoHint: 'This workspace runs with demo data. Sign in with one of these to try each role:',
    useAccount: 'Use',
    signOut: 'Sign out',
    role: {
      admin: 'Admin',
      marketer: 'Marketer',
      approver: 'Approver',
      analyst: 'Analyst',
      viewer: 'Viewer',
    },
  },
};

const zh: SameShape<typeof en> = {
  auth: {
    heading: '登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    signingIn: '正在登录…',
    failed: '未登录:{{message}}',
    demoHeading: '演示账号',
    demoHint: '此工作区使用演示数据。可用以下账号体验各个角色:',
    useAccount: '使用',
    signOut: '退出登录',
    role: {
      admin: '管理员',
      marketer: '营销策划',
      approver: '审批人',
      analyst: '分析师',
      viewer: '只读',
    },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
