// The peer: openapi-typescript on an OpenAPI 3.1 document built from the same spec
// as codebook's package: every endpoint (path, method), its request and response
// bodies (the JSON Schemas codebook emits from the spec, unchanged) and the
// response codes of the spec's catalog as an enum.
//
//   node bench/openapi.mjs DOC.json [DOC.json ...]   types for each document, in one process
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

/** An OpenAPI document from a generated package: its catalog's codes, its endpoints and its JSON Schemas. */
export async function openApiDocument(pkgDir) {
  const catalog = JSON.parse(readFileSync(resolve(pkgDir, "catalog.json"), "utf8"));
  const api = await import(pathToFileURL(resolve(pkgDir, "dist", "api.js")).href);
  const endpoints = Object.entries(api).find(([k]) => k.endsWith("Endpoints"))[1];
  const schemas = { ResponseCode: { type: "string", enum: catalog.codes.map((c) => c.code) } };
  const paths = {};
  for (const [name, e] of Object.entries(endpoints)) {
    for (const side of ["Request", "Response"]) {
      const schema = JSON.parse(readFileSync(resolve(pkgDir, "schemas", `${name.toLowerCase()}-${side.toLowerCase()}.schema.json`), "utf8"));
      for (const k of ["$schema", "$id", "$comment"]) delete schema[k];
      // Each schema's own $defs become components of their own (OpenAPI resolves refs from the document root).
      const prefix = `${name}${side}`;
      const rewrite = (v) =>
        Array.isArray(v) ? v.map(rewrite) : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "$ref" && typeof x === "string" ? x.replace("#/$defs/", `#/components/schemas/${prefix}_`) : rewrite(x)]))
          : v;
      for (const [def, body] of Object.entries(schema.$defs ?? {})) schemas[`${prefix}_${def}`] = rewrite(body);
      delete schema.$defs;
      schemas[prefix] = rewrite(schema);
    }
    paths[e.path.replace(".../{version}", `/${e.version}`)] = {
      [e.method.toLowerCase()]: {
        operationId: name,
        summary: e.name,
        requestBody: { content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Request` } } } },
        responses: { default: { description: "A response; responseCode is one of ResponseCode", content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Response` } } } } },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: catalog.title, version: catalog.version }, paths, components: { schemas } };
}

export async function typesFor(docs) {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const out = [];
  for (const doc of docs) out.push(astToString(await openapiTS(JSON.parse(readFileSync(doc, "utf8")))));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const docs = process.argv.slice(2);
  const types = await typesFor(docs);
  docs.forEach((d, i) => writeFileSync(d.replace(/\.json$/, ".d.ts"), types[i]));
}
