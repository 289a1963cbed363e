/**
 * The first lines of every TypeScript and JavaScript file the target writes: the
 * generated-code line (model/generated-file.ts), then `/* eslint-disable *\/`.
 * A repository-wide lint (typescript-eslint's strict-type-checked config reports
 * about 250 problems on these files, most of them the deliberate never-throws code)
 * has no business with generated code, and an ESLint flat config can only be told
 * so in the user's own file; protobuf-es and other generators mark their output
 * the same way. The README says how to ignore the out dir instead.
 */
import { lineHeader } from "../../model/generated-file.ts";
import type { Spec } from "../../model/types.ts";

export function scriptHeader(spec: Pick<Spec, "specFile">): string {
  return `${lineHeader(spec)}/* eslint-disable */\n`;
}
