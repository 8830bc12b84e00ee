/**
 * The part of `node:async_hooks` the Worker uses, which the runtime provides under the
 * `nodejs_als` compatibility flag (wrangler.toml); Node's own types are not in the Worker's build.
 */
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, callback: () => R): R;
    getStore(): T | undefined;
  }
}
