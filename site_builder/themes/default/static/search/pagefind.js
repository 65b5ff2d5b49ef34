// The search API the search page's Pagefind UI loads (its bundlePath points here):
// Pagefind's own, from the main bundle, with every shard merged into it, plus a
// "newest first" order. Merged results are ranked by relevance across shards, but
// Pagefind cannot sort merged shards by date (each shard scores a hit by its rank
// within that shard), so newest first searches each shard on its own and puts the
// shards' results one after another, newest shard first: shards are months.
import * as pagefind from "../../pagefind/pagefind.js";

const main = new URL("../../pagefind/", import.meta.url).pathname;
const shards = []; // [bundle path, options], newest first, as the page merged them
const alone = new Map(); // bundle path → a Pagefind instance holding that shard only
let newestFirst = false;
let lastFilters = {};

export const options = (opts) => pagefind.options(opts);
export const filters = () => pagefind.filters();
export const destroy = () => pagefind.destroy();
export const preload = (term, opts) => (newestFirst ? undefined : pagefind.preload(term, opts));

export function mergeIndex(path, opts) {
  shards.push([path, { ...opts }]);
  return pagefind.mergeIndex(path, opts);
}

/** Switch the order; returns the filters of the last search, to search again with. */
export function setNewestFirst(on) {
  newestFirst = !!on;
  return lastFilters;
}

export async function search(term, opts = {}) {
  lastFilters = opts.filters || {};
  if (!newestFirst) return pagefind.search(term, opts);
  const each = await Promise.all(
    shards.map(([path, shardOptions], n) =>
      instance(path, shardOptions)
        .then((one) => one.search(term, { ...opts, sort: { date: "desc" } }))
        .then((found) => ({
          ...found,
          // one shard's result ids are unique in it, not across shards
          results: found.results.map((r) => ({ ...r, id: `${n}:${r.id}` })),
        }))
    )
  );
  return {
    results: each.flatMap((found) => found.results),
    unfilteredResultCount: each.reduce((sum, found) => sum + found.unfilteredResultCount, 0),
    filters: sumCounts(each.map((found) => found.filters)),
    totalFilters: sumCounts(each.map((found) => found.totalFilters)),
    timings: each.map((found) => found.timings),
  };
}

function instance(path, shardOptions) {
  if (!alone.has(path)) {
    // The main bundle brings the scripts and WebAssembly; it holds no article.
    const one = pagefind.createInstance({ basePath: main });
    alone.set(path, one.mergeIndex(path, shardOptions).then(() => one));
  }
  return alone.get(path);
}

function sumCounts(all) {
  const sum = {};
  for (const counts of all) {
    for (const [name, values] of Object.entries(counts || {})) {
      sum[name] = sum[name] || {};
      for (const [value, count] of Object.entries(values)) {
        sum[name][value] = (sum[name][value] || 0) + count;
      }
    }
  }
  return sum;
}
