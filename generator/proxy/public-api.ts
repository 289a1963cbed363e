/**
 * `import { startProxy } from "codebook/proxy"`: a validating proxy in front of
 * a provider's sandbox, for integration tests and for catching drift. A
 * runtime of its own, like codebook/mock: it reads the generated package,
 * never the YAML.
 */
export { startProxy, line, type ExchangeReport, type ProxyOptions, type ProxyServer } from "./server.ts";
export type { Finding, FindingKind } from "./findings.ts";
export type { RowSuggestion } from "./drift.ts";
export { DEFAULT_PROXY_LIMITS, type ProxyLimits } from "./limits.ts";
export { suggestFixtures, type FixtureSuggestion } from "./suggest.ts";
export { checkRecording } from "./check-recording.ts";
export { DEFAULT_REDACTED_HEADERS, readRecording, type RecordedExchange, type Recording, type RecordingHeader } from "../mock/recording.ts";
export { loadMockPackage as loadPackage, type MockPackage } from "../mock/load-package.ts";
