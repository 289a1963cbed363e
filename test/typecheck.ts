// The one type-checker of the tests: TypeScript's compiler API in the test's own process
// (a `tsc` process per check cost a node start and a compiler load each), with every flag
// set named once here, so the "strictest flags" of one test cannot drift from another's.
// The consumer test (test/targets/typescript/consumer/) still runs real `tsc -p` processes: it is the test of
// what a consumer's own tsconfig sees.
import { isAbsolute, join, resolve } from "node:path";
import ts from "typescript";
import { repoRoot } from "./helpers.ts";

const typeRoots = [join(repoRoot, "node_modules", "@types")];

/** A strict NodeNext project: how a consumer's code, and the README's examples, are checked. */
const strict = {
  noEmit: true,
  strict: true,
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  types: ["node"],
  typeRoots,
};

export const FLAG_SETS = {
  strict,
  /**
   * The strictest flags a consumer may compile the generated sources with: every generated
   * package passes them (enumStyle const adds erasableSyntaxOnly; a TypeScript enum is not
   * erasable syntax by definition).
   */
  strictest: {
    ...strict,
    lib: ["ES2022"],
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitReturns: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    isolatedDeclarations: true,
    declaration: true,
  },
} as const;

export type FlagSet = keyof typeof FLAG_SETS;

/**
 * Type-checks `files` (relative to `cwd`) under a flag set, plus `extra` options in
 * tsconfig's JSON form. Returns the diagnostics as tsc prints them, paths relative to
 * `cwd`; "" when the files are clean.
 */
export function typecheck(files: string[], set: FlagSet, options: { cwd?: string; extra?: Record<string, unknown> } = {}): string {
  const cwd = options.cwd ?? repoRoot;
  const converted = ts.convertCompilerOptionsFromJson({ ...FLAG_SETS[set], ...options.extra }, cwd);
  if (converted.errors.length) throw new Error(ts.flattenDiagnosticMessageText(converted.errors[0]!.messageText, "\n"));
  const program = ts.createProgram(
    files.map((f) => (isAbsolute(f) ? f : resolve(cwd, f))),
    converted.options,
    hostWithSharedLibraries(converted.options),
  );
  return ts.formatDiagnostics(diagnosticsOf(program), {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => cwd,
    getNewLine: () => "\n",
  });
}

/**
 * Type-checks a tsconfig project (the repository's own: generator/, test/, scripts/, bench/)
 * as `tsc -p` does; "" when it is clean.
 */
export function typecheckProject(tsconfig: string): string {
  const cwd = resolve(tsconfig, "..");
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, cwd);
  const program = ts.createProgram(parsed.fileNames, parsed.options, hostWithSharedLibraries(parsed.options));
  return ts.formatDiagnostics([...parsed.errors, ...ts.getPreEmitDiagnostics(program)], {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => cwd,
    getNewLine: () => "\n",
  });
}

/**
 * What tsc reports before emit (getPreEmitDiagnostics), except the checking of TypeScript's own
 * libs and of @types: third-party declarations, unchanged during a run, whose checking was most
 * of every program's time (tsc's skipDefaultLibCheck, and skipLibCheck for @types only). Every
 * other file is checked in full, the generated declarations included.
 */
function diagnosticsOf(program: ts.Program): readonly ts.Diagnostic[] {
  const checked = program.getSourceFiles().filter((f) => !/\/node_modules\/(typescript\/lib|@types)\//.test(f.fileName));
  const declarations = program.getCompilerOptions().declaration === true;
  return ts.sortAndDeduplicateDiagnostics([
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((f) => [
      ...program.getSyntacticDiagnostics(f),
      ...program.getSemanticDiagnostics(f),
      ...(declarations ? program.getDeclarationDiagnostics(f) : []),
    ]),
  ]);
}

/** Parsed declaration files of node_modules (TypeScript's libs, @types/node), by the options that shape them and path: they do not change during a run. */
const libraries = new Map<string, ts.SourceFile>();

/**
 * A compiler host that parses each file under node_modules once per worker and settings, as
 * TypeScript's document registry shares source files between projects of like settings. The
 * checked files themselves (generated packages, scratch consumers) are read fresh every time.
 */
function hostWithSharedLibraries(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  // What a parsed and bound declaration file depends on (TypeScript's document registry keys
  // its buckets by the source-file-affecting options); the checks' other flags do not.
  const settings = JSON.stringify([options.target, options.module, options.moduleResolution, options.strict, options.alwaysStrict, options.jsx, options.allowJs]);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes("/node_modules/")) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${settings}\0${JSON.stringify(languageVersion)}\0${fileName}`;
    let file = libraries.get(key);
    if (!file) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file) libraries.set(key, file);
    }
    return file;
  };
  return host;
}
