/** xterm.js and the fit addon, imported together so the browser fetches them as one chunk. */
export { Terminal } from "@xterm/xterm";
export { FitAddon } from "@xterm/addon-fit";
