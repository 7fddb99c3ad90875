/**
 * The SHA-256 of an agreement's canonical content: what a signature is bound to. Kept apart from
 * the other agreement modules because it needs node:crypto, which the web bundle must not import.
 */
import type { AgreementContent } from '../../schemas/agreement';
import { sha256Hex } from '../../sha256';
import { canonicalJson } from '../canonical-json';

/** The signed fields only, in a fixed shape: extra stored attributes never change the hash. */
export const agreementContent = (a: AgreementContent): AgreementContent => ({
  year: a.year,
  unitId: a.unitId,
  unitName: a.unitName,
  categoryId: a.categoryId,
  categoryName: a.categoryName,
  title: a.title,
  partyA: a.partyA,
  revision: a.revision,
  dimensions: a.dimensions,
});

/** Lower-case hex SHA-256 of the canonical JSON of the content. */
export const contentHash = (a: AgreementContent): string => sha256Hex(canonicalJson(agreementContent(a)));
