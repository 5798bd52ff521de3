/* The served site's search (workers/pagefind.js) lists the best 20 results; Material's count says
 * how many the list holds. The worker announces how many pages match on a BroadcastChannel, and
 * this script writes it into the count: "20 of 1,534 matching documents". Added to every page by
 * hooks/pagefind_search.py, only where Pagefind serves the search.
 */
(() => {
  if (typeof BroadcastChannel === "undefined")
    return
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}")
  const other = config.translations?.["search.result.other"] || "# matching documents"
  let last = null

  function update() {
    const meta = document.querySelector(".md-search-result__meta")
    const input = document.querySelector("input.md-search__input")
    if (!meta || !input || !last || last.query !== input.value || last.total <= last.shown)
      return
    const text = other.replace("#", `${last.shown} of ${last.total.toLocaleString("en")}`)
    if (meta.textContent !== text && /^\d/.test(meta.textContent))
      meta.textContent = text
  }

  /* Material sets the count when its results arrive, before or after the announcement. */
  const observed = new WeakSet()
  function watch() {
    const meta = document.querySelector(".md-search-result__meta")
    if (meta && !observed.has(meta)) {
      observed.add(meta)
      new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
    }
  }
  new BroadcastChannel("pagefind-search").addEventListener("message", ({ data }) => {
    last = data
    watch()
    update()
  })
  watch()
})()
