/**
 * Every target codebook ships, by name: one line each. A target is one folder
 * under targets/ and one line here (see ARCHITECTURE.md, "Adding a target").
 * The programmatic API can add targets of its own (`generate({ targets })`).
 */
import type { Target } from "./target.ts";
import { goTarget } from "./go/target.ts";
import { typescriptTarget } from "./typescript/target.ts";

export const SHIPPED_TARGETS: readonly Target<any>[] = [
  typescriptTarget,
  goTarget,
];
