/**
 * The merged value keeps its positions: every node of it remembers the file and
 * path it came from (the profile, or the base), so a diagnostic about an
 * overridden message points into the profile, and one about an inherited row
 * into the base. The merge's sections record each node they make here.
 */
import type { Path, YamlSource } from "../yaml-source.ts";

/** Where a node of the merged value came from; `keys` for children that came from elsewhere. */
export interface Origin {
  src: YamlSource;
  path: Path;
  keys?: Record<string, Origin>;
}

export function origin(src: YamlSource, path: Path, keys?: Record<string, Origin>): Origin {
  return keys ? { src, path, keys } : { src, path };
}

export class Origins {
  readonly profile: YamlSource;
  readonly base: YamlSource;
  readonly #registry = new WeakMap<object, Origin>();

  constructor(profile: YamlSource, base: YamlSource) {
    this.profile = profile;
    this.base = base;
  }

  /** Records where `node` came from, and returns it. */
  mark<T extends object>(node: T, from: Origin): T {
    this.#registry.set(node, from);
    return node;
  }

  of(node: object): Origin | undefined {
    return this.#registry.get(node);
  }

  inBase(path: Path, keys?: Record<string, Origin>): Origin {
    return origin(this.base, path, keys);
  }

  inProfile(path: Path): Origin {
    return origin(this.profile, path);
  }

  /** The merged value as a source: a diagnostic at a path of it lands where that node came from. */
  source(merged: object): YamlSource {
    const locate = (path: Path): { at: Origin; rest: Path } => {
      let node: unknown = merged;
      let at = this.#registry.get(merged)!;
      for (const [i, step] of path.entries()) {
        const child = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[step as string] : undefined;
        if (child === undefined) return { at, rest: path.slice(i) };
        const known = typeof child === "object" && child !== null ? this.#registry.get(child) : undefined;
        at = known ?? at.keys?.[String(step)] ?? { src: at.src, path: [...at.path, step] };
        node = child;
      }
      return { at, rest: [] };
    };
    return {
      ...this.profile,
      value: merged,
      at(path, message, options) {
        const { at, rest } = locate(path);
        return at.src.at([...at.path, ...rest], message, options);
      },
      lineOf(path) {
        const { at, rest } = locate(path);
        return at.src.lineOf([...at.path, ...rest]);
      },
      rawScalar(path) {
        const { at, rest } = locate(path);
        return at.src.rawScalar([...at.path, ...rest]);
      },
    };
  }
}
