/**
 * The HTTP requests of the two group robots, built from a message (pure: the secrets come in, a URL
 * and a JSON body go out; the caller posts them and never logs the URL).
 *
 * 企业微信 group robot: POST `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`, `text`
 * (content ≤ 2048 bytes UTF-8, `mentioned_mobile_list`) or `markdown` (content ≤ 4096 bytes, no
 * @mention by mobile, so a mentioning message is sent as text); 20 messages a minute per robot.
 *
 * 钉钉 custom robot: POST `https://oapi.dingtalk.com/robot/send?access_token=…`; with the 加签
 * security setting, `&timestamp=<ms>&sign=<urlencode(base64(HmacSHA256(key=secret,
 * "<timestamp>\n<secret>")))>`, the timestamp within an hour of DingTalk's clock; `text` with
 * `at.atMobiles` (the mobiles also written as `@138…` in the content, as DingTalk shows them) or
 * `markdown` (`title`, `text`); 20 messages a minute per robot, over that it is throttled for 10
 * minutes. DingTalk documents no byte limit for content; we keep it under 4000 bytes.
 */
import { createHmac } from 'node:crypto';

export interface RobotMessage {
  title: string;
  body: string;
  /** Absolute link into the site, or empty. */
  link: string;
  /** Mobiles to @mention. */
  mentionMobiles: readonly string[];
}

export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

export const WECOM_TEXT_LIMIT_BYTES = 2048;
export const WECOM_MARKDOWN_LIMIT_BYTES = 4096;
export const DINGTALK_LIMIT_BYTES = 4000;
/** Both platforms: 20 messages a minute per robot. */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

/** Cuts a text to at most `limit` UTF-8 bytes, ending with … when cut (never inside a character). */
export const fitBytes = (text: string, limit: number): string => {
  if (Buffer.byteLength(text, 'utf8') <= limit) return text;
  const ellipsis = '…';
  let out = '';
  let bytes = Buffer.byteLength(ellipsis, 'utf8');
  for (const ch of text) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > limit) break;
    out += ch;
    bytes += b;
  }
  return out + ellipsis;
};

/** The plain text of a robot message, with the link on its own line (the tail kept when cut). */
const plainText = (m: RobotMessage, limit: number, prefix = '') => {
  const tail = m.link ? `\n查看：${m.link}` : '';
  const head = `${prefix}【${m.title}】\n`;
  const room = limit - Buffer.byteLength(head + tail, 'utf8');
  return head + fitBytes(m.body, Math.max(room, 0)) + tail;
};

/** 企业微信: markdown when nobody is mentioned (the link clickable), text with mentioned mobiles otherwise. */
export const wecomRequest = (webhookUrl: string, m: RobotMessage): RobotRequest => {
  if (m.mentionMobiles.length > 0) {
    return {
      url: webhookUrl,
      body: {
        msgtype: 'text',
        text: {
          content: plainText(m, WECOM_TEXT_LIMIT_BYTES),
          mentioned_mobile_list: [...m.mentionMobiles],
        },
      },
    };
  }
  const tail = m.link ? `\n[查看详情](${m.link})` : '';
  const head = `**${m.title}**\n`;
  const room = WECOM_MARKDOWN_LIMIT_BYTES - Buffer.byteLength(head + tail, 'utf8');
  return {
    url: webhookUrl,
    body: { msgtype: 'markdown', markdown: { content: head + fitBytes(m.body, room) + tail } },
  };
};

/** DingTalk's 加签: `sign` for a timestamp in milliseconds (base64 of the HMAC-SHA256, URL-encoded by the caller). */
export const dingtalkSign = (timestampMs: number, secret: string): string =>
  createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');

/** 钉钉: text with @mobiles, signed when the robot has a 加签 secret. */
export const dingtalkRequest = (
  webhookUrl: string,
  m: RobotMessage,
  sign?: { secret: string; timestampMs: number },
): RobotRequest => {
  const url = new URL(webhookUrl);
  if (sign) {
    url.searchParams.set('timestamp', String(sign.timestampMs));
    url.searchParams.set('sign', dingtalkSign(sign.timestampMs, sign.secret));
  }
  const mentions = m.mentionMobiles.length > 0 ? `\n${m.mentionMobiles.map((p) => `@${p}`).join(' ')}` : '';
  const limit = DINGTALK_LIMIT_BYTES - Buffer.byteLength(mentions, 'utf8');
  return {
    url: url.toString(),
    body: {
      msgtype: 'text',
      text: { content: plainText(m, limit) + mentions },
      at: { atMobiles: [...m.mentionMobiles], isAtAll: false },
    },
  };
};

/** A platform's answer: both answer HTTP 200 with `{ errcode: 0, errmsg: 'ok' }` on success. */
export const robotAccepted = (status: number, answer: unknown): boolean =>
  status === 200 &&
  typeof answer === 'object' &&
  answer !== null &&
  (answer as { errcode?: unknown }).errcode === 0;
