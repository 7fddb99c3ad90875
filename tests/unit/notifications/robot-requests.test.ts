import { describe, expect, it } from 'vitest';
import {
  DINGTALK_LIMIT_BYTES,
  dingtalkRequest,
  dingtalkSign,
  fitBytes,
  WECOM_MARKDOWN_LIMIT_BYTES,
  WECOM_TEXT_LIMIT_BYTES,
  wecomRequest,
} from '../../../shared/domain/notifications/robot-requests';

const message = {
  title: '报送提醒',
  body: '还有 2 项未报送。',
  link: 'https://kp.example.cn/submissions',
  mentionMobiles: [],
};
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('robot requests', () => {
  it("signs DingTalk's timestamp and secret as its 加签 documentation computes it", () => {
    // Expected value computed with the documentation's Python sample (hmac/sha256/base64).
    expect(dingtalkSign(1700000000000, 'SECtestsecret123')).toBe(
      'Y4At+TruAh3C4rXZwD748s2rqrapbJWKRagqLANB690=',
    );
    const request = dingtalkRequest('https://oapi.dingtalk.com/robot/send?access_token=abc', message, {
      secret: 'SECtestsecret123',
      timestampMs: 1700000000000,
    });
    expect(request.url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=Y4At%2BTruAh3C4rXZwD748s2rqrapbJWKRagqLANB690%3D',
    );
  });

  it('@mentions by mobile on both platforms', () => {
    const m = { ...message, mentionMobiles: ['13800000001'] };
    expect(wecomRequest('https://wecom/x', m).body).toMatchObject({
      msgtype: 'text',
      text: { mentioned_mobile_list: ['13800000001'] },
    });
    const ding = dingtalkRequest('https://ding/x?access_token=t', m).body as {
      text: { content: string };
      at: unknown;
    };
    expect(ding.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
    expect(ding.text.content).toContain('@13800000001');
  });

  it('keeps each platform within its documented length, the link intact', () => {
    const long = { ...message, body: '未'.repeat(5000) };
    const md = wecomRequest('https://wecom/x', long).body as { markdown: { content: string } };
    expect(bytes(md.markdown.content)).toBeLessThanOrEqual(WECOM_MARKDOWN_LIMIT_BYTES);
    expect(md.markdown.content).toContain('[查看详情](https://kp.example.cn/submissions)');
    const text = wecomRequest('https://wecom/x', { ...long, mentionMobiles: ['13800000001'] }).body as {
      text: { content: string };
    };
    expect(bytes(text.text.content)).toBeLessThanOrEqual(WECOM_TEXT_LIMIT_BYTES);
    expect(text.text.content).toContain('https://kp.example.cn/submissions');
    const ding = dingtalkRequest('https://ding/x', long).body as { text: { content: string } };
    expect(bytes(ding.text.content)).toBeLessThanOrEqual(DINGTALK_LIMIT_BYTES);
    expect(fitBytes('考评', 4)).toBe('…');
  });
});
