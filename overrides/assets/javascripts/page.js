{#- Rendered by MkDocs as a theme static template (theme.static_templates in mkdocs.yml): the same
    file for every page, loaded by partials/javascripts/palette.html. Lean pages: what Material
    inlines in every page (BENCHMARKS.md, "Lean pages, second round"). -#}
{% import "partials/language.html" as lang with context -%}
{%- set features = config.theme.features or [] -%}
{%- set shared = {
  "features": features,
  "translations": {
    "clipboard.copy": lang.t("clipboard.copy"),
    "clipboard.copied": lang.t("clipboard.copied"),
    "search.result.placeholder": lang.t("search.result.placeholder"),
    "search.result.none": lang.t("search.result.none"),
    "search.result.one": lang.t("search.result.one"),
    "search.result.other": lang.t("search.result.other"),
    "search.result.more.one": lang.t("search.result.more.one"),
    "search.result.more.other": lang.t("search.result.more.other"),
    "search.result.term.missing": lang.t("search.result.term.missing"),
    "select.version": lang.t("select.version")
  }
} -%}
{%- if config.extra.annotate %}{% set _ = shared.update({"annotate": config.extra.annotate}) %}{% endif -%}
{%- if config.extra.tags %}{% set _ = shared.update({"tags": config.extra.tags}) %}{% endif -%}
{%- if config.extra.version and (not config.plugins.mike or config.plugins.mike.config.version_selector) %}{% set _ = shared.update({"version": config.extra.version}) %}{% endif -%}
/* Shared by every page of the site, in place of Material's inline scripts (overrides/partials/javascripts/).
 * 1. Material's head script: __md_scope (the site's root, here from this file's own URL, which is
 *    <root>/assets/javascripts/page.js, so that one file serves pages at any depth), __md_get, __md_set.
 * 2. The members of Material's configuration that every page shares, added to the page's own
 *    #__config (base URL, search worker) before Material's bundle reads it.
 * 3. The header's palette form and search box (partials/palette.html and partials/search.html, rendered
 *    here once, their icons as stylesheet classes, minified: hooks/icons.py, hooks/minify.py), which
 *    partials/header.html leaves out of every page: inserted before and after this file's script
 *    element while the header is parsed, where Material's header has them.
 *    Then Material's palette script: the palette the reader chose, applied before the page is painted.
 * 4. Keywords without a page of their own (`.k a` with no href, generator/site/templates/_macros.j2, `kw`)
 *    become links to a search for them, `?q=<data-q or text>` with target=_top (a full page load, so
 *    Material opens its search with the query), on each page Material shows (document$).
 */
{% if config.extra.scope -%}
__md_scope=new URL({{ config.extra.scope | tojson }},location),
{%- else -%}
__md_scope=new URL("../..",document.currentScript.src),
{%- endif -%}
__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
{%- if config.theme.palette and config.theme.palette is not mapping %}{% set palette_form %}{% include "partials/palette.html" %}{% endset %}{% else %}{% set palette_form = "" %}{% endif -%}
{%- set search_box = "" -%}
{%- if "material/search" in config.plugins and (config.plugins["material/search"] | attr("config")).enabled -%}
{%- set search_box -%}
<label class="md-header__button md-icon" for="__search">
  {% set icon = config.theme.icon.search or "material/magnify" %}
  {% include ".icons/" ~ icon ~ ".svg" %}
</label>
{% include "partials/search.html" %}
{%- endset -%}
{%- endif -%}
(function(s){s.insertAdjacentHTML("beforebegin",{{ palette_form | theme_icons | minified | tojson }});s.insertAdjacentHTML("afterend",{{ search_box | theme_icons | minified | tojson }})})(document.currentScript);
(function(){var e=document.getElementById("__config");if(e)e.textContent=JSON.stringify(Object.assign(JSON.parse(e.textContent),{{ shared | tojson }}))})();
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
addEventListener("DOMContentLoaded",function(){var k=function(){document.querySelectorAll(".k a:not([href])").forEach(function(a){a.href="?q="+encodeURIComponent(a.dataset.q||a.textContent).replace(/%20/g,"+"),a.target="_top"})};typeof document$!=="undefined"?document$.subscribe(k):k()});
