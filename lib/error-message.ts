/**
 * The message of something thrown. A caught value is `unknown`: an Error, an error-like object (a library's own
 * exception, one rebuilt from a worker) or anything else; reading `.message` through a cast says `undefined` for
 * the last and hides it from the type checker.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return error.message;
  return String(error);
}

/** A property of a thrown error-like object (`code`, `name`), if it has one. */
export function errorProperty(error: unknown, property: 'code' | 'name'): unknown {
  return typeof error === 'object' && error !== null && property in error ? Reflect.get(error, property) : undefined;
}
