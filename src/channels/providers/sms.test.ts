import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { localServer, type Reply, type SeenRequest } from '@/test/local-http';
import { message, providerCtx } from '@/test/provider-ctx';
import { aliyunSmsConfig, aliyunSmsProvider, signRpc } from './aliyun-sms';
import { tc3Authorization, tencentSmsConfig, tencentSmsProvider } from './tencent-sms';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handle: (r: SeenRequest) => Reply) {
  const s = await localServer(handle);
  close = s.close;
  return s;
}

/** The documented encoding, written byte by byte (independent of encodeURIComponent): only A-Z a-z 0-9 - _ . ~ stay. */
function docEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function independentAliyunSignature(method: string, params: Map<string, string>, secret: string): string {
  const keys = [...params.keys()].sort();
  const canonical = keys.map((k) => `${docEncode(k)}=${docEncode(params.get(k)!)}`).join('&');
  return createHmac('sha1', `${secret}&`).update(`${method}&${docEncode('/')}&${docEncode(canonical)}`).digest('base64');
}

describe('Alibaba Cloud SMS', () => {
  it('reproduces the signature of the documented RPC example', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(signRpc('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('sends SendSms with template code and params, signed as documented, and maps throttling to a retry', async () => {
    const nonces: string[] = [];
    let reply: Reply = { json: { Code: 'OK', Message: 'OK', BizId: '9006197469364984^0', RequestId: 'r1' } };
    const server = await serve((r) => {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const form = new URLSearchParams(r.body);
      const signature = form.get('Signature')!;
      const params = new Map([...form.entries()].filter(([k]) => k !== 'Signature'));
      expect(signature).toBe(independentAliyunSignature('POST', params, 'the-secret'));
      expect(Object.fromEntries(params)).toMatchObject({
        Action: 'SendSms',
        Version: '2017-05-25',
        Format: 'JSON',
        AccessKeyId: 'LTAI-test',
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        PhoneNumbers: '13800138000',
        SignName: '画布营销',
        TemplateCode: 'SMS_153055065',
        OutId: 'e1:msg:1',
        Timestamp: '2026-11-02T00:00:00Z',
      });
      expect(JSON.parse(params.get('TemplateParam')!)).toEqual({ name: '王芳', code: '1234' });
      nonces.push(params.get('SignatureNonce')!);
      return reply;
    });
    const config = aliyunSmsConfig.parse({ accessKeyId: 'LTAI-test', accessKeySecret: 'the-secret', signName: '画布营销', endpoint: server.url });
    const msg = message({ templateId: 'SMS_153055065', params: { name: '王芳', code: '1234' } });
    expect(await aliyunSmsProvider.send(config, msg, providerCtx())).toEqual({ ok: true, providerMessageId: '9006197469364984^0' });

    reply = { json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'r2' } };
    const throttled = await aliyunSmsProvider.send(config, msg, providerCtx());
    expect(throttled).toMatchObject({ ok: false, retry: true, retryAfterMs: 60_000 });
    reply = { json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r3' } };
    expect(await aliyunSmsProvider.send(config, msg, providerCtx())).toMatchObject({ ok: false, retry: false });
    expect(new Set(nonces).size).toBe(3);
    expect(server.seen).toHaveLength(3);
  });

  it('refuses free text without a template code and a member without a phone, before any request', async () => {
    const config = aliyunSmsConfig.parse({ accessKeyId: 'a', accessKeySecret: 'b', signName: 'c', endpoint: 'http://127.0.0.1:9' });
    expect(await aliyunSmsProvider.send(config, message(), providerCtx())).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('template code') });
    const noPhone = message({ templateId: 'SMS_1', recipient: { memberId: 'm1' } });
    expect(await aliyunSmsProvider.send(config, noPhone, providerCtx())).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('no_recipient') });
  });
});

describe('Alibaba Cloud SMS receipts', () => {
  it('reads SmsReport pushes by BizId and OutId', () => {
    expect(
      aliyunSmsProvider.parseReceipt!([
        { phone_number: '13800138000', send_time: '2026-11-02 08:00:00', report_time: '2026-11-02 08:00:05', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: '9006197469364984^0', out_id: 'e1:msg:1' },
        { phone_number: '13800138001', success: false, err_code: 'MN:0001', err_msg: '空号', biz_id: 'b2', out_id: '' },
      ]),
    ).toEqual([
      { status: 'delivered', providerMessageId: '9006197469364984^0', idempotencyKey: 'e1:msg:1' },
      { status: 'failed', providerMessageId: 'b2', reason: 'MN:0001 空号' },
    ]);
    expect(() => aliyunSmsProvider.parseReceipt!([{ biz_id: 'x' }])).toThrow(/\[0\]\.success/);
  });
});

/** TC3-HMAC-SHA256 recomputed here from the documented steps, from what the server received. */
function independentTc3(r: SeenRequest, secretKey: string): string {
  const hex = (s: string) => createHash('sha256').update(s).digest('hex');
  const mac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s).digest();
  const ts = Number(r.headers['x-tc-timestamp']);
  const day = new Date(ts * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:${r.headers['content-type']}\nhost:${r.headers.host}\n\ncontent-type;host\n${hex(r.body)}`;
  const toSign = `TC3-HMAC-SHA256\n${ts}\n${day}/sms/tc3_request\n${hex(canonical)}`;
  const key = mac(mac(mac(`TC3${secretKey}`, day), 'sms'), 'tc3_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('Tencent Cloud SMS', () => {
  it('reproduces the signature of the documented TC3 example', () => {
    const auth = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(auth).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('sends SendSms with ordered template params, signed as documented; blacklist turns consent off, throttling retries', async () => {
    let reply: Reply = {
      json: { Response: { SendStatusSet: [{ SerialNo: '5000:1045710669157053657849499619', PhoneNumber: '+8613800138000', Fee: 1, SessionContext: 'e1:msg:1', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: 'a0aabda6' } },
    };
    const server = await serve((r) => {
      const ts = Number(r.headers['x-tc-timestamp']);
      expect(ts).toBe(Date.parse('2026-11-02T00:00:00Z') / 1000);
      expect(r.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou', 'content-type': 'application/json; charset=utf-8' });
      const day = new Date(ts * 1000).toISOString().slice(0, 10);
      expect(r.headers.authorization).toBe(`TC3-HMAC-SHA256 Credential=AKID-test/${day}/sms/tc3_request, SignedHeaders=content-type;host, Signature=${independentTc3(r, 'tc-secret')}`);
      expect(JSON.parse(r.body)).toEqual({
        PhoneNumberSet: ['+8613800138000'],
        SmsSdkAppId: '1400006666',
        SignName: '腾讯云',
        TemplateId: '1110',
        TemplateParamSet: ['王芳', '1234', '5'],
        SessionContext: 'e1:msg:1',
      });
      return reply;
    });
    const config = tencentSmsConfig.parse({ secretId: 'AKID-test', secretKey: 'tc-secret', smsSdkAppId: '1400006666', signName: '腾讯云', endpoint: server.url });
    // Keys 1..10 are ordered as numbers, not as text ("10" before "2").
    const msg = message({ templateId: '1110', params: { '10': '5', '1': '王芳', '2': '1234' } });
    expect(await tencentSmsProvider.send(config, msg, providerCtx())).toEqual({ ok: true, providerMessageId: '5000:1045710669157053657849499619' });

    reply = { json: { Response: { SendStatusSet: [{ Code: 'FailedOperation.PhoneNumberInBlacklist', Message: 'phone number in blacklist', SerialNo: '' }], RequestId: 'b' } } };
    expect(await tencentSmsProvider.send(config, msg, providerCtx())).toMatchObject({ ok: false, retry: false, consentRevoked: true });
    reply = { json: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'too many requests' }, RequestId: 'c' } } };
    expect(await tencentSmsProvider.send(config, msg, providerCtx())).toMatchObject({ ok: false, retry: true, retryAfterMs: 1_000 });
    reply = { json: { Response: { SendStatusSet: [{ Code: 'LimitExceeded.PhoneNumberThirtySecondLimit', Message: '30s limit', SerialNo: '' }], RequestId: 'd' } } };
    expect(await tencentSmsProvider.send(config, msg, providerCtx())).toMatchObject({ ok: false, retry: true, retryAfterMs: 30_000 });
    expect(server.seen).toHaveLength(4);
  });

  it('reads status callbacks', () => {
    expect(
      tencentSmsProvider.parseReceipt!([
        { user_receive_time: '2026-11-02 08:00:01', nationcode: '86', mobile: '13800138000', report_status: 'SUCCESS', errmsg: 'DELIVRD', description: '用户短信送达成功', sid: 's1' },
        { mobile: '13800138001', report_status: 'FAIL', errmsg: 'MK:0005', description: '空号', sid: 's2' },
      ]),
    ).toEqual([
      { status: 'delivered', providerMessageId: 's1' },
      { status: 'failed', providerMessageId: 's2', reason: 'MK:0005 空号' },
    ]);
    expect(() => tencentSmsProvider.parseReceipt!({})).toThrow(/array/);
  });
});
