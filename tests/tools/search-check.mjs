// Run Material's own search worker over a built site and report where each case's term ranks.
//   node tests/tools/search-check.mjs SITE_DIR CASES.tsv [MORE.tsv ...]
//   node tests/tools/search-check.mjs SITE_DIR --all-names   (every name in glossary.json that belongs
//                                                             to one term only and has under six words)
//   node tests/tools/search-check.mjs SITE_DIR --typos KIND  (each term's name with one slip in the
//       middle of its first word of six letters or more; KIND: double, neighbour (a consonant typed
//       with the key beside it), insert (a key beside a letter typed before it as well) or vowel (an i
//       added between the two consonants nearest the middle))
// CASES: `query<TAB>expected` where expected is a term id, names separated by | (the format of
// ../shared/search/queries-public.tsv), or a page path such as topics/inflammation/.
// Prints one JSON line for each file: {file, top1, top3, total, cases: [...]} (the index is loaded once).
import fs from "node:fs";
import path from "node:path";
import { loadSearch } from "./material-search.mjs";

const [siteDir, ...casesFiles] = process.argv.slice(2);
const glossary = JSON.parse(fs.readFileSync(path.join(siteDir, "glossary.json"), "utf8"));
const fold = (s) => String(s).normalize("NFKC").toLowerCase().trim();
const byName = new Map();
for (const t of glossary) for (const n of [t.id, t.term, ...(t.aliases || [])]) if (!byName.has(fold(n))) byName.set(fold(n), t);
const page = (u) => String(u || "").replace(/#.*$/, "").replace(/^\.?\//, "").replace(/\/?$/, "/");

const search = await loadSearch(siteDir);

function allNames() {
  const owners = new Map();
  for (const t of glossary) {
    const ru = Array.isArray(t.ru) ? t.ru : t.ru ? [t.ru] : [];
    for (const n of [t.term, ...(t.aliases || []), ...ru]) {
      const k = fold(n);
      if (!owners.has(k)) owners.set(k, [n, new Set()]);
      owners.get(k)[1].add(t.id);
    }
  }
  return [...owners.values()].filter(([n, ids]) => ids.size === 1 && n.trim().split(/\s+/).length < 6)
    .map(([n, ids]) => [n, [...ids][0]]);
}
const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const beside = (c) => { for (const r of ROWS) { const i = r.indexOf(c); if (i >= 0) return r[i + 1] || r[i - 1]; } return null; };
function typos(kind) {
  const out = [];
  for (const t of glossary) {
    const ws = t.term.split(" ");
    const i = ws.findIndex((w) => /^[A-Za-z]{6,}$/.test(w));
    if (i < 0) continue;
    const w = ws[i], p = Math.floor(w.length / 2), c = w[p].toLowerCase();
    let slip = null;
    if (kind === "double") slip = w.slice(0, p) + w[p] + w.slice(p);
    else if (kind === "neighbour" && !"aeiouy".includes(c) && beside(c)) slip = w.slice(0, p) + beside(c) + w.slice(p + 1);
    else if (kind === "insert" && beside(c)) slip = w.slice(0, p) + beside(c) + w.slice(p);
    else if (kind === "vowel") {   // a vowel added between two consonants, the pair nearest the middle
      const v = (ch) => "aeiouy".includes(ch.toLowerCase());
      const at = [...w].map((_, k) => k).filter((k) => k > 0 && !v(w[k - 1]) && !v(w[k]))
        .sort((a, b) => Math.abs(a - p) - Math.abs(b - p))[0];
      if (at !== undefined) slip = w.slice(0, at) + "i" + w.slice(at);
    }
    if (slip) out.push([[...ws.slice(0, i), slip, ...ws.slice(i + 1)].join(" "), t.id]);
  }
  return out;
}
async function check(casesFile) {
  const cases = casesFile === "--all-names" ? allNames()
    : casesFile === "--typos" ? typos(casesFiles[1])
    : fs.readFileSync(casesFile, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"))
      .map((l) => l.split("\t")).filter((p) => p.length >= 2);
  const results = [];
  for (const [query, expected] of cases) {
    const term = expected.split("|").map((n) => byName.get(fold(n))).find(Boolean);
    const want = /^[a-z0-9-]+\/[a-z0-9-]*\/?$/.test(expected) ? page(expected) : term ? page(term.url) : null;
    const pages = (await search(query.trim())).map((g) => page(g[0] && g[0].location));
    const rank = want ? pages.indexOf(want) + 1 : 0;
    results.push({ query, want, rank, got: pages.slice(0, 3) });
  }
  console.log(JSON.stringify({ file: casesFile, top1: results.filter((r) => r.rank === 1).length,
    top3: results.filter((r) => r.rank >= 1 && r.rank <= 3).length, total: results.length, cases: results }));
}
for (const file of casesFiles[0].startsWith("--") ? casesFiles.slice(0, 1) : casesFiles) await check(file);
