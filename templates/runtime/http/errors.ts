/**
 * HTTP errors for logic code: throw `new HttpError(404, 'no such user')` (or `notFound('…')`) and the
 * caller gets that status with the uniform error body `{ "code": 404, "msg": "no such user" }`; any
 * other exception answers 500 without leaking its message.
 */
export class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const unauthorized = (message = 'unauthorized'): HttpError => new HttpError(401, message);
export const forbidden = (message = 'forbidden'): HttpError => new HttpError(403, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);
export const conflict = (message: string): HttpError => new HttpError(409, message);

/** The body of every error response. */
export interface ErrorBody {
  readonly code: number;
  readonly msg: string;
}
