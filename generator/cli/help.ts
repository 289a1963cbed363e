/** The text of `codebook help`; the README's CLI section says the same. */
export const HELP = `codebook — typed packages from payment providers' response-code and API tables

Usage:
  codebook init [ID] [--kind code-table|api] | --from SHIPPED-ID
  codebook lint [--only ID...] [--strict] [--json] [--quiet]
  codebook generate [--only ID...] [--check | --watch] [--strict] [--json] [--quiet]
  codebook diff OLD NEW | --against REF [PATH]  [--format F] [--fail-on LEVEL]
  codebook mock --spec ID [--port N] [--host H] [--delay MS] [--notify-url URL]
                [--base-path P] [--scenarios FILE | --replay FILE] [--json]
  codebook proxy --spec ID --target URL [--port N] [--record FILE] [--json]
  codebook help [diff|mock|proxy] | --help | --version

Commands:
  init       Without ID: set up this directory for codebook (codebook.config.yaml,
             spec/, and .gitattributes and .prettierignore lines for the out dir).
             With ID: scaffold spec/ID.yaml, a spec to fill in (--kind code-table,
             the default, or api); it lints clean and generates as it is.
  lint       Check every spec; print each problem as FILE:LINE:COL: message.
  generate   Lint, then write one package per spec into the out dir. Writes only
             files whose bytes changed, each atomically, and removes files it
             generated earlier whose spec is gone. One run at a time per out dir:
             a second run waits for the first.
  diff       What changed between two versions of the specs, each change with
             its semver level (breaking, feature, fix) and why, and a suggested
             version per table. Exit 1 on a breaking change without a major
             bump. \`codebook help diff\` has its options.
  mock       Serve a generated API package over HTTP as a provider sandbox
             (loopback, port 4010 by default): validates requests with the
             package's validators and answers the spec's own codes;
             \`Prefer: code=<code>\` answers any code of the spec's pattern;
             scenario files add flows (state over time) and idempotency.
             \`codebook help mock\` has its options.
  proxy      Forward to a provider's sandbox and check the traffic against
             the package: unlisted codes (drift, with the row to add),
             malformed codes, status/code disagreements, invalid bodies;
             --record keeps it for \`codebook mock --replay\`.
             \`codebook help proxy\` has its options.
  help       Show this help.

Options:
  --config FILE          Config file (default: ./codebook.config.yaml). Paths in
                         it are relative to its directory.
  --only ID              Only this spec id (repeatable, or comma-separated).
  --check                Generate in memory and compare with disk; list every
                         stale, missing, orphaned or unexpected file with a diff
                         of every changed region; write nothing. Exit 1 if any.
  --watch                Generate, then again whenever a spec, a template or the
                         config changes. Ctrl-C stops it.
  --json                 Print one JSON report on stdout (files written,
                         unchanged and removed; problems with file, line, column).
  --strict               lint, generate: spec warnings (FILE:LINE:COL: warning:
                         …) are errors: exit 1, nothing written. Without it
                         they print and the run succeeds.
  -q, --quiet            Print only problems, no summary line.
  --lock-timeout SECONDS How long generate waits for another run on the same
                         out dir (default 60).
  --kind KIND            init: code-table (default) or api.
  --from ID              init: copy the spec codebook ships as ID (and its source
                         document) into the spec directory.
  -h, --help             Show this help.
  -v, --version          Show codebook's version.

Config (codebook.config.yaml):
  specDir     Directory of spec files, *.yaml or *.yml (default: spec)
  outDir      Directory generated packages are written to (default: generated);
              codebook's alone: not ".", "..", "/" or the spec directory
  scope       npm scope of generated packages (default: @codebook)
  enumStyle   const (default): \`as const\` objects and union types;
              enum: TypeScript enums
  publish     Opt in to publishing: license (required), repository,
              publishConfig (access, registry, tag, provenance). Without it
              every generated package is "private": true.

Environment:
  NO_COLOR     never colour output      FORCE_COLOR=1   colour even when piped

Exit codes: 0 success; 1 spec problems, stale output with --check, or a
breaking diff without a major bump; 2 usage, config or out-dir error (nothing
was written); 3 internal error.
`;
