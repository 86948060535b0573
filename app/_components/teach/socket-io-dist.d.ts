/** socket.io-client's own browser build (see class-socket.ts): the package's `io`, as its default export. */
declare module "socket.io-client/dist/socket.io.js" {
  import type { io } from "socket.io-client";
  const lookup: typeof io;
  export default lookup;
}
