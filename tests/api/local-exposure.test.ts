/**
 * The local stack listens on loopback only: DynamoDB Local (which has no credentials of its own) and
 * the local object store (which checks no signatures) must not be reachable from the network.
 * Read from the kernel's socket table, so the test needs no second machine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../scripts/lib/s3-local';

/** The local addresses of the sockets listening on `port` (IPv4 and IPv6), as printed by the kernel. */
const listeningAddresses = (port: number): string[] => {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`))
      .map((cols) => cols[1]!.split(':')[0]!),
  );
};

/** 127.0.0.1 as /proc/net/tcp writes it, alone or IPv4-mapped in IPv6. */
const LOOPBACK = /^(0100007F|0000000000000000FFFF00000100007F|00000000000000000000000001000000)$/;

describe('local stack exposure', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(() => s3.stop());

  it('runs DynamoDB Local on 127.0.0.1 only, not on every interface', () => {
    const port = Number(new URL(inject('ddbEndpoint')).port);
    const addresses = listeningAddresses(port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(address).toMatch(LOOPBACK);
  });

  it('runs the local object store on 127.0.0.1 only', () => {
    const addresses = listeningAddresses(Number(new URL(s3.endpoint).port));
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(address).toMatch(LOOPBACK);
  });
});
