/**
 * Splits one setup command line into argv the way sh(1) would for plain words: blanks separate
 * words, '...' keeps everything literally, "..." keeps everything but \" \\ \$ \`, a backslash
 * outside quotes escapes the next character, and an unquoted word starting with # begins a
 * comment. Shell syntax that would need a shell (pipes, redirections, lists, expansions) is
 * refused: setup lines run without a shell.
 */

export type SplitCommandLine = { ok: true; argv: string[] } | { ok: false; error: string };

const SHELL_OPERATORS = new Set([";", "|", "&", "<", ">", "(", ")", "`"]);

export function splitCommandLine(line: string): SplitCommandLine {
  const argv: string[] = [];
  let word = "";
  let inWord = false;
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (char === " " || char === "\t") {
      if (inWord) argv.push(word);
      word = "";
      inWord = false;
      index++;
    } else if (char === "#" && !inWord) {
      break;
    } else if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end < 0) return { ok: false, error: "unterminated single quote" };
      word += line.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (char === '"') {
      const quoted = readDoubleQuoted(line, index + 1);
      if (!quoted.ok) return quoted;
      word += quoted.text;
      inWord = true;
      index = quoted.end + 1;
    } else if (char === "\\") {
      if (index + 1 >= line.length) return { ok: false, error: "trailing backslash" };
      word += line[index + 1];
      inWord = true;
      index += 2;
    } else if (SHELL_OPERATORS.has(char) || (char === "$" && line[index + 1] !== undefined && /[({A-Za-z_0-9]/.test(line[index + 1]!))) {
      return { ok: false, error: `shell syntax "${char}" is not supported: setup lines run without a shell` };
    } else {
      word += char;
      inWord = true;
      index++;
    }
  }
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, error: "empty command line" };
  return { ok: true, argv };
}

type DoubleQuoted = { ok: true; text: string; end: number } | { ok: false; error: string };

/** Reads "..." from just after the opening quote; see sh(1) "Double Quotes". */
function readDoubleQuoted(line: string, start: number): DoubleQuoted {
  let text = "";
  for (let index = start; index < line.length; index++) {
    const char = line[index]!;
    if (char === '"') return { ok: true, text, end: index };
    if (char === "\\" && index + 1 < line.length && '"\\$`'.includes(line[index + 1]!)) {
      text += line[index + 1];
      index++;
    } else if (char === "$" || char === "`") {
      return { ok: false, error: `shell expansion "${char}" is not supported: setup lines run without a shell` };
    } else {
      text += char;
    }
  }
  return { ok: false, error: "unterminated double quote" };
}
