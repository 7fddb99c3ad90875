/** The browser tests' job gate (scripts/lib/job-gate.ts): held, a job stops above 0 until released. */
import { describe, expect, it } from 'vitest';
import { jobGate } from '../../../scripts/lib/job-gate';

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((next) => setImmediate(next));
  return done;
};

describe('jobGate', () => {
  it('never holds while open', () => {
    const gate = jobGate();
    expect(gate.hook.holds(50)).toBe(false);
  });

  it('holds a job at its first progress above 0, tells the test, and lets it go on release', async () => {
    const gate = jobGate();
    gate.hold();
    expect(gate.hook.holds(0)).toBe(false);
    expect(gate.hook.holds(5)).toBe(true);
    expect(await settled(gate.waiting())).toBe(false);
    const held = gate.hook.wait();
    expect(await settled(gate.waiting())).toBe(true);
    expect(await settled(held)).toBe(false);
    gate.release();
    expect(await settled(held)).toBe(true);
    expect(gate.hook.holds(50)).toBe(false);
  });

  it('lets a job that reached the gate after its release go on', async () => {
    const gate = jobGate();
    gate.hold();
    expect(gate.hook.holds(5)).toBe(true);
    gate.release();
    expect(await settled(gate.hook.wait())).toBe(true);
  });
});
