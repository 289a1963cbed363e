/**
 * Assembles one package from one spec: which modules, which data files, which
 * docs. Returns unformatted sources; formatting and compiling come after.
 */
import type { Config } from "../config.ts";
import type { Spec } from "../model/types.ts";
import { packagePublishFields } from "../publish.ts";
import { emitCatalog } from "./catalog.ts";
import { emitCodeTable } from "./code-table.ts";
import { emitReadme } from "./docs.ts";
import { emitFixtures } from "./fixtures/index.ts";
import { headerText, lineHeader, type GeneratedFile } from "./generated-file.ts";
import { render } from "./templates.ts";
import { printModule } from "./ts-module.ts";

/** Emitters for API specs, loaded only when a spec has an API (they are larger). */
export interface ApiEmitters {
  emitApi(spec: Spec): import("./ts-module.ts").Statement[];
  emitJsonSchemas(spec: Spec): GeneratedFile[];
  apiMarkdown(spec: Spec, packageName: string): string;
}

export interface PackageSources {
  /** TypeScript modules to format and compile, relative to the out dir. */
  modules: GeneratedFile[];
  /** Every other file (JSON, Markdown). */
  files: GeneratedFile[];
}

export function packageName(spec: Spec, config: Pick<Config, "scope">): string {
  return `${config.scope}/${spec.id}`;
}

export function emitPackage(spec: Spec, config: Pick<Config, "scope" | "enumStyle" | "publish">, api: ApiEmitters | null): PackageSources {
  const header = lineHeader(spec);
  const modules: GeneratedFile[] = [];
  const files: GeneratedFile[] = [];
  const codes = emitCodeTable(spec, config.enumStyle);
  if (spec.api && api) {
    modules.push({ path: `${spec.id}/src/codes.ts`, content: printModule(header, codes) });
    modules.push({ path: `${spec.id}/src/api.ts`, content: printModule(header, api.emitApi(spec)) });
    modules.push({ path: `${spec.id}/src/index.ts`, content: `${header}\nexport * from "./codes.js";\nexport * from "./api.js";\n` });
    files.push(...api.emitJsonSchemas(spec));
  } else {
    modules.push({ path: `${spec.id}/src/index.ts`, content: printModule(header, codes) });
  }
  modules.push(emitFixtures(spec));
  const name = packageName(spec, config);
  files.push(emitCatalog(spec));
  files.push(emitReadme(spec, name, spec.api && api ? api.apiMarkdown(spec, name) : null));
  const schemas = files.filter((f) => f.path.startsWith(`${spec.id}/schemas/`));
  files.push({
    path: `${spec.id}/package.json`,
    content: render("package.json.hbs", {
      header: headerText(spec),
      name,
      version: spec.version,
      description: `${spec.title} (${spec.source.provider}): typed codes, outcomes and classifiers${spec.api ? ", API types and validators" : ""}`,
      publishFields: packagePublishFields(config.publish, spec.id),
      subpaths: [{ path: "./fixtures", types: "./dist/fixtures.d.ts", target: "./dist/fixtures.js" }],
      extraExports: schemas.length ? [{ path: "./schemas/*", target: "./schemas/*" }] : [],
      files: ["dist", "src", "catalog.json", ...(schemas.length ? ["schemas"] : []), "README.md"],
    }),
  });
  return { modules, files };
}
