/**
 * Which messages leave the site for a batch of in-app notifications: per event, the channels of
 * the settings; per channel, the recipients (a unit's work group or a bureau group for the robots,
 * each user for e-mail); when (quiet hours, the committee's digest); and the de-duplication key of
 * each (event, recipient, channel), which the outbox holds by a conditional write.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../auth/roles';
import {
  type BureauGroup,
  type Channel,
  isOutsideEvent,
  type NotifySettings,
  type OutsideEvent,
} from './channels';
import { DIGEST_AT_MIN, nextBeijingTime, robotSendAt } from './quiet-hours';

export interface NoteEvent {
  userId: string;
  unitId: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
}

export interface Recipient {
  roles: readonly Role[];
  unitId: string | null;
  email?: string;
  emailOptOut?: boolean;
  mobile?: string;
}

/** A robot's target: a unit's work group (`unit:<id>`) or a bureau group (`group:office`). */
export type RobotTarget = `unit:${string}` | `group:${BureauGroup}`;

export interface Directory {
  users: ReadonlyMap<string, Recipient>;
  /** The platform of each configured robot. */
  robots: ReadonlyMap<RobotTarget, 'wecom' | 'dingtalk'>;
}

export interface PlannedMessage {
  /** sha-256 of event, recipient and channel: one message per triple, ever. */
  dedupKey: string;
  event: OutsideEvent;
  /** The event's identity: kind, Beijing day and content (the same notice on the same day is one event). */
  eventRef: string;
  channel: Channel;
  /** `user:<id>` (e-mail) or a robot target. */
  recipient: string;
  /** The e-mail address, for e-mail. */
  address?: string;
  title: string;
  body: string;
  link: string;
  mentionMobiles: string[];
  urgent: boolean;
  /** Held for the committee's daily digest. */
  digest: boolean;
  dueAt: string;
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

export const eventRefOf = (note: NoteEvent) =>
  `${note.kind}#${beijingDay(note.createdAt)}#${sha(`${note.title}\n${note.body}\n${note.link ?? ''}`).slice(0, 16)}`;

export const dedupKeyOf = (eventRef: string, recipient: string, channel: Channel) =>
  sha(`${eventRef}|${recipient}|${channel}`).slice(0, 40);

/** The bureau group told of a notice addressed to a person outside any unit, by their role. */
const groupOf = (roles: readonly Role[]): BureauGroup | undefined => {
  if (roles.includes('admin')) return 'office';
  if (roles.includes('rater')) return 'raters';
  if (roles.includes('inspector')) return 'inspectors';
  return undefined;
};

const isCommittee = (recipient: string, user: Recipient | undefined) =>
  recipient === 'group:office' ||
  recipient === 'group:raters' ||
  (user !== undefined &&
    user.unitId === null &&
    (user.roles.includes('admin') || user.roles.includes('rater')));

/** The outside messages of a batch of notifications, once per (event, recipient, channel). */
export const planMessages = (
  notes: readonly NoteEvent[],
  settings: NotifySettings,
  directory: Directory,
  at: Date,
): PlannedMessage[] => {
  const planned = new Map<string, PlannedMessage>();
  const absolute = (link: string | null) => (link ? `${settings.siteUrl.replace(/\/$/, '')}${link}` : '');
  for (const note of notes) {
    if (!isOutsideEvent(note.kind)) continue;
    const setting = settings.events[note.kind];
    if (!setting || setting.channels.length === 0) continue;
    const user = directory.users.get(note.userId);
    const eventRef = eventRefOf(note);
    const add = (channel: Channel, recipient: string, extra: Partial<PlannedMessage>) => {
      const dedupKey = dedupKeyOf(eventRef, recipient, channel);
      const existing = planned.get(dedupKey);
      if (existing) {
        // Several users of one unit: one robot message mentioning each of them.
        for (const m of extra.mentionMobiles ?? []) {
          if (!existing.mentionMobiles.includes(m)) existing.mentionMobiles.push(m);
        }
        return;
      }
      const digest = settings.committeeDigest && !setting.urgent && isCommittee(recipient, user);
      const robot = channel !== 'email';
      const dueAt = digest
        ? nextBeijingTime(at, DIGEST_AT_MIN)
        : robot
          ? robotSendAt(at, setting.urgent)
          : at;
      planned.set(dedupKey, {
        dedupKey,
        event: note.kind as OutsideEvent,
        eventRef,
        channel,
        recipient,
        title: note.title,
        body: note.body,
        link: absolute(note.link),
        mentionMobiles: [],
        urgent: setting.urgent,
        digest,
        dueAt: dueAt.toISOString(),
        ...extra,
      });
    };
    if (setting.channels.includes('email') && user?.email && !user.emailOptOut) {
      add('email', `user:${note.userId}`, { address: user.email });
    }
    const group = note.unitId === null && user ? groupOf(user.roles) : undefined;
    const target: RobotTarget | undefined = note.unitId
      ? `unit:${note.unitId}`
      : group
        ? `group:${group}`
        : undefined;
    const platform = target ? directory.robots.get(target) : undefined;
    if (target && platform && setting.channels.includes(platform)) {
      add(platform, target, { mentionMobiles: note.unitId && user?.mobile ? [user.mobile] : [] });
    }
  }
  return [...planned.values()];
};
