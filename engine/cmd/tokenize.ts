import { fail, ok, type Result } from "./result";

export interface Token {
  readonly text: string;
  readonly column: number;
}

/**
 * Split a command line into words the way a POSIX shell would for plain words and quotes:
 * 'single' and "double" quotes group, backslash escapes outside single quotes. No expansion
 * ($, *, ;, |, redirections) is done: those characters are refused, since no shell runs here.
 */
/** Lines with nothing but plain words (the usual case) split without the quote machinery. */
const SPECIAL = /['"\\#;|&<>`$(){}]/;

export function tokenize(line: string): Result<Token[]> {
  if (!SPECIAL.test(line)) return ok(splitPlain(line));
  return tokenizeQuoted(line);
}

function splitPlain(line: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : 32;
    const blank = c === 32 || c === 9;
    if (blank && start >= 0) {
      tokens.push({ text: line.slice(start, i), column: start });
      start = -1;
    } else if (!blank && start < 0) start = i;
  }
  return tokens;
}

function tokenizeQuoted(line: string): Result<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") break;
    const start = i;
    let text = "";
    while (i < line.length && line[i] !== " " && line[i] !== "\t") {
      const ch = line[i]!;
      if (ch === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) return fail("unterminated single quote", i);
        text += line.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < line.length && line[j] !== '"') {
          if (line[j] === "\\" && j + 1 < line.length) j++;
          text += line[j];
          j++;
        }
        if (j >= line.length) return fail("unterminated double quote", i);
        i = j + 1;
      } else if (ch === "\\" && i + 1 < line.length) {
        text += line[i + 1];
        i += 2;
      } else if (";|&<>`$(){}".includes(ch)) {
        return fail(`"${ch}": shell syntax is not supported; type one command per line`, i);
      } else {
        text += ch;
        i++;
      }
    }
    tokens.push({ text, column: start });
  }
  return ok(tokens);
}
