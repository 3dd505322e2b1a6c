#include "serve/try_page.hpp"

namespace tenet::serve {

const std::string& try_page_html() {
    static const std::string page = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tenet: try a case</title>
<style>
body { font-family: sans-serif; margin: 1.5em; max-width: 70em; }
fieldset { margin: .6em 0; }
label { display: inline-block; min-width: 22em; }
.row { margin: .2em 0; }
table { border-collapse: collapse; }
td, th { border: 1px solid #bbb; padding: .2em .5em; text-align: left; }
#errors { color: #a00; white-space: pre-wrap; }
pre { background: #f4f4f4; padding: .6em; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>Try a case</h1>
<p>
<label for="ruleset">Ruleset</label> <select id="ruleset"></select><br>
<label for="lang">Explanation language</label>
<select id="lang"><option value="en">English</option><option value="es">Español</option></select><br>
<label for="token">Bearer token (when the service asks for one)</label> <input id="token" type="password">
</p>
<form id="case-form"></form>
<p><button id="evaluate" type="button">Evaluate</button></p>
<div id="errors"></div>
<h2>Decisions</h2>
<p id="version"></p>
<table id="decisions"></table>
<h2>Explanation</h2>
<pre id="explanation"></pre>
<script>
"use strict";
let schema = null;

function headers() {
  const h = {"Content-Type": "application/json"};
  const t = document.getElementById("token").value;
  if (t) h["Authorization"] = "Bearer " + t;
  return h;
}

function scalarInput(name, type) {
  let el;
  if (type.kind === "bool" || type.kind === "enum") {
    el = document.createElement("select");
    const choices = type.kind === "bool" ? ["true", "false"] : type.values;
    el.appendChild(new Option("", ""));
    for (const c of choices) el.appendChild(new Option(c, c));
  } else {
    el = document.createElement("input");
    el.type = "text";
    if (type.kind === "date") el.placeholder = "YYYY-MM-DD";
    if (type.kind === "money") el.placeholder = "0.00";
  }
  el.name = name;
  el.id = "fact-" + name;
  el.dataset.kind = type.kind;
  return el;
}

function addRow(fact, body) {
  const tr = document.createElement("tr");
  const index = body.children.length;
  const fields = fact.element.kind === "record" ? fact.element.fields : [Object.assign({name: ""}, fact.element)];
  for (const f of fields) {
    const td = document.createElement("td");
    td.appendChild(scalarInput(fact.path + "." + index + (f.name ? "." + f.name : ""), f));
    tr.appendChild(td);
  }
  body.appendChild(tr);
}

function buildForm() {
  const form = document.getElementById("case-form");
  form.innerHTML = "";
  const groups = {};
  for (const fact of schema.facts) {
    const group = fact.path.includes(".") ? fact.path.split(".")[0] : "case";
    if (!groups[group]) {
      const fs = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = group;
      fs.appendChild(legend);
      form.appendChild(fs);
      groups[group] = fs;
    }
    const div = document.createElement("div");
    div.className = "row";
    const label = document.createElement("label");
    label.textContent = fact.path;
    div.appendChild(label);
    if (fact.kind === "list") {
      const table = document.createElement("table");
      table.id = "list-" + fact.path;
      const head = document.createElement("tr");
      const fields = fact.element.kind === "record" ? fact.element.fields : [{name: "value"}];
      for (const f of fields) {
        const th = document.createElement("th");
        th.textContent = f.name;
        head.appendChild(th);
      }
      const thead = document.createElement("thead");
      thead.appendChild(head);
      const body = document.createElement("tbody");
      table.appendChild(thead);
      table.appendChild(body);
      const add = document.createElement("button");
      add.type = "button";
      add.id = "add-" + fact.path;
      add.textContent = "add a row";
      add.onclick = () => addRow(fact, body);
      const none = document.createElement("input");
      none.type = "checkbox";
      none.id = "empty-" + fact.path;
      const noneLabel = document.createElement("label");
      noneLabel.htmlFor = none.id;
      noneLabel.textContent = "none recorded (an empty list)";
      noneLabel.style.minWidth = "0";
      div.appendChild(add);
      div.appendChild(none);
      div.appendChild(noneLabel);
      div.appendChild(table);
    } else {
      label.htmlFor = "fact-" + fact.path;
      div.appendChild(scalarInput(fact.path, fact));
    }
    groups[group].appendChild(div);
  }
}

function valueOf(el) {
  const v = el.value.trim();
  if (v === "") return undefined;
  switch (el.dataset.kind) {
    case "bool": return v === "true";
    case "int": case "percent": return Number(v);
    default: return v;   // money and decimal as strings: read exactly by the service
  }
}

function setPath(obj, parts, value) {
  for (let i = 0; i < parts.length - 1; ++i) {
    const next = /^\d+$/.test(parts[i + 1]) ? [] : {};
    if (obj[parts[i]] === undefined) obj[parts[i]] = next;
    obj = obj[parts[i]];
  }
  obj[parts[parts.length - 1]] = value;
}

function caseJson() {
  const c = {};
  for (const fact of schema.facts) {
    if (fact.kind === "list") {
      const rows = document.getElementById("list-" + fact.path).tBodies[0].children;
      if (rows.length || document.getElementById("empty-" + fact.path).checked) setPath(c, fact.path.split("."), []);
      for (let i = 0; i < rows.length; ++i) {
        const item = {};
        let scalar;
        for (const el of rows[i].querySelectorAll("input, select")) {
          const v = valueOf(el);
          const field = el.name.slice(fact.path.length + 1).split(".").slice(1);
          if (v === undefined) continue;
          if (field.length) item[field[0]] = v; else scalar = v;
        }
        setPath(c, fact.path.split(".").concat([String(i)]), fact.element.kind === "record" ? item : scalar);
      }
    } else {
      const v = valueOf(document.getElementById("fact-" + fact.path));
      if (v !== undefined) setPath(c, fact.path.split("."), v);
    }
  }
  return c;
}

async function post(path, body) {
  const res = await fetch(path, {method: "POST", headers: headers(), body: JSON.stringify(body)});
  return [res.status, await res.json()];
}

async function evaluate() {
  const name = document.getElementById("ruleset").value;
  const lang = document.getElementById("lang").value;
  const errors = document.getElementById("errors");
  errors.textContent = "";
  const c = caseJson();
  const base = "/v1/rulesets/" + encodeURIComponent(name);
  const [status, result] = await post(base + "/evaluate", c);
  const table = document.getElementById("decisions");
  table.innerHTML = "";
  document.getElementById("explanation").textContent = "";
  if (status !== 200) {
    errors.textContent = result.error + "\n" + (result.errors || []).map(e => e.path + ": " + e.message).join("\n");
    return;
  }
  document.getElementById("version").textContent = result.ruleset + " version " + result.version + ", as of " + result.as_of;
  for (const [decision, value] of Object.entries(result.decisions)) {
    const tr = table.insertRow();
    tr.id = "decision-" + decision;
    tr.insertCell().textContent = decision;
    tr.insertCell().textContent = typeof value === "string" ? value : JSON.stringify(value);
  }
  for (const [decision, reasons] of Object.entries(result.unresolved || {})) {
    const tr = table.insertRow();
    tr.id = "decision-" + decision;
    tr.insertCell().textContent = decision;
    tr.insertCell().textContent = "unresolved: " + reasons.join(", ");
  }
  for (const [decision, message] of Object.entries(result.errors || {})) {
    const tr = table.insertRow();
    tr.id = "decision-" + decision;
    tr.insertCell().textContent = decision;
    tr.insertCell().textContent = "error: " + message;
  }
  const [s2, explained] = await post(base + "/explain?lang=" + lang, c);
  document.getElementById("explanation").textContent = s2 === 200 ? explained.text : explained.error;
  document.getElementById("explanation").lang = lang;
}

async function start() {
  const res = await fetch("/v1/rulesets", {headers: headers()});
  const list = await res.json();
  const select = document.getElementById("ruleset");
  for (const r of list.rulesets) select.appendChild(new Option(r.name, r.name));
  select.onchange = loadSchema;
  await loadSchema();
}

async function loadSchema() {
  const name = document.getElementById("ruleset").value;
  const res = await fetch("/v1/rulesets/" + encodeURIComponent(name) + "/facts", {headers: headers()});
  schema = await res.json();
  buildForm();
  document.body.dataset.ready = name;
}

document.getElementById("evaluate").onclick = evaluate;
start();
</script>
</body>
</html>
)HTML";
    return page;
}

}  // namespace tenet::serve
