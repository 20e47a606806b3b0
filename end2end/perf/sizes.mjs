// What a browser downloads to show and hydrate each page, cold cache (issue 19): every page
// route of app/src/shell.rs, as the role that uses it, in Debian's headless Chromium. A
// measurement, not a test: it prints a table and asserts nothing about size.
//
//   node end2end/perf/sizes.mjs BASE_URL PASSWORD
//
// Each route is loaded once in a fresh browser context (empty cache; the role's signed-in session
// copied in), until the page says it is hydrated (`data-hydrated="true"`) and the network is idle.
// Every response's body is counted as sent (gzip-compressed, as the server sends it to browsers),
// by kind: the HTML document, CSS, JS, wasm (the main module and any split chunk the route loads),
// and server-function data fetched after hydration (`data`, listed apart: not code).
// A route with a parameter (`/coordinator/requests/:id`) takes the first matching link seen on a
// page already measured for that role; when none is seen it uses a sample value, marked `*`.
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const [base, password] = process.argv.slice(2);
if (!base || !password) {
  console.error("usage: node end2end/perf/sizes.mjs BASE_URL PASSWORD");
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

// The routes, read from the router itself so that a new page is measured without editing this.
function routes() {
  const source = readFileSync(path.join(root, "app", "src", "shell.rs"), "utf8");
  const found = [];
  for (const match of source.matchAll(/path=\(?((?:\s*(?:Static|Param)Segment\("[^"]*"\)\s*,?)+)\)?/g)) {
    const segments = [...match[1].matchAll(/(Static|Param)Segment\("([^"]*)"\)/g)].map(([, kind, name]) =>
      kind === "Param" ? `:${name}` : name,
    );
    const route = `/${segments.filter((s) => s !== "").join("/")}`;
    if (!found.includes(route)) found.push(route);
  }
  if (found.length < 20) {
    console.error(`only ${found.length} routes found in app/src/shell.rs: has the router moved?`);
    process.exit(1);
  }
  return found;
}

const ACCOUNTS = {
  anonymous: null,
  admin: "admin@tta.example.gov",
  coordinator: "coordinator@tta.example.gov",
  provider: "provider.phoenix@tta.example.gov",
  site: "contact.memphis@tta.example.gov",
};

// Who opens a route: the role its first segment names; public pages anonymously.
function roleOf(route) {
  const first = route.split("/")[1];
  if (first === "admin") return "admin";
  if (first === "coordinator" || first === "" || first === "tokens") return "coordinator";
  if (route === "/account") return "coordinator";
  if (first === "provider") return "provider";
  if (["requests", "engagements", "site"].includes(first)) return "site";
  return "anonymous";
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});

const sessions = {};
async function sessionOf(role) {
  if (role in sessions) return sessions[role];
  const email = ACCOUNTS[role];
  if (!email) return (sessions[role] = undefined);
  const context = await browser.newContext();
  const answer = await context.request.post(`${base}/api/auth/login`, {
    form: { email, password },
    headers: { Accept: "application/json" },
  });
  if (!answer.ok()) {
    console.error(`could not sign in as ${email}: HTTP ${answer.status()}`);
    process.exit(1);
  }
  sessions[role] = await context.storageState();
  await context.close();
  return sessions[role];
}

function kindOf(request) {
  const url = new URL(request.url());
  if (request.resourceType() === "document") return "html";
  if (url.pathname.endsWith(".wasm")) return "wasm";
  if (url.pathname.endsWith(".css")) return "css";
  if (url.pathname.endsWith(".js")) return "js";
  return "data";
}

async function measure(role, address) {
  const context = await browser.newContext({ storageState: await sessionOf(role) });
  const page = await context.newPage();
  const sizes = { html: 0, css: 0, js: 0, wasm: 0, data: 0, chunks: 0 };
  const pending = [];
  page.on("requestfinished", (request) => {
    pending.push(
      request.sizes().then((size) => {
        const kind = kindOf(request);
        sizes[kind] += size.responseBodySize;
        if (kind === "wasm") sizes.chunks += 1;
      }),
    );
  });
  const response = await page.goto(`${base}${address}`, { waitUntil: "load" });
  let hydrated = true;
  try {
    await page.waitForSelector('[data-hydrated="true"]', { timeout: 30_000 });
  } catch {
    hydrated = false;
  }
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  const html = await page.content();
  await context.close();
  return { status: response?.status() ?? 0, hydrated, sizes, html };
}

const seen = {};
function linkFor(role, route) {
  const pattern = new RegExp(`^${route.replace(/:[a-z_]+/g, "[^/?#\"]+")}$`);
  for (const html of [...(seen[role] ?? []), ...Object.values(seen).flat()]) {
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
      // Not another route's own address (`/requests/new` is not a `/requests/:id`).
      if (pattern.test(href) && !all.includes(href)) return href;
    }
  }
  return null;
}

const all = routes();
// Routes without parameters first, so their links can fill in the others.
const ordered = [...all.filter((r) => !r.includes(":")), ...all.filter((r) => r.includes(":"))];
const rows = [];
for (const route of ordered) {
  const role = roleOf(route);
  let address = route;
  let sample = false;
  if (route.includes(":")) {
    address = linkFor(role, route);
    if (!address) {
      address = route.replace(/:[a-z_]+/g, "1");
      sample = true;
    }
  }
  const result = await measure(role, address);
  (seen[role] ??= []).push(result.html);
  rows.push({ route, role, address, sample, ...result });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(
  "| route | as | status | hydrated | HTML KB | CSS KB | JS KB | wasm KB (files) | total KB | data KB |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
let worst = 0;
for (const row of rows.sort((a, b) => a.route.localeCompare(b.route))) {
  const s = row.sizes;
  const total = s.html + s.css + s.js + s.wasm;
  worst = Math.max(worst, total);
  console.log(
    `| ${row.address}${row.sample ? " *" : ""} | ${row.role} | ${row.status} | ${row.hydrated ? "yes" : "NO"} | ${kb(s.html)} | ${kb(s.css)} | ${kb(s.js)} | ${kb(s.wasm)} (${s.chunks}) | ${kb(total)} | ${kb(s.data)} |`,
  );
}
console.log(`\n${rows.length} routes; largest total ${kb(worst)} KB (gzip bytes as sent, cold cache).`);
console.log("* no link to such a page was seen: a sample parameter (the page may say it is not found).");
await browser.close();
