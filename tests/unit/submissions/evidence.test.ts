import { describe, expect, it } from 'vitest';
import {
  checkDeclaredFile,
  checkUploadedFile,
  evidenceObjectKey,
  MAX_EVIDENCE_BYTES,
} from '../../../shared/domain/submissions/evidence';

const PDF = 'application/pdf';

describe('evidence file rules', () => {
  it('allows PDF, JPEG, PNG, DOCX and XLSX up to 50 MB', () => {
    expect(checkDeclaredFile({ size: MAX_EVIDENCE_BYTES, contentType: PDF })).toBeNull();
    expect(checkDeclaredFile({ size: MAX_EVIDENCE_BYTES + 1, contentType: PDF })).toEqual({
      kind: 'too_large',
      limit: 52_428_800,
    });
    expect(checkDeclaredFile({ size: 0, contentType: PDF })).toEqual({ kind: 'empty' });
    expect(checkDeclaredFile({ size: 10, contentType: 'image/gif' })).toEqual({
      kind: 'type',
      detected: null,
    });
  });

  it('trusts the bytes, not the declaration: type, size and SHA-256 must all match', () => {
    const declared = { size: 10, contentType: PDF, sha256: 'A'.repeat(64) };
    expect(checkUploadedFile(declared, { size: 10, sha256: 'a'.repeat(64), detectedMime: PDF })).toBeNull();
    expect(
      checkUploadedFile(declared, { size: 10, sha256: 'a'.repeat(64), detectedMime: 'image/png' }),
    ).toEqual({
      kind: 'type',
      detected: 'image/png',
    });
    expect(checkUploadedFile(declared, { size: 10, sha256: 'a'.repeat(64), detectedMime: null })?.kind).toBe(
      'type',
    );
    expect(checkUploadedFile(declared, { size: 11, sha256: 'a'.repeat(64), detectedMime: PDF })?.kind).toBe(
      'size_mismatch',
    );
    expect(checkUploadedFile(declared, { size: 10, sha256: 'b'.repeat(64), detectedMime: PDF })?.kind).toBe(
      'checksum',
    );
  });

  it('keys objects under the unit’s prefix with a generated name', () => {
    expect(
      evidenceObjectKey({ unitId: 'luoyang-thc', year: 2026, period: 'Q2', fileId: 'f-1', ext: 'pdf' }),
    ).toBe('units/luoyang-thc/2026/Q2/f-1.pdf');
  });
});
