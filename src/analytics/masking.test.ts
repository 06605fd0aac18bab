import { describe, expect, it } from 'vitest';
import { maskProfile, maskQuoted } from './masking';

describe('masking personal data for people without pii:read', () => {
  it('masks what a rendered message quotes of the profile', () => {
    const member = { phone: '13800138000', email: 'li@example.com', birthday: '1990-05-01' };
    expect(maskQuoted('Hi, we will call 13800138000 or write to li@example.com about 1990-05-01', member)).toBe('Hi, we will call 138****8000 or write to l***@example.com about ****-05-01');
    expect(maskQuoted(null, member)).toBeNull();
  });

  it('masks a profile’s phone, email, birth year and identity values', () => {
    expect(maskProfile({ phone: '13800138000', email: 'li@example.com', birthday: '1990-05-01', identities: { wechatOpenId: 'oABCDEFGH123' }, name: 'Li' })).toEqual({
      phone: '138****8000', email: 'l***@example.com', birthday: '****-05-01', identities: { wechatOpenId: 'oAB****23' }, name: 'Li',
    });
  });
});
