// Print the top search results, with scores, that Material's own worker gives for queries.
//   node tests/tools/search-debug.mjs SITE_DIR "query one" "query two" ...
import { loadSearch } from "./material-search.mjs";

const [siteDir, ...queries] = process.argv.slice(2);
const search = await loadSearch(siteDir);
for (const q of queries) {
  console.log(`== ${q}`);
  for (const group of (await search(q)).slice(0, +(process.env.TOPN||5))) {
    const best = [...group].sort((a, b) => b.score - a.score)[0];
    console.log(`  ${best.score.toFixed(0).padStart(12)}  ${best.location}  [${String(best.title).replace(/<[^>]+>/g, "").slice(0, 70)}]`);
  }
}
