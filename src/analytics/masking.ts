/** Personal data is masked for people who do not need it (PIPL): 138****1234, a***@x.com. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Birthdays keep month and day (campaigns need them), not the year. */
export function maskBirthday(birthday: string | null): string | null {
  return birthday ? `****-${birthday.slice(5)}` : birthday;
}

/** Identity values other than phone and email (WeChat, device ids): the ends only. */
export function maskIdentity(value: string): string {
  return value.length >= 8 ? `${value.slice(0, 3)}****${value.slice(-2)}` : '****';
}

/** A profile as someone without pii:read may see it. */
export function maskProfile<T extends { phone: string | null; email: string | null; birthday: string | null; identities: Record<string, string> }>(p: T): T {
  return {
    ...p,
    phone: maskPhone(p.phone),
    email: maskEmail(p.email),
    birthday: maskBirthday(p.birthday),
    identities: Object.fromEntries(Object.entries(p.identities).map(([k, v]) => [k, maskIdentity(v)])),
  };
}

/** A rendered message may quote the member's phone, email or birthday: those values are replaced by their masked forms. */
export function maskQuoted(text: string | null, member: { phone: string | null; email: string | null; birthday: string | null }): string | null {
  if (!text) return text;
  let out = text;
  for (const [value, masked] of [
    [member.phone, maskPhone(member.phone)],
    [member.email, maskEmail(member.email)],
    [member.birthday, maskBirthday(member.birthday)],
  ] as const) {
    if (value && masked) out = out.split(value).join(masked);
  }
  return out;
}
