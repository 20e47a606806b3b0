// The browser specs that book the demo's few providers for new kinds of work (an on-site visit,
// a peer exchange, a team of two) each run against their own freshly seeded demo database, so no
// spec depends on the capacity another one used up: `scripts/test.sh` runs this configuration
// once per file in `tests-fresh/`. Everything else is the main configuration's.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({
  ...base,
  testDir: "./tests-fresh",
  outputDir: "./test-results-fresh",
});
