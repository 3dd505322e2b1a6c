// The site's stylesheet (screen and print) and its one script, the search box.
#include "doc/pages.hpp"

namespace tenet::doc {

const char* const kStyleCss =
    R"CSS(:root { --ink: #1d2430; --muted: #5a6475; --line: #d5dae3; --accent: #1a4d8f; --cited: #2e7d32; --uncited: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em; }
.skip:focus { left: .5em; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; justify-content: space-between; padding: .6em 1.5em; border-bottom: 1px solid var(--line); background: #f5f7fa; }
header.site nav { display: flex; gap: 1.2em; flex-wrap: wrap; align-items: center; }
header.site nav .home { font-weight: 700; }
form.search { position: relative; min-width: 22em; }
form.search label { position: absolute; left: -999px; }
form.search input { width: 100%; font: inherit; padding: .35em .6em; border: 1px solid #9aa4b5; border-radius: 4px; }
form.search .status { margin: 0; font-size: .8em; color: var(--muted); min-height: 1em; }
#search-results { overflow-x: hidden; list-style: none; margin: 0; padding: 0; position: absolute; right: 0; left: 0; background: #fff; border: 1px solid var(--line); max-height: 60vh; overflow: auto; z-index: 5; box-shadow: 0 4px 12px rgba(0,0,0,.12); }
#search-results:empty { display: none; }
#search-results li a { display: block; padding: .3em .6em; text-decoration: none; overflow-wrap: anywhere; }
#search-results li a:hover, #search-results li a:focus { background: #e8f0fb; }
#search-results .k { color: var(--muted); font-size: .8em; margin-left: .5em; }
main { max-width: 72em; margin: 0 auto; padding: 1em 1.5em 3em; }
footer { text-align: center; color: var(--muted); font-size: .85em; padding: 1em; border-top: 1px solid var(--line); }
h1 { margin: .4em 0 .2em; }
h1 .kind, .kind { font-size: .7em; font-weight: 500; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.lead { color: var(--muted); }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid var(--line); padding: .3em .8em; text-align: left; vertical-align: top; }
ul.counts { display: flex; flex-wrap: wrap; gap: .5em 1.5em; list-style: none; padding: 0; }
ul.columns { columns: 16em; padding-left: 1.2em; }
ul.columns li, aside.citers li, ul.names li { overflow-wrap: anywhere; }
ul.names { padding-left: 1.2em; margin: .2em 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.none { color: var(--muted); font-style: italic; }
.outside { color: var(--muted); }
.unresolved { color: var(--uncited); }
.near { color: var(--muted); font-size: .85em; }
.excerpt { color: var(--muted); margin-left: .4em; }
pre.code { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: .8em 1em; overflow-x: auto; font: 13.5px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.code .kw { color: #8b2c91; font-weight: 600; }
pre.code .ty { color: #0b6e6e; }
pre.code .num { color: #a34a00; }
pre.code .str { color: #2f6f1f; }
pre.code .com { color: #6a737d; font-style: italic; }
pre.code .def { color: #1a4d8f; font-weight: 700; }
pre.code .loc { color: #3b3b3b; font-style: italic; }
pre.code .fn { color: #6f42c1; }
pre.code a.ref { color: #1a4d8f; text-decoration: underline dotted; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85em; }
.example h3 { font-size: 1em; margin-bottom: .2em; }
.example .where { margin: 0; font-size: .8em; color: var(--muted); }
.para { display: grid; grid-template-columns: minmax(0, 1fr) 15em; gap: 1em; border-left: 4px solid transparent; padding: .2em .6em; margin: .3em 0; }
.para.plain { display: block; color: var(--muted); }
.para.cited { border-left-color: var(--cited); }
.para.uncited { border-left-color: var(--uncited); background: #fdf6f5; }
.para:target { background: #fff6d6; }
.para .label { margin: 0; font-size: 1em; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.45 Georgia, "DejaVu Serif", serif; margin: .2em 0; }
aside.citers { font-size: .9em; border-left: 1px solid var(--line); padding-left: .8em; }
aside.citers h4 { margin: 0; font-size: .85em; color: var(--muted); }
aside.citers ul { padding-left: 1.1em; margin: .2em 0; }
.uncited-note { color: var(--uncited); font-weight: 600; margin: 0; }
.running { color: #9aa1ad; font-size: .8em; }
.bar { display: inline-block; width: 6em; height: .7em; background: linear-gradient(to right, var(--cited) var(--share), #e4e7ec var(--share)); border-radius: 2px; }
@media (max-width: 50em) { .para, .two { grid-template-columns: 1fr; } form.search { min-width: 100%; } }
@media print {
  header.site, footer, .skip, form.search { display: none; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  pre.code, pre.text { white-space: pre-wrap; overflow-wrap: anywhere; border: none; background: none; }
  .para, figure, .example, tr { break-inside: avoid; }
  .para.uncited { background: none; }
  .uncited-note::before { content: "✗ "; }
  details > *:not(summary) { display: block; }
}
)CSS";

const char* const kSearchJs =
    R"JS(// The search box: filters window.TENET_SEARCH (search-index.js) as you type. Arrow keys move
// through the results, Enter follows the first one.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var entries = window.TENET_SEARCH;
  if (!form || !entries) return;
  form.hidden = false;
  var input = form.querySelector("input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var haystacks = entries.map(function (e) { return (e.n + " " + e.t + " " + e.c + " " + e.r).toLowerCase(); });
  function render() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var h = haystacks[i];
      if (words.every(function (w) { return h.indexOf(w) >= 0; })) hits.push(i);
    }
    // names that contain the words first
    hits.sort(function (a, b) {
      var na = entries[a].n.toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      var nb = entries[b].n.toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      return na - nb || entries[a].n.localeCompare(entries[b].n);
    });
    hits.slice(0, 50).forEach(function (i) {
      var li = document.createElement("li"), a = document.createElement("a"), k = document.createElement("span");
      a.href = entries[i].h;
      a.textContent = entries[i].n;
      k.className = "k";
      k.textContent = entries[i].k;
      a.appendChild(k);
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + (hits.length > 50 ? " (first 50 shown)" : "");
  }
  input.addEventListener("input", render);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("keydown", function (ev) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && links.length) { ev.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
    else if (ev.key === "ArrowUp" && links.length) { ev.preventDefault(); if (at <= 0) input.focus(); else links[at - 1].focus(); }
    else if (ev.key === "Escape") { input.value = ""; render(); input.focus(); }
  });
})();
)JS";

}  // namespace tenet::doc
