// yaml's parser reads process.env once per token; the loader parses with a plain copy in
// its place (generator/load/yaml-source.ts, withPlainEnv). The real one must come back.
import { describe, expect, it } from "vitest";
import { withPlainEnv } from "../../generator/load/yaml-source.ts";

describe("withPlainEnv", () => {
  it("gives the parse a plain copy with the same variables, and puts process.env back", () => {
    const real = process.env;
    const seen = withPlainEnv(() => ({ same: process.env === real, vars: { ...process.env }, path: process.env.PATH }));
    expect(seen.same).toBe(false);
    expect(seen.vars).toEqual({ ...real });
    expect(seen.path).toBe(real.PATH);
    expect(process.env).toBe(real);
  });

  it("puts it back when the parse throws, and returns what the parse returns", () => {
    const real = process.env;
    expect(() =>
      withPlainEnv(() => {
        throw new RangeError("too deep");
      }),
    ).toThrow(RangeError);
    expect(process.env).toBe(real);
    expect(withPlainEnv(() => 42)).toBe(42);
  });

  it("leaves the real environment alone: a variable set during the parse is not kept", () => {
    withPlainEnv(() => {
      process.env.CODEBOOK_PLAIN_ENV_TEST = "1";
    });
    expect(process.env.CODEBOOK_PLAIN_ENV_TEST).toBeUndefined();
  });
});
