/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785 orders them), no insignificant
 * whitespace unless asked for, `undefined` members left out. The same value always gives the same
 * bytes, so a scenario and its results can be published with a hash and recomputed byte for byte.
 */
const serialize = (value: unknown, indent: string, depth: number): string | undefined => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
  }
  const object = value as { toJSON?: () => unknown };
  if (typeof object.toJSON === 'function') return serialize(object.toJSON(), indent, depth);
  const inner = indent ? `\n${indent.repeat(depth + 1)}` : '';
  const outer = indent ? `\n${indent.repeat(depth)}` : '';
  const colon = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => serialize(item, indent, depth + 1) ?? 'null');
    return `[${inner}${items.join(`,${inner}`)}${outer}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value as object).sort()) {
    const member = serialize((value as Record<string, unknown>)[key], indent, depth + 1);
    if (member !== undefined) members.push(`${JSON.stringify(key)}${colon}${member}`);
  }
  if (members.length === 0) return '{}';
  return `{${inner}${members.join(`,${inner}`)}${outer}}`;
};

/**
 * Serialises a JSON value canonically; `indent` (spaces) pretty-prints with the same key order.
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export const canonicalJson = (value: unknown, { indent = 0 }: { indent?: number } = {}): string =>
  serialize(value, ' '.repeat(indent), 0) ?? 'null';
