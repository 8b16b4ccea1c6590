// Print the top search results, with scores, that Material's own worker gives for queries.
//   node tests/tools/search-debug.mjs SITE_DIR "query one" "query two" ...
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [siteDir, ...queries] = process.argv.slice(2);
const workerDir = path.join(siteDir, "assets", "javascripts", "workers");
const workerFile = fs.readdirSync(workerDir).find((f) => /^search\..*\.min\.js$/.test(f));
const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"));
let listener = null;
const outbox = [];
const ctx = { console, setTimeout, Promise, addEventListener: (t, fn) => { if (t === "message") listener = fn; },
  postMessage: (m) => outbox.push(m), importScripts: () => {}, location: { href: "http://localhost/" }, navigator: {} };
ctx.self = ctx; ctx.globalThis = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(workerDir, workerFile), "utf8"), ctx);
async function send(msg) { outbox.length = 0; await listener({ data: msg }); await new Promise((r) => setTimeout(r, 0)); return outbox[0]; }
await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
for (const q of queries) {
  const res = await send({ type: 2, data: q });
  console.log(`== ${q}`);
  for (const group of (res.data.items || []).slice(0, 5)) {
    const best = [...group].sort((a, b) => b.score - a.score)[0];
    console.log(`  ${best.score.toFixed(0).padStart(12)}  ${best.location}  [${String(best.title).replace(/<[^>]+>/g, "").slice(0, 70)}]`);
  }
}
