/* Filter menus under the search box of the served site (Pagefind; added to every page by
 * hooks/pagefind_search.py). One menu for each Pagefind filter the index has (topic, keyword, year,
 * author, venue); menus combine (every chosen value must match). A choice is written into the query
 * as a term `name:"value"` (workers/pagefind.js reads such terms back out as filters), so a filtered
 * search is one query: Material's ?q= share link carries it, and opening such a link restores the
 * menus from the query. "Link to this search" under the menus is that link.
 *
 * Values come from the worker on the "pagefind-filters" channel: every value with its count in the
 * whole index ({want: "all"}, asked when the search box is first used), then after each query the
 * counts among its results. Every value is written as text (textContent, option.value), never markup.
 */
(() => {
  if (typeof BroadcastChannel === "undefined" || document.querySelector(".search-filters"))
    return
  const FILTERS = [["topic", "Topic"], ["keyword", "Keyword"], ["year", "Year"], ["author", "Author"], ["venue", "Venue"]]
  const MAX_OPTIONS = 200
  const TERM = new RegExp(`(^|\\s)(${FILTERS.map(f => f[0]).join("|")}):("(?:[^"\\\\]|\\\\.)*"|[^\\s"]+)`, "g")
  const input = document.querySelector("input.md-search__input")
  const wrap = document.querySelector(".md-search__scrollwrap")
  if (!input || !wrap)
    return
  const channel = new BroadcastChannel("pagefind-filters")
  let all = null
  let counts = null
  let asked = false

  const box = document.createElement("div")
  box.className = "search-filters"
  box.setAttribute("role", "group")
  box.setAttribute("aria-label", "Filter the results")
  box.hidden = true
  const menus = {}
  for (const [name, label] of FILTERS) {
    const field = document.createElement("label")
    field.hidden = true
    field.append(label + " ")
    const select = document.createElement("select")
    select.dataset.filter = name
    select.addEventListener("change", () => choose(name, select.value))
    field.append(select)
    box.append(field)
    menus[name] = select
  }
  const share = document.createElement("a")
  share.className = "search-filters__link"
  share.textContent = "Link to this search"
  share.hidden = true
  box.append(share)
  wrap.prepend(box)

  /* The query's filter terms: {name: [values]}, and the query without them. */
  function parse(query) {
    const chosen = {}
    const text = query.replace(TERM, (_, space, name, value) => {
      const plain = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value
      ;(chosen[name] = chosen[name] || []).push(plain)
      return space
    })
    return { text: text.replace(/\s+/g, " ").trim(), chosen }
  }

  function term(name, value) {
    return /^[^\s"\\]+$/.test(value) ? `${name}:${value}` : `${name}:"${value.replace(/["\\]/g, "\\$&")}"`
  }

  /* A menu's choice replaces the query's terms of that filter and runs the search again (Material
   * searches on keyup). */
  function choose(name, value) {
    const { text, chosen } = parse(input.value)
    chosen[name] = value ? [value] : []
    const terms = FILTERS.flatMap(([n]) => (chosen[n] || []).map(v => term(n, v)))
    input.value = [text, ...terms].filter(Boolean).join(" ")
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    render()
  }

  function render() {
    if (!all)
      return
    const { chosen } = parse(input.value)
    let shown = false
    for (const [name, label] of FILTERS) {
      const select = menus[name]
      const values = Object.entries(all[name] || {})
      select.parentElement.hidden = values.length === 0
      if (!values.length)
        continue
      shown = true
      const current = counts && counts[name] ? counts[name] : null
      const selected = (chosen[name] || [])[0] || ""
      let listed = values
        .map(([value, total]) => [value, current ? current[value] || 0 : total])
        .filter(([value, n]) => n > 0 || value === selected)
      if (name === "year")
        listed.sort((a, b) => b[0].localeCompare(a[0]))
      else
        listed.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      listed = listed.slice(0, MAX_OPTIONS)
      if (selected && !listed.some(([value]) => value === selected))
        listed.unshift([selected, 0])
      const any = new Option(`any ${label.toLowerCase()}`, "")
      select.replaceChildren(any, ...listed.map(([value, n]) => new Option(`${value} (${n})`, value)))
      select.value = selected
    }
    box.hidden = !shown
    share.hidden = !input.value.trim()
    share.href = `?q=${encodeURIComponent(input.value.trim())}`
  }

  channel.addEventListener("message", ({ data }) => {
    if (data && data.all) {
      all = data.all
      render()
    } else if (data && data.filters && data.query === input.value) {
      counts = parse(data.query).text || Object.keys(parse(data.query).chosen).length ? data.filters : null
      render()
    }
  })

  /* The worker may not listen yet (it starts with the page): ask again until it answers. */
  function ask() {
    if (!asked) {
      asked = true
      let tries = 0
      const again = () => {
        if (all || tries++ > 20)
          return
        channel.postMessage({ want: "all" })
        setTimeout(again, 500)
      }
      again()
    }
    render()
  }
  input.addEventListener("focus", ask)
  input.addEventListener("keyup", () => {
    if (!input.value.trim())
      counts = null
    render()
  })
  if (new URLSearchParams(location.search).has("q"))
    ask()
})()
