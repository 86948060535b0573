// Entry of a play worker thread: workers do not inherit the parent's `--import tsx`, so this
// plain-JS file registers tsx here, then loads the TypeScript worker (play-worker.ts).
import { register } from "tsx/esm/api";

register();
await import(new URL("./play-worker.ts", import.meta.url).href);
