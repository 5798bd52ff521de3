/* Material for MkDocs search worker backed by Pagefind (the served build; see hooks/pagefind_search.py).
 *
 * Material's search box talks to a web worker in four messages: SETUP (0, the index config),
 * READY (1), QUERY (2, the typed text) and RESULT (3, {items: [[document]]}). Its own worker
 * builds a lunr index from one search_index.json holding every page; this one answers the same
 * messages from Pagefind's chunked index, so a query downloads only the few index chunks and
 * result fragments it needs. Every file comes from the site itself (<site>/pagefind/).
 * The box, keyboard use, ?q= share links and ?h= highlights are Material's own, unchanged.
 *
 * Filters: a query may hold terms `name:value` or `name:"a value"` (FILTERS; `\"` and `\\` escape
 * inside quotes), which narrow the results by the Pagefind filters of paper pages
 * (hooks/pagefind_search.py) and are not searched as words. A query of filter terms alone lists
 * every page they match. assets/javascripts/search-filters.js writes them from its menus; as part of
 * the query they travel in Material's ?q= share links. After each query the worker announces the
 * counts of each filter value among its results on the "pagefind-filters" channel, and answers
 * {want: "all"} there with the counts over the whole index.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
/* Results listed for a query: their fragments are fetched before the list is shown. */
const LIMIT = 20
/* The site's root: this file is <root>/assets/javascripts/workers/pagefind.js. */
const ROOT = new URL("../../../", self.location.href)

let pagefind = null
let latest = 0
/* How many pages match, for the count under the search box (assets/javascripts/pagefind-count.js). */
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("pagefind-search")

const FILTERS = ["topic", "keyword", "year", "author", "venue"]
const FILTER_TERM = new RegExp(`(^|\\s)(${FILTERS.join("|")}):("(?:[^"\\\\]|\\\\.)*"|[^\\s"]+)`, "g")
const filterChannel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("pagefind-filters")

/* The query's filter terms as Pagefind filters ({topic: ["A"]}: every value must match), and its
 * remaining text. */
function parse(query) {
  const filters = {}
  const text = query.replace(FILTER_TERM, (_, space, name, value) => {
    const plain = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value
    if (plain)
      (filters[name] = filters[name] || []).push(plain)
    return space
  })
  return { text, filters }
}

/* Pagefind's script checks `window` for a browser; a worker has `self` only. */
if (typeof self.window === "undefined")
  self.window = self

function load() {
  if (!pagefind)
    pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(async module => {
      await module.options({ basePath: new URL("pagefind/", ROOT).pathname, baseUrl: ROOT.pathname })
      await module.init()
      return module
    })
  return pagefind
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* Lunr syntax Material users may type (+word, -word, word*, field:word) means nothing here. */
function clean(query) {
  return query.replace(/[*+~^:]+/g, " ").replace(/\s+/g, " ").trim()
}

/* A record's URL as a location relative to the site root, as Material's index has it (papers/x/).
 * hooks/pagefind_search.py stores them so; an absolute path (/root/papers/x/) is made relative. */
function relative(url) {
  if (!url.startsWith("/"))
    return url
  const path = new URL(url, ROOT).pathname
  return path.startsWith(ROOT.pathname) ? path.slice(ROOT.pathname.length) : path.replace(/^\//, "")
}

/* Words of a query, as Material splits them (its separator: whitespace and hyphens). */
function words(text) {
  return text.toLowerCase().split(/[\s\-]+/).filter(Boolean)
}

/* The page's text without its title (a record's content starts with it), as a snippet of at
 * most SNIPPET words that starts at the first word matching the query when that is far in, each
 * matching word marked like Material's own results. */
const SNIPPET = 60
function snippet(page, terms) {
  let content = page.content || ""
  const title = page.meta.title || ""
  if (title && content.startsWith(title))
    content = content.slice(title.length).replace(/^[\s.]+/, "")
  const all = content.split(/\s+/).filter(Boolean)
  const match = word => terms.some(term => word.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, "").startsWith(term))
  const first = all.findIndex(match)
  const start = first > SNIPPET / 3 ? first - 8 : 0
  const shown = all.slice(start, start + SNIPPET)
    .map(word => match(word) ? `<mark>${escapeHTML(word)}</mark>` : escapeHTML(word))
  return `<p>${start > 0 ? "… " : ""}${shown.join(" ")}${start + SNIPPET < all.length ? " …" : ""}</p>`
}

/* Keywords, as the hook stores them: a JSON list in the record's `tags` metadata. */
function tags(page) {
  try {
    const list = JSON.parse(page.meta.tags || "[]")
    return Array.isArray(list) && list.length ? list.map(tag => escapeHTML(String(tag))) : undefined
  } catch {
    return undefined
  }
}

async function search(query, seq) {
  const parsed = parse(query)
  const text = clean(parsed.text)
  const filtered = Object.keys(parsed.filters).length > 0
  if (!text && !filtered)
    return { items: [] }
  const module = await load()
  const found = await module.search(text || null, filtered ? { filters: parsed.filters } : {})
  if (seq !== latest || !found)
    return null
  filterChannel?.postMessage({ query, filters: found.filters || {} })
  const top = found.results.slice(0, LIMIT)
  const data = await Promise.all(top.map(result => result.data()))
  const terms = words(text)
  return {
    items: data.map((page, i) => [{
      location: relative(page.url),
      title: escapeHTML(page.meta.title || page.url),
      text: snippet(page, terms),
      tags: tags(page),
      score: top[i].score,
      terms: Object.fromEntries(terms.map(term => [term, true]))
    }]),
    total: found.results.length
  }
}

filterChannel?.addEventListener("message", async ({ data }) => {
  if (data && data.want === "all") {
    const module = await load()
    filterChannel.postMessage({ all: await module.filters() })
  }
})

self.addEventListener("message", async ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      self.postMessage({ type: READY })
      break
    case QUERY: {
      const seq = ++latest
      try {
        const data = await search(message.data, seq)
        if (data && seq === latest) {
          self.postMessage({ type: RESULT, data })
          channel?.postMessage({ query: message.data, shown: data.items.length, total: data.total || 0 })
        }
      } catch (err) {
        console.error("search failed:", err)
        if (seq === latest)
          self.postMessage({ type: RESULT, data: { items: [] } })
      }
      break
    }
  }
})
