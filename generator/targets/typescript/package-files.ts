/**
 * Assembles one package from one spec: which modules, which data files, which
 * docs. Returns unformatted sources; formatting and compiling come after.
 */
import type { Spec } from "../../model/types.ts";
import { packagePublishFields } from "./publish.ts";
import { emitCatalog } from "../../artifacts/catalog.ts";
import { emitCodeTable } from "./codes-module.ts";
import { emitReadme } from "./readme.ts";
import { emitFixtures } from "./fixtures/fixtures-module.ts";
import { headerText, type GeneratedFile } from "../../model/generated-file.ts";
import { scriptHeader } from "./header.ts";
import { render } from "../../artifacts/templates.ts";
import { printModule } from "./ts-module.ts";
import type { TypeScriptOptions } from "./options.ts";

/** Emitters for API specs. */
export interface ApiEmitters {
  emitApi(spec: Spec): import("./ts-module.ts").Statement[];
  emitJsonSchemas(spec: Spec): GeneratedFile[];
  apiMarkdown(spec: Spec, packageName: string): string;
}

export function packageName(spec: Spec, options: Pick<TypeScriptOptions, "scope">): string {
  return `${options.scope}/${spec.id}`;
}

/**
 * Every file of one spec's package, unformatted: the sources (src/*.ts and
 * package.json, formatted and compiled by the target's finish), the data (catalog,
 * JSON Schemas) and the README.
 */
export function emitPackage(spec: Spec, options: TypeScriptOptions, api: ApiEmitters): GeneratedFile[] {
  const header = scriptHeader(spec);
  const source = (path: string, content: string): GeneratedFile => ({ path: `${spec.id}/${path}`, content, role: "source" });
  const modules: GeneratedFile[] = [];
  const files: GeneratedFile[] = [];
  const codes = emitCodeTable(spec, options.enumStyle);
  if (spec.api) {
    modules.push(source("src/codes.ts", printModule(header, codes)));
    modules.push(source("src/api.ts", printModule(header, api.emitApi(spec))));
    modules.push(source("src/index.ts", `${header}\nexport * from "./codes.js";\nexport * from "./api.js";\n`));
    files.push(...api.emitJsonSchemas(spec));
  } else {
    modules.push(source("src/index.ts", printModule(header, codes)));
  }
  modules.push({ ...emitFixtures(spec), role: "source" });
  const name = packageName(spec, options);
  files.push({ ...emitCatalog(spec), role: "data" });
  files.push({ ...emitReadme(spec, name, spec.api ? api.apiMarkdown(spec, name) : null), role: "doc" });
  const schemas = files.filter((f) => f.path.startsWith(`${spec.id}/schemas/`));
  files.push({
    path: `${spec.id}/package.json`,
    role: "source",
    content: render("typescript/package.json.hbs", {
      header: headerText(spec),
      name,
      version: spec.version,
      description: `${spec.title} (${spec.source.provider}): typed codes, outcomes and classifiers${spec.api ? ", API types and validators" : ""}`,
      publishFields: packagePublishFields(options.publish, spec.id),
      subpaths: [{ path: "./fixtures", types: "./dist/fixtures.d.ts", target: "./dist/fixtures.js" }],
      extraExports: schemas.length ? [{ path: "./schemas/*", target: "./schemas/*" }] : [],
      files: ["dist", "src", "catalog.json", ...(schemas.length ? ["schemas"] : []), "README.md"],
    }),
  });
  return [...modules, ...files];
}
