/** Reads one scenario file from disk; every problem comes back as messages naming the file. */
import { readFile } from "node:fs/promises";
import { parseScenarioText, type ScenarioParse } from "../../content/scenario/load";

export async function readScenarioFile(file: string): Promise<ScenarioParse> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, errors: [`${file}: cannot read the file${code ? ` (${code})` : ""}`] };
  }
  return parseScenarioText(text, file);
}
