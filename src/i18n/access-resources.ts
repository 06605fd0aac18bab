import { i18n } from './index';
import type { SameShape } from './tree';

// Strings of Settings → Access (users and API keys), admins only.
const en = {
  access: {
    nav: 'Access',
    heading: 'Users and API keys',
    users: 'Users',
    email: 'Email',
    name: 'Name',
    role: 'Role',
    password: 'Initial password (12+ characters)',
    addUser: 'Add user',
    keys: 'API keys',
    keyName: 'Key name',
    scope: 'Scope',
    scopes: { ingest: 'ingest (events and members only)', admin: 'admin (everything)' },
    createKey: 'Create key',
    secretOnce: 'Copy this key now: it is shown only once.',
    prefix: 'Starts with',
    lastUsed: 'Last used',
    never: 'never',
    revoked: 'revoked',
    revoke: 'Revoke',
    failed: 'Not saved: {{message}}',
  },
};

const zh: SameShape<typeof en> = {
  access: {
    nav: '权限',
    heading: '用户与 API 密钥',
    users: '用户',
    email: '邮箱',
    name: '姓名',
    role: '角色',
    password: '初始密码(至少 12 位)',
    addUser: '添加用户',
    keys: 'API 密钥',
    keyName: '密钥名称',
    scope: '范围',
    scopes: { ingest: 'ingest(仅事件与会员)', admin: 'admin(全部)' },
    createKey: '创建密钥',
    secretOnce: '请立即复制此密钥:它只显示这一次。',
    prefix: '开头',
    lastUsed: '最近使用',
    never: '从未',
    revoked: '已吊销',
    revoke: '吊销',
    failed: '未保存:{{message}}',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
