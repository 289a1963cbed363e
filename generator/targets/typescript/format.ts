/**
 * Formatting, in memory, before any comparison with disk (formatting after
 * writing is what made other generators' --check lie): oxfmt, oxc's native
 * formatter, for TypeScript and templated JSON, in prettier's layout (see
 * prettier-layout.ts; the format tests hold every generated file to prettier's
 * output); our own small formatter for the Markdown we generate.
 *
 * oxfmt formats the shipped specs' sources in about 0.1 s of CPU where prettier
 * took about 1.2 s, half of a cold run. Its `format` runs on libuv's thread pool,
 * so files given together are formatted in parallel while this thread emits the
 * next package: no worker thread of our own.
 */
import type { GeneratedFile } from "../../model/generated-file.ts";
import { nativeLoadError } from "./native-dependency.ts";
import { formatMarkdown } from "../../artifacts/markdown-layout.ts";
import { joinFittingUnions } from "./prettier-layout.ts";

/** codebook's formatting settings: prettier's defaults but the width (`.prettierignore` covers the out dir; see the README). */
const PRINT_WIDTH = 120;
const options = { printWidth: PRINT_WIDTH, endOfLine: "lf", trailingComma: "all", embeddedLanguageFormatting: "off" } as const;

type Format = typeof import("oxfmt").format;
let loaded: Promise<Format> | undefined;
const oxfmt = () => (loaded ??= loadOxfmt(() => import("oxfmt")));

/** oxfmt, or a one-line install error. Its binding loads on the first `format`, so that is tried here too. */
export async function loadOxfmt(load: () => Promise<{ format: Format }>): Promise<Format> {
  try {
    const { format } = await load();
    await format("probe.ts", "", options);
    return format;
  } catch (err) {
    throw nativeLoadError("oxfmt", "formats the generated sources", err);
  }
}

/**
 * The name oxfmt reads the language from. Not "package.json": oxfmt would lay that out as
 * JSON.stringify does, where prettier's JSON layout (ours) keeps a short array on one line.
 */
function formatAs(path: string): string | null {
  if (path.endsWith(".ts")) return "module.ts";
  if (path.endsWith(".json")) return "data.json";
  return null;
}

export async function formatFile(file: GeneratedFile): Promise<GeneratedFile> {
  if (file.path.endsWith(".md")) return { path: file.path, content: formatMarkdown(file.content) };
  const name = formatAs(file.path);
  if (!name) return file;
  const format = await oxfmt();
  const { code, errors } = await format(name, file.content, options);
  if (errors.length) {
    const why = errors.map((e) => e.codeframe ?? e.message).join("\n");
    throw new Error(`codebook: generated ${file.path} does not parse, so it cannot be formatted (a generator bug):\n${why}`);
  }
  return { path: file.path, content: name === "module.ts" ? joinFittingUnions(code, PRINT_WIDTH) : code };
}

/** Formats files together (in parallel, on the thread pool); resolves with them in the order given. */
export function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(files.map(formatFile));
}
