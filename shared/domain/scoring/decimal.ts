/**
 * Exact decimal arithmetic on scaled integers.
 *
 * Points are integer hundredths ("cents"), values integer ten-thousandths. Every score is a rational
 * `numerator / denominator` of such integers, rounded half-up to cents in one place (`mulDivHalfUp`).
 * JavaScript numbers are exact for integers below 2^53, so the common case runs on plain numbers and a
 * product that could leave that range falls back to BigInt: the result is the same exact rational
 * either way (a property test pins the two paths together), and the engine stays fast enough to score a
 * municipal year in a fraction of a second.
 */

/** Decimal places of a point value: points are stored as integer hundredths. */
export const POINT_PLACES = 2;
/** Decimal places of an indicator value (rate, count, number): stored as integer ten-thousandths. */
export const VALUE_PLACES = 4;
export const VALUE_SCALE = 10_000;
/** Largest accepted |scaled value| (10^11 in value units): differences of two stay exact numbers. */
export const MAX_SCALED_VALUE = 1e15;

/** Why a decimal was refused: not a plain decimal, too many decimals, or too large. */
export type DecimalError = 'format' | 'precision' | 'range';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const POWERS = [1, 10, 100, 1000, 10_000];

/**
 * Reads a decimal (JSON number or plain decimal string) into an integer scaled by 10^places, or says
 * why not (more significant decimals than `places`, …). A JSON number is read through its shortest
 * string form, so `88.52` is exactly 88.52 and never the binary double behind it. Allocation-free
 * for the engine's hot path; `parseScaled` gives the same as a result object.
 * @example scaledOf(88.52, 4) // 885200; scaledOf('1.005', 2) // 'precision'
 */
export const scaledOf = (input: number | string, places: number): number | DecimalError => {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return 'format';
    // Fast path, same answer as reading String(input): below 10^15 distinct decimals of `places`
    // places are distinct doubles, so the round trip holds exactly when the shortest form has at most
    // `places` decimals.
    const factor = POWERS[places] ?? 10 ** places;
    const scaled = Math.round(input * factor);
    if (Math.abs(scaled) <= MAX_SCALED_VALUE && scaled / factor === input) return scaled || 0;
  }
  const text = typeof input === 'number' ? String(input) : input;
  const match = DECIMAL.exec(text);
  if (!match) {
    // String(1e-7) is '1e-7': a number that small has more decimals than any scale here allows.
    if (typeof input === 'number') return text.includes('e-') ? 'precision' : 'range';
    return 'format';
  }
  const fraction = match[3] ?? '';
  if (fraction.length > places && !/^0*$/.test(fraction.slice(places))) return 'precision';
  const magnitude = Number((match[2] ?? '') + fraction.slice(0, places).padEnd(places, '0'));
  if (!Number.isSafeInteger(magnitude)) return 'range';
  return match[1] && magnitude !== 0 ? -magnitude : magnitude;
};

export type ScaledResult = { ok: true; scaled: number } | { ok: false; reason: DecimalError };

/**
 * Parses a decimal into an integer scaled by 10^places, refusing more decimals than `places`.
 * @example parseScaled(88.52, 4) // { ok: true, scaled: 885200 }
 */
export const parseScaled = (input: number | string, places: number): ScaledResult => {
  const scaled = scaledOf(input, places);
  return typeof scaled === 'number' ? { ok: true, scaled } : { ok: false, reason: scaled };
};

/** Round half-up of `n / d` for BigInts with n ≥ 0 and d > 0. */
export const divHalfUpBig = (n: bigint, d: bigint): bigint => {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
};

/** Reference implementation of `mulDivHalfUp` on BigInts only. */
export const mulDivHalfUpBig = (a: bigint, b: bigint, c: bigint): bigint => divHalfUpBig(a * b, c);

/**
 * Round half-up of `a × b / c` for integers a, b ≥ 0 and c > 0, exactly.
 * @example mulDivHalfUp(1500, 185_200, 200_000) // 1389: 15 × 18.52 / 20 = 13.89
 */
export const mulDivHalfUp = (a: number, b: number, c: number): number => {
  const product = a * b;
  if (Number.isSafeInteger(product + c + c)) {
    // The float quotient is within one of the true floor; the exact remainder corrects it.
    let q = Math.floor(product / c);
    let r = product - q * c;
    if (r < 0) {
      q -= 1;
      r += c;
    } else if (r >= c) {
      q += 1;
      r -= c;
    }
    return r * 2 >= c ? q + 1 : q;
  }
  return Number(mulDivHalfUpBig(BigInt(a), BigInt(b), BigInt(c)));
};

/** Round half-up of `(a × b − c × d) / e`, or 0 when that is not positive (integers ≥ 0, e > 0). */
export const mulSubDivHalfUp = (a: number, b: number, c: number, d: number, e: number): number => {
  const ab = a * b;
  const cd = c * d;
  if (Number.isSafeInteger(ab) && Number.isSafeInteger(cd)) {
    const n = ab - cd;
    return n <= 0 ? 0 : mulDivHalfUp(n, 1, e);
  }
  const n = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
  return n <= 0n ? 0 : Number(divHalfUpBig(n, BigInt(e)));
};

/** Smallest integer ≥ n / d for integers n ≥ 0, d > 0. */
export const ceilDiv = (n: number, d: number): number => {
  let q = Math.floor(n / d);
  if (q * d > n) q -= 1;
  else if ((q + 1) * d <= n) q += 1;
  return q * d < n ? q + 1 : q;
};

/** Formats a scaled integer as a decimal with trailing zeros dropped: (885200, 4) → '88.52'. */
export const formatScaled = (scaled: number, places: number): string => {
  const factor = POWERS[places] ?? 10 ** places;
  const abs = Math.abs(scaled);
  let fraction = abs % factor;
  const whole = (abs - fraction) / factor;
  const sign = scaled < 0 ? '-' : '';
  if (fraction === 0) return `${sign}${whole}`;
  let digits = places;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  const text = String(fraction);
  return `${sign}${whole}.${text.length < digits ? '0'.repeat(digits - text.length) + text : text}`;
};

/**
 * Formats integer hundredths as points with exactly two decimals.
 * @example formatPoints(1389) // '13.89'
 */
export const formatPoints = (cents: number): string => {
  const abs = Math.abs(cents);
  const fraction = abs % 100;
  return `${cents < 0 ? '-' : ''}${(abs - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
};
