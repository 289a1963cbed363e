// A Go consumer, as an integrator writes one: a scratch module that imports two
// generated modules through `replace` directives (no proxy, no tag), switches on
// Outcome, checks a response's HTTP status and validates a fixture body. Its output
// is held to the TypeScript package's answers for the same inputs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiFixtures } from "../../../generator/artifacts/fixtures/api-fixtures.ts";
import { repoRoot } from "../../helpers.ts";
import { shippedSet } from "../spec-sets.ts";
import { mustGo, replaceDirectives, writeModules } from "./toolchain.ts";

const set = shippedSet();
const specs = set.specs.filter((s) => s.id === "iak-prepaid" || s.id === "snap-qr-cpm");
const codes = ["00", "39", "201", "999", "0", "abc", ""];
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "codebook-go-consumer-"));
  await writeModules(specs, join(dir, "modules"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const program = `package main

import (
	"fmt"

	iakprepaid "example.com/codebook/iak-prepaid"
	snapqrcpm "example.com/codebook/snap-qr-cpm/v2"
	"example.com/codebook/snap-qr-cpm/v2/fixtures"
)

func main() {
	for _, code := range []string{${codes.map((c) => JSON.stringify(c)).join(", ")}} {
		r := iakprepaid.Classify(code, iakprepaid.ContextDefault)
		switch r.Outcome {
		case iakprepaid.OutcomeSuccess:
			fmt.Printf("%q deliver\\n", code)
		case iakprepaid.OutcomePending:
			fmt.Printf("%q wait (%s)\\n", code, r.Kind)
		case iakprepaid.OutcomeFailed:
			fmt.Printf("%q release\\n", code)
		default:
			fmt.Printf("%q escalate\\n", code)
		}
	}
	check := snapqrcpm.CheckHTTPStatus(500, []byte(fixtures.GenerateSuccessResponse))
	switch check.Outcome {
	case snapqrcpm.OutcomeSuccess:
		fmt.Println("500 + success body: deliver")
	default:
		fmt.Println("500 + success body:", check.Outcome, check.ActOn)
	}
	errs := snapqrcpm.ValidatePaymentRequest([]byte(fixtures.PaymentRequest), snapqrcpm.ValidateOptions{Strict: true})
	fmt.Println("payment request fixture:", len(errs), "errors")
	strict := snapqrcpm.ValidatePaymentRequest([]byte(\`{"x":1}\`), snapqrcpm.ValidateOptions{Strict: true})
	fmt.Println("unknown property:", strict[len(strict)-1].Path, strict[len(strict)-1].Rule)
}
`;

it("imports two generated modules through replace and switches on Outcome", async () => {
  writeFileSync(join(dir, "go.mod"), `module example.com/consumer\n\ngo 1.19\n\n${replaceDirectives(specs, join(dir, "modules"))}`);
  writeFileSync(join(dir, "main.go"), program);
  mustGo(["vet", "."], dir);
  const out = mustGo(["run", "."], dir);

  const iak = await import(pathToFileURL(join(repoRoot, "generated", "iak-prepaid", "dist", "index.js")).href);
  const snap = await import(pathToFileURL(join(repoRoot, "generated", "snap-qr-cpm", "dist", "index.js")).href);
  const expected = codes.map((code) => {
    const r = iak.classifyIakPrepaidCode(code);
    const kind = r.known ? "known" : r.malformed ? "malformed" : "unlisted";
    return `${JSON.stringify(code)} ${r.outcome === "success" ? "deliver" : r.outcome === "pending" ? `wait (${kind})` : r.outcome === "failed" ? "release" : "escalate"}`;
  });
  const fx = apiFixtures(specs.find((s) => s.id === "snap-qr-cpm")!).endpoints;
  const generate = fx.find((e) => e.model.endpoint.key === "Generate")!;
  const body = generate.responses.find(([c]) => c === generate.model.success.code)![1];
  const check = snap.checkSnapQrCpmHttpStatus(500, body);
  expected.push(check.outcome === "success" ? "500 + success body: deliver" : `500 + success body: ${check.outcome} ${check.actOn}`);
  const payment = snap.validateSnapQrCpmPaymentRequest(fx.find((e) => e.model.endpoint.key === "Payment")!.request, { strict: true });
  expected.push(`payment request fixture: ${payment.ok ? 0 : payment.errors.length} errors`, "unknown property: /x additionalProperties");
  expect(out.trimEnd().split("\n")).toEqual(expected);
  expect(out).toContain('"39" wait (known)');
  expect(out).toContain("500 + success body: pending httpStatus");
});
