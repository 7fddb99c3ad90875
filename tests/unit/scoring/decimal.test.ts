import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { computeResults, formatPoints, mulDivHalfUp, parseScaled } from '../../../shared/domain/scoring';
import { ceilDiv, formatScaled, mulDivHalfUpBig, scaledOf } from '../../../shared/domain/scoring/decimal';
import { sha256Hex } from '../../../shared/sha256';
import { fact, leaf, scenario } from './fixtures/builders';

describe('exact decimals', () => {
  it.each([
    [88.52, 4, 885_200],
    ['88.52', 4, 885_200],
    [33.3, 4, 333_000],
    ['1.50', 2, 150],
    ['1.500', 2, 150],
    [-2, 2, -200],
    [0.1, 2, 10],
  ])('reads %j with %i places as %i', (input, places, scaled) => {
    // Act / Assess
    expect(parseScaled(input, places)).toEqual({ ok: true, scaled });
  });

  it.each([
    [1.005, 2, 'precision'],
    ['0.12345', 4, 'precision'],
    [1e-7, 4, 'precision'],
    ['12,5', 2, 'format'],
    [Number.NaN, 2, 'format'],
    [1e21, 2, 'range'],
  ])('refuses %j with %i places: %s', (input, places, reason) => {
    // Act / Assess
    expect(parseScaled(input, places)).toEqual({ ok: false, reason });
  });

  it('reads a JSON number exactly as its decimal string reads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e12, max: 1e12, noNaN: true }),
          fc
            .tuple(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 6 }))
            .map(([n, k]) => n / 10 ** k),
        ),
        fc.integer({ min: 0, max: 4 }),
        (x, places) => {
          // Act / Assess: the fast path agrees with reading String(x)
          const fromNumber = scaledOf(x, places);
          const fromString = scaledOf(String(x).includes('e') ? x : String(x), places);
          expect(fromNumber).toEqual(fromString);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rounds a × b / c half-up exactly, the same as BigInt arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.maxSafeNat()),
        fc.integer({ min: 1, max: 2_000_000 }),
        (a, b, c) => {
          // Act / Assess
          expect(mulDivHalfUp(a, b, c)).toBe(Number(mulDivHalfUpBig(BigInt(a), BigInt(b), BigInt(c))));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rounds exactly half a cent up', () => {
    // Act / Assess
    expect(mulDivHalfUp(1500, 600, 20_000)).toBe(45);
    expect(mulDivHalfUp(1, 5, 10)).toBe(1);
    expect(mulDivHalfUp(1, 4, 10)).toBe(0);
    expect(mulDivHalfUp(5, 1, 2)).toBe(3);
  });

  it('divides rounding up for ceil-mode steps', () => {
    // Act / Assess
    expect([ceilDiv(1, 10_000), ceilDiv(10_000, 10_000), ceilDiv(10_100, 10_000), ceilDiv(0, 5)]).toEqual([
      1, 1, 2, 0,
    ]);
  });

  it.each([
    [1389, '13.89'],
    [5, '0.05'],
    [0, '0.00'],
    [-250, '-2.50'],
    [10_000, '100.00'],
  ])('formats %i hundredths as %s', (cents, text) => {
    // Act / Assess
    expect(formatPoints(cents)).toBe(text);
  });

  it('formats operands without trailing zeros', () => {
    // Act / Assess
    expect([
      formatScaled(885_200, 4),
      formatScaled(1500, 2),
      formatScaled(-15, 4),
      formatScaled(10_050, 4),
    ]).toEqual(['88.52', '15', '-0.0015', '1.005']);
  });
});

describe('summing leaf scores', () => {
  it('never drifts: 1,000 leaves of 0.1 points each sum to exactly 100.00', () => {
    // Prepare
    const leaves = Array.from({ length: 1000 }, (_, i) => leaf({ code: `L${i}`, W: 0.1, target: 90 }));
    const facts = leaves.map((l) => fact({ code: l.code, verifiedValue: 95 }));
    let floats = 0;
    for (let i = 0; i < 1000; i++) floats += 0.1;

    // Act
    const unit = computeResults(scenario(leaves, { facts })).categories[0]?.units[0];

    // Assess: the float sum drifts, the engine's does not
    expect(floats).not.toBe(100);
    expect(unit?.baseCents).toBe(10_000);
    expect(formatPoints(unit?.baseCents ?? 0)).toBe('100.00');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves out undefined members', () => {
    // Act
    const text = canonicalJson({
      b: 1,
      a: { d: [true, null, undefined], c: 'x' },
      e: undefined,
      10: 0,
      2: 0,
    });

    // Assess
    expect(text).toBe('{"10":0,"2":0,"a":{"c":"x","d":[true,null,null]},"b":1}');
  });

  it('pretty-prints with the same order', () => {
    // Act / Assess
    expect(canonicalJson({ b: [1], a: {} }, { indent: 2 })).toBe('{\n  "a": {},\n  "b": [\n    1\n  ]\n}');
  });

  it('refuses values JSON cannot carry', () => {
    // Act / Assess
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });

  it('hashes UTF-8 text with SHA-256', () => {
    // Act / Assess
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('考评')).toBe(sha256Hex('考评'));
  });
});
