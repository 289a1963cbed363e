/** The checks on the spec as a whole: its id, its version, and what its kind asks of the other sections. */
import type { Api, Composite } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import { PROFILE_KEYS } from "../profile/profile-keys.ts";
import type { Lint } from "./lint-context.ts";

export function checkId(raw: RawSpec, expectedId: string, lint: Lint): void {
  if (raw.id !== expectedId) lint.report(["id"], `id "${raw.id}" must match the file name "${expectedId}"`);
}

/**
 * The schema allows 16 digits a part, as semver tools do; past 2^53 - 1 a part is no longer
 * exact in JavaScript, and a version compared or bumped as numbers would come out lower.
 */
export function checkVersion(raw: RawSpec, lint: Lint): void {
  const unsafe = String(raw.version).split(".").find((part) => !Number.isSafeInteger(Number(part)));
  if (unsafe !== undefined)
    lint.report(["version"], `version ${raw.version}: ${unsafe} is over ${Number.MAX_SAFE_INTEGER}, the largest whole number JavaScript holds exactly; each part of MAJOR.MINOR.PATCH must be at most that`);
}

export function checkKind(raw: RawSpec, composite: Composite | null, api: Api | null, lint: Lint): void {
  if (raw.kind === "api" && !api) lint.report([], `a spec of kind "api" needs an "api" section`, { key: true });
  // The API emitters read each endpoint's codes and the HTTP status from the code's parts.
  if (raw.kind === "api" && !composite)
    lint.report(["code"], `an API's response code must be composite: its parts say the HTTP status (role: httpStatus) and the service (domain: endpoints.serviceCode)`, { key: true });
  if (raw.kind === "code-table" && raw.api) lint.report(["api"], `a spec of kind "code-table" cannot have an "api" section (use kind: api)`, { key: true });
}

/**
 * A spec that extends nothing has no base to drop from, override or restate: a profile's
 * keys there would be ignored (the dropped code still generated), so each is an error.
 */
export function checkNoProfileKeys(raw: RawSpec, lint: Lint): void {
  for (const key of PROFILE_KEYS)
    if (key !== "extends" && Object.hasOwn(raw, key))
      lint.report(
        [key],
        `"${key}" applies to a profile, and this spec extends nothing: add "extends: <base id>" to make it a profile of that spec, or remove "${key}"${key === "samples" ? " (a spec's own samples go under each endpoint: api.endpoints[].samples)" : ""}`,
        { key: true },
      );
}
