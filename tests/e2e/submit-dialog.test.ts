/**
 * The head's submit dialog says what will really happen (issue 12): with indicators still blank it
 * lists each of them (and items without evidence) instead of "将提交 7 项指标", and the server's
 * refusal names each blank indicator once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worksheet } from '../../shared/schemas/submission';
import { apiAs, checkA11y, type E2e, signInAs, startE2e } from './harness';

const UNIT = 'hesha-thc';
const SHEET = '/submissions?year=2026&period=Q4';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e({ now: () => new Date('2026-12-28T10:00:00+08:00') });
});
afterAll(async () => {
  await e2e?.stop();
});

describe('the submit dialog with blank indicators', () => {
  it('lists every blank and every item without evidence, and the refusal names each blank once', async () => {
    // Prepare: one indicator saved with a value and no file; the others blank.
    const reporter = await apiAs(e2e, `${UNIT}-reporter`);
    const sheet = await reporter<Worksheet>(`/api/years/2026/units/${UNIT}/periods/Q4/worksheet`);
    const saved = sheet.rows.find((r) => r.indicator.needsValue && r.indicator.measure === 'rate')!;
    await reporter(`/api/years/2026/units/${UNIT}/periods/Q4/items/${saved.indicator.code}`, {
      method: 'PUT',
      body: { value: 93.5, narrative: '已完成', version: 0 },
    });
    const blanks = sheet.rows.filter((r) => r !== saved);
    const head = await e2e.newPage();
    await signInAs(head, `${UNIT}-head`, SHEET);
    await head.goto(SHEET);

    // Act
    await head.getByRole('button', { name: '提交本期材料' }).click();

    // Assess
    const dialog = head.getByRole('dialog');
    await dialog.getByText(`还有 ${blanks.length} 项指标未填写`).waitFor();
    expect(await dialog.getByRole('listitem').count()).toBe(blanks.length);
    expect(await dialog.textContent()).not.toContain('将提交');
    expect(await dialog.textContent()).toContain(
      `没有上传证明材料：${saved.indicator.code} ${saved.indicator.name}`,
    );
    await checkA11y(head);

    await dialog.getByRole('button', { name: '确认提交' }).click();
    const banner = head.getByRole('alert').filter({ hasText: '提交未成功' });
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    for (const row of blanks)
      expect(text.split(`${row.indicator.code} ${row.indicator.name}`)).toHaveLength(2);
    await head.context().close();
  }, 120_000);
});
