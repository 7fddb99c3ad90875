/**
 * The vocabulary of outside delivery: channels, the bureau's own groups, the events that may leave
 * the site, and their settings (events × channels, urgency, the committee's daily digest).
 */

/** 企业微信 group robot, 钉钉 custom robot, e-mail. */
export const CHANNELS = ['wecom', 'dingtalk', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  wecom: '企业微信',
  dingtalk: '钉钉',
  email: '电子邮件',
};

/** The bureau's own work groups: 考核办, 考核组, 检查组. */
export const BUREAU_GROUPS = ['office', 'raters', 'inspectors'] as const;
export type BureauGroup = (typeof BUREAU_GROUPS)[number];
export const BUREAU_GROUP_LABELS: Record<BureauGroup, string> = {
  office: '考核办',
  raters: '考核组',
  inspectors: '检查组',
};

/**
 * The in-app notification kinds that may also leave the site (issue 17's events); other kinds stay
 * in the app. `reminder` covers the 3-day and 1-day reminders, `rectification` the overdue orders.
 */
export const OUTSIDE_EVENTS = [
  'reminder',
  'returned',
  'rectification_ordered',
  'rectification_returned',
  'rectification',
  'inspection_approved',
  'proposal_decided',
  'publicity_opened',
  'results_published',
  'sheet_reopened',
] as const;
export type OutsideEvent = (typeof OUTSIDE_EVENTS)[number];
export const EVENT_LABELS: Record<OutsideEvent, string> = {
  reminder: '季度报送即将截止',
  returned: '材料被退回',
  rectification_ordered: '下达整改',
  rectification_returned: '整改被退回',
  rectification: '整改逾期',
  inspection_approved: '检查结果',
  proposal_decided: '加扣分与否决审批结果',
  publicity_opened: '结果公示（申诉截止）',
  results_published: '结果发布',
  sheet_reopened: '评分表重新开放',
};
export const isOutsideEvent = (kind: string): kind is OutsideEvent =>
  (OUTSIDE_EVENTS as readonly string[]).includes(kind);

export interface EventSetting {
  channels: Channel[];
  /** Urgent messages ignore quiet hours. */
  urgent: boolean;
}

export interface NotifySettings {
  events: Partial<Record<OutsideEvent, EventSetting>>;
  /** The committee (考核办, 考核组) gets one message a day instead of one per item. */
  committeeDigest: boolean;
  /** The site's address, so a message's link opens the page (`https://kaoping.example.gov.cn`). */
  siteUrl: string;
}

/** Nothing leaves the site until the admin maps events to channels. */
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = { events: {}, committeeDigest: false, siteUrl: '' };
