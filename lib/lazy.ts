/**
 * A value built on first use, once. The content script loads into every page: building its schemas when the module
 * is evaluated cost every page milliseconds for messages it may never receive (issue 17).
 */
export function lazy<T>(build: () => T): () => T {
  let cell: { value: T } | undefined;
  return () => {
    cell ??= { value: build() };
    return cell.value;
  };
}
