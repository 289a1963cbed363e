/**
 * `import { startMock } from "codebook/mock"`: a provider sandbox from a
 * generated API package, for integration tests. A runtime of its own, outside
 * the generator's stages: it reads the generated package, never the YAML.
 */
export { startMock, type MockOptions, type MockServer, type Scenario, type ScenarioInput, type StateView, type TransactionView } from "./server.ts";
export type { FlowAnswer, FlowInput, FlowStateSpec, IdempotencyRule, ReferenceSource } from "./flows.ts";
export { DEFAULT_LIMITS, type MockLimits } from "./limits.ts";
