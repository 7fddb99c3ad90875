/**
 * Request body limits. Every route reads at most `MAX_JSON_BODY_BYTES`; a workbook import declares
 * its own larger limit (`'x-body-limit'` on the route, also shown in the OpenAPI document). A body
 * over the limit is refused with a 413 before it is read in full, with or without a Content-Length.
 */
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors';

/** JSON bodies: 1 MB, far above any form of the product (a full template is ~60 KB). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Workbook imports (xlsx/csv up to 2 MB, sent raw or as base64 in JSON): 3 MB. */
export const MAX_IMPORT_BODY_BYTES = 3 * 1024 * 1024;
/** The largest template workbook an import job takes (a county's templates are a few dozen kilobytes). */
export const MAX_WORKBOOK_BYTES = 2 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The middleware of one route: refuses a body over `maxBytes` with a 413 in the JSON error shape. */
export const limitBody = (maxBytes = MAX_JSON_BODY_BYTES) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `请求内容超过 ${megabytes(maxBytes)} 的上限`, [], {
        limit: maxBytes,
      });
    },
  });
