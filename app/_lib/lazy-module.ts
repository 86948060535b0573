/**
 * A module fetched on first need: `load()` imports it once (a failed fetch may be tried again),
 * and `loaded` holds it from then on, for code that must answer synchronously when it can.
 * Pass the `import("...")` itself, so the bundler still sees which module it is.
 */
export interface LazyModule<T> {
  readonly loaded: T | undefined;
  load(): Promise<T>;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      loading ??= importer().then(
        (m) => (loaded = m),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
