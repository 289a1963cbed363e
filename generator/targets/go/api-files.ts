/**
 * The files an API spec adds to its module (see emit.ts): endpoints and headers,
 * body structs, the response-code parser, the HTTP-status check, the validators.
 */
import type { Spec } from "../../model/types.ts";
import { bodiesFile } from "./bodies-file.ts";
import type { Decls } from "./classify-file.ts";
import { endpointsFile } from "./endpoints-file.ts";
import { httpStatusFile, parseFile } from "./parse-file.ts";
import { validatorsFile } from "./validators-file.ts";

export function apiFiles(spec: Spec): [string, Decls][] {
  return [
    ["endpoints.go", endpointsFile(spec)],
    ["bodies.go", bodiesFile(spec)],
    ["parse.go", parseFile(spec)],
    ["httpstatus.go", httpStatusFile(spec)],
    ["validators.go", validatorsFile(spec)],
  ];
}
