// Largest Contentful Paint of chosen pages, cold cache, in Debian's headless Chromium with the
// network throttled to a 4G-like link through the Chrome DevTools Protocol (issue 19). A
// measurement, not a test: it prints a table and asserts nothing about time.
//
//   node end2end/perf/lcp.mjs BASE_URL EMAIL PASSWORD PATH [PATH...]
//
// Each page is loaded RUNS times (default 5), each time in a fresh browser context (empty cache,
// the signed-in session copied in), and the median, minimum and maximum LCP are printed with the
// bytes the page transferred. The link: Lighthouse's mobile profile (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up), the slowest link commonly called 4G.
import { chromium } from "@playwright/test";

const [base, email, password, ...paths] = process.argv.slice(2);
if (!base || !email || !password || paths.length === 0) {
  console.error("usage: node end2end/perf/lcp.mjs BASE_URL EMAIL PASSWORD PATH [PATH...]");
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 5);
const link = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});

// Sign in once, unthrottled; every measured load starts from this session with an empty cache.
const signIn = await browser.newContext();
const answer = await signIn.request.post(`${base}/api/auth/login`, {
  form: { email, password },
  headers: { Accept: "application/json" },
});
if (!answer.ok()) {
  console.error(`could not sign in as ${email}: HTTP ${answer.status()}`);
  process.exit(1);
}
const session = await signIn.storageState();
await signIn.close();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measure(path) {
  const context = await browser.newContext({ storageState: session });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", link);
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
  });
  await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  // Every download (the wasm too) has landed; read the last LCP candidate the page recorded.
  await page.waitForTimeout(500);
  const lcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1].startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(Number.NaN), 5000);
      }),
  );
  await context.close();
  return { lcp, bytes };
}

console.log(`| page | LCP median | min | max | bytes transferred | runs |`);
console.log(`|---|---|---|---|---|---|`);
for (const path of paths) {
  const samples = [];
  for (let run = 0; run < runs; run += 1) samples.push(await measure(path));
  const lcps = samples.map((sample) => sample.lcp);
  const ms = (value) => `${Math.round(value)} ms`;
  console.log(
    `| ${path} | ${ms(median(lcps))} | ${ms(Math.min(...lcps))} | ${ms(Math.max(...lcps))} | ${samples[0].bytes.toLocaleString("en-US")} | ${runs} |`,
  );
}
await browser.close();
