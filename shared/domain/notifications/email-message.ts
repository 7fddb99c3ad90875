/** The e-mail of a notice: plain Chinese text with the link into the site. */
export interface EmailMessage {
  subject: string;
  text: string;
}

export const emailMessage = (m: { title: string; body: string; link: string }): EmailMessage => ({
  subject: `【考评】${m.title}`,
  text: [
    m.body,
    '',
    m.link ? `请登录考评系统查看：${m.link}` : '请登录考评系统查看。',
    '',
    '本邮件由考评系统自动发送，请勿直接回复。如不需要邮件提醒，可在“我的设置”中退订。',
  ].join('\n'),
});

/** Several notices of one day in one message (the committee's digest). */
export const digestMessage = (
  items: readonly { title: string; body: string; link: string }[],
  date: string,
) => ({
  title: `${date} 待办汇总（${items.length} 条）`,
  body: items.map((m, i) => `${i + 1}. ${m.title}：${m.body}${m.link ? ` ${m.link}` : ''}`).join('\n'),
  link: '',
});
