import { describe, expect, it } from 'vitest';
import type { NotifySettings } from '../../../shared/domain/notifications/channels';
import { type Directory, type NoteEvent, planMessages } from '../../../shared/domain/notifications/plan';
import { isQuietHour, robotSendAt } from '../../../shared/domain/notifications/quiet-hours';

// 10:00 Beijing time
const DAY = new Date('2026-12-25T02:00:00Z');
const settings: NotifySettings = {
  events: {
    reminder: { channels: ['wecom', 'dingtalk', 'email'], urgent: false },
    results_published: { channels: ['email'], urgent: false },
    rectification: { channels: ['wecom', 'email'], urgent: true },
  },
  committeeDigest: false,
  siteUrl: 'https://kp.example.cn/',
};
const directory: Directory = {
  users: new Map([
    ['rep-1', { roles: ['reporter'], unitId: 'u1', email: 'rep1@example.cn', mobile: '13800000001' }],
    [
      'head-1',
      {
        roles: ['unit_head'],
        unitId: 'u1',
        email: 'head1@example.cn',
        emailOptOut: true,
        mobile: '13800000002',
      },
    ],
    ['rep-2', { roles: ['reporter'], unitId: 'u2' }],
    ['admin-1', { roles: ['admin'], unitId: null, email: 'admin@example.cn' }],
  ]),
  robots: new Map([
    ['unit:u1', 'wecom'],
    ['unit:u2', 'dingtalk'],
    ['group:office', 'wecom'],
  ]),
};
const note = (userId: string, unitId: string | null, over: Partial<NoteEvent> = {}): NoteEvent => ({
  userId,
  unitId,
  kind: 'reminder',
  title: '第四季度报送 3 天后截止',
  body: '还有 2 项未报送。',
  link: '/submissions?year=2026&period=Q4',
  createdAt: '2026-12-25T01:00:00.000Z',
  ...over,
});

describe('planMessages', () => {
  it('sends a unit one robot message mentioning each of its people, and e-mails those who have not opted out', () => {
    // Act
    const planned = planMessages(
      [note('rep-1', 'u1'), note('head-1', 'u1'), note('rep-2', 'u2')],
      settings,
      directory,
      DAY,
    );

    // Assess
    const summary = planned.map((m) => `${m.channel} ${m.recipient} ${m.mentionMobiles.join(',')}`).sort();
    expect(summary).toEqual([
      'dingtalk unit:u2 ',
      'email user:rep-1 ',
      'wecom unit:u1 13800000001,13800000002',
    ]);
    expect(planned.find((m) => m.channel === 'email')).toMatchObject({
      address: 'rep1@example.cn',
      link: 'https://kp.example.cn/submissions?year=2026&period=Q4',
      dueAt: DAY.toISOString(),
    });
  });

  it('plans the same keys when the same notices are planned twice (a second run or a retry)', () => {
    const once = planMessages([note('rep-1', 'u1')], settings, directory, DAY).map((m) => m.dedupKey);
    const again = planMessages([note('rep-1', 'u1')], settings, directory, new Date(DAY.getTime() + 60_000));
    expect(again.map((m) => m.dedupKey)).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
  });

  it('sends nothing outside for an event without channels or an in-app-only kind', () => {
    expect(planMessages([note('rep-1', 'u1', { kind: 'returned' })], settings, directory, DAY)).toEqual([]);
    expect(planMessages([note('rep-1', 'u1', { kind: 'extension' })], settings, directory, DAY)).toEqual([]);
  });

  it('holds a robot message planned at 23:00 Beijing time until 07:30, but not an e-mail or an urgent event', () => {
    const night = new Date('2026-12-25T15:00:00Z');
    const planned = planMessages([note('rep-1', 'u1')], settings, directory, night);
    expect(planned.find((m) => m.channel === 'wecom')?.dueAt).toBe('2026-12-25T23:30:00.000Z');
    expect(planned.find((m) => m.channel === 'email')?.dueAt).toBe(night.toISOString());
    const urgent = planMessages([note('rep-1', 'u1', { kind: 'rectification' })], settings, directory, night);
    expect(urgent.find((m) => m.channel === 'wecom')?.dueAt).toBe(night.toISOString());
  });

  it('tells 考核办 through its group robot once for all admins, and holds it for the digest when asked', () => {
    const adminNote = note('admin-1', null, { kind: 'results_published' });
    const settingsWithGroup: NotifySettings = {
      ...settings,
      events: { ...settings.events, results_published: { channels: ['wecom', 'email'], urgent: false } },
    };
    const plain = planMessages([adminNote], settingsWithGroup, directory, DAY);
    expect(plain.map((m) => `${m.channel} ${m.recipient} ${m.digest}`).sort()).toEqual([
      'email user:admin-1 false',
      'wecom group:office false',
    ]);
    const digested = planMessages(
      [adminNote],
      { ...settingsWithGroup, committeeDigest: true },
      directory,
      DAY,
    );
    expect(digested.every((m) => m.digest && m.dueAt === '2026-12-26T00:30:00.000Z')).toBe(true);
  });
});

describe('quiet hours', () => {
  it('are 22:00 to 07:30 Beijing time', () => {
    expect(isQuietHour(new Date('2026-12-25T13:59:00Z'))).toBe(false); // 21:59
    expect(isQuietHour(new Date('2026-12-25T14:00:00Z'))).toBe(true); // 22:00
    expect(isQuietHour(new Date('2026-12-25T23:29:00Z'))).toBe(true); // 07:29
    expect(isQuietHour(new Date('2026-12-25T23:30:00Z'))).toBe(false); // 07:30
    expect(robotSendAt(new Date('2026-12-25T20:00:00Z'), false).toISOString()).toBe(
      '2026-12-25T23:30:00.000Z',
    );
  });
});
