/// The script of `report.html`: reads the findings from the page's JSON data
/// (`HTMLReportData`), fills the filters, and shows one page of the findings table at a time
/// (`size` rows, 200 by default, grouped by resource), so a report of 100,000 findings builds
/// a few hundred table rows, not 100,000. Rows expand to their details on a click.
///
/// Safety: every value from the data reaches the page through `textContent`, `new Option` or
/// `setAttribute`, never as markup (no `innerHTML`); a remediation link is followed only when it
/// is an AWS documentation address. The page's state (filters, sort, page, expanded rows) lives
/// in the address's fragment (`#type=AWS%3A%3AS3%3A%3ABucket&public=yes&expand=all`), so a view
/// can be shared, the charts can link to filtered views, and tests can open one.
///
/// For tests and measurements, after the first page is shown the root element carries
/// `data-ready="true"` and `data-ready-ms` (`performance.now()`, milliseconds since navigation
/// began); the table carries `data-matching` (the number of findings that pass the filters),
/// `data-page` and `data-pages`; each finding row `data-id`. A script error is shown on the page
/// and counted in `data-script-errors`.
///
/// The text holds no `</script`, `<!--`, `src="` or `url(` (checked by the tests).
enum HTMLReportScript {
    static let source = #"""
(function () {
  "use strict";
  var root = document.documentElement;
  var errorCount = 0;
  function reportError(message) {
    errorCount += 1;
    root.setAttribute("data-script-errors", String(errorCount));
    var box = document.getElementById("script-error");
    if (box) {
      box.hidden = false;
      box.textContent = "The findings table could not be shown (" + message + "). findings.json and report.md hold the same findings.";
    }
  }
  window.addEventListener("error", function (event) { reportError(event.message || "error"); });

  var SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
  var STATUS_RANK = { ACTIVE: 0, ARCHIVED: 1, RESOLVED: 2 };
  var PAGE_SIZES = [50, 100, 200, 500, 1000];
  var COLUMNS = 11;
  var data, S, F, ST, at = {}, sat = {}, lower = null;
  var state, ordered = [], groupCount = {}, groupMax = {}, debounce = null;

  function byId(id) { return document.getElementById(id); }

  function defaults() {
    return { q: "", type: "", account: "", kind: "", status: "", severity: "", "public": "", "new": "",
             group: true, sort: "order", dir: "asc", page: 0, size: 200, expand: {}, expandAll: false };
  }

  function text(tag, content, className) {
    var element = document.createElement(tag);
    if (content !== undefined && content !== null) element.textContent = String(content);
    if (className) element.className = className;
    return element;
  }

  function badge(label, kind) { return text("span", label, "badge " + kind); }

  // State <-> the URL's fragment: #type=AWS%3A%3AS3%3A%3ABucket&public=yes&page=2
  function readHash() {
    var next = defaults();
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash) return next;
    hash.split("&").forEach(function (pair) {
      var cut = pair.indexOf("=");
      if (cut < 0) return;
      var key, value;
      try { key = decodeURIComponent(pair.slice(0, cut)); value = decodeURIComponent(pair.slice(cut + 1).replace(/\+/g, " ")); } catch (e) { return; }
      if (key === "group") next.group = value !== "0";
      else if (key === "page") next.page = Math.max(0, (parseInt(value, 10) || 1) - 1);
      else if (key === "size") { var size = parseInt(value, 10); if (PAGE_SIZES.indexOf(size) >= 0) next.size = size; }
      else if (key === "expand") {
        if (value === "all") next.expandAll = true;
        else value.split(",").forEach(function (id) { if (id) next.expand[id] = true; });
      }
      else if (key === "dir") next.dir = value === "desc" ? "desc" : "asc";
      else if (Object.prototype.hasOwnProperty.call(next, key) && typeof next[key] === "string") next[key] = value;
    });
    return next;
  }

  function writeHash() {
    var parts = [], base = defaults();
    ["q", "type", "account", "kind", "status", "severity", "public", "new", "sort", "dir"].forEach(function (key) {
      if (state[key] !== base[key]) parts.push(key + "=" + encodeURIComponent(state[key]));
    });
    if (!state.group) parts.push("group=0");
    if (state.page > 0) parts.push("page=" + (state.page + 1));
    if (state.size !== base.size) parts.push("size=" + state.size);
    if (state.expandAll) parts.push("expand=all");
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.location.hash !== hash) {
      try { window.history.replaceState(null, "", hash || window.location.pathname + window.location.search); } catch (e) { /* a page opened where history is closed keeps its address */ }
    }
  }

  // Filtering.
  function textMatcher(query) {
    if (!query) return null;
    var q = query.toLowerCase();
    if (!lower) lower = S.map(function (s) { return s.toLowerCase(); });
    var strings = new Uint8Array(S.length);
    for (var k = 0; k < lower.length; k++) if (lower[k].indexOf(q) >= 0) strings[k] = 1;
    var statements = new Uint8Array(ST.length);
    for (var m = 0; m < ST.length; m++) {
      var row = ST[m];
      if (strings[row[sat.file]] || (row[sat.sid] >= 0 && strings[row[sat.sid]]) || strings[row[sat.text]]) statements[m] = 1;
    }
    var single = ["resource", "resourceType", "account", "principal", "principalKind", "severityReason", "source"].map(function (name) { return at[name]; });
    return function (f) {
      if (f[at.id].toLowerCase().indexOf(q) >= 0 || f[at.severity].toLowerCase() === q || f[at.status].toLowerCase() === q) return true;
      for (var a = 0; a < single.length; a++) if (strings[f[single[a]]]) return true;
      var list = f[at.actions];
      for (var b = 0; b < list.length; b++) if (strings[list[b]]) return true;
      list = f[at.conditions];
      for (var c = 0; c < list.length; c++) if (strings[list[c]]) return true;
      list = f[at.statements];
      for (var d = 0; d < list.length; d++) if (statements[list[d]]) return true;
      list = f[at.witness];
      for (var w = 0; w < list.length; w++) if (strings[list[w]]) return true;
      return false;
    };
  }

  function filtered() {
    var matchText = textMatcher(state.q.trim());
    var out = [];
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      if (state.type && S[f[at.resourceType]] !== state.type) continue;
      if (state.account && S[f[at.account]] !== state.account) continue;
      if (state.kind && S[f[at.principalKind]] !== state.kind) continue;
      if (state.severity && f[at.severity] !== state.severity) continue;
      if (state.status === "open") { if (f[at.status] === "RESOLVED") continue; }
      else if (state.status && f[at.status] !== state.status) continue;
      if (state["public"] && (state["public"] === "yes") !== f[at.isPublic]) continue;
      if (state["new"] && (state["new"] === "yes") !== f[at.isNew]) continue;
      if (matchText && !matchText(f)) continue;
      out.push(i);
    }
    return out;
  }

  // Sorting: by a column, ties in report order (the order of findings.json).
  function sortKey(name) {
    switch (name) {
      case "severity": return function (f) { return f[at.severityScore]; };
      case "status": return function (f) { return STATUS_RANK[f[at.status]]; };
      case "public": return function (f) { return f[at.isPublic] ? 1 : 0; };
      case "new": return function (f) { return f[at.isNew] ? 1 : 0; };
      case "actions": return function (f) { return f[at.actions].length; };
      case "resource": case "resourceType": case "account": case "principal": case "principalKind":
        // Each distinct value's rank in string order, so the sort compares numbers.
        var column = at[name], seen = new Uint8Array(S.length), values = [], rank = new Int32Array(S.length);
        for (var i = 0; i < F.length; i++) { var k = F[i][column]; if (!seen[k]) { seen[k] = 1; values.push(k); } }
        values.sort(function (a, b) { return S[a] < S[b] ? -1 : S[a] > S[b] ? 1 : 0; });
        for (var r = 0; r < values.length; r++) rank[values[r]] = r;
        return function (f) { return rank[f[column]]; };
      default: return null;
    }
  }

  function sortAndGroup(indices) {
    var key = sortKey(state.sort);
    if (key) {
      var sign = state.dir === "desc" ? -1 : 1;
      var keys = new Array(F.length);
      for (var k = 0; k < indices.length; k++) keys[indices[k]] = key(F[indices[k]]);
      indices.sort(function (a, b) {
        var x = keys[a], y = keys[b];
        if (x < y) return -sign;
        if (x > y) return sign;
        return a - b;
      });
    } else if (state.dir === "desc") {
      indices.reverse();
    }
    groupCount = {};
    groupMax = {};
    for (var m = 0; m < indices.length; m++) {
      var f = F[indices[m]], r = f[at.resource];
      groupCount[r] = (groupCount[r] || 0) + 1;
      if (!(groupMax[r] >= f[at.severityScore])) groupMax[r] = f[at.severityScore];
    }
    if (!state.group) return indices;
    // Each resource's findings together, resources in the order of their first finding.
    var buckets = {}, order = [];
    for (var g = 0; g < indices.length; g++) {
      var resource = F[indices[g]][at.resource];
      if (!buckets[resource]) { buckets[resource] = []; order.push(resource); }
      buckets[resource].push(indices[g]);
    }
    var grouped = [];
    for (var h = 0; h < order.length; h++) Array.prototype.push.apply(grouped, buckets[order[h]]);
    return grouped;
  }

  // Rendering: one page of findings (state.size rows), never the whole set.
  function actionsText(list) {
    var names = list.map(function (k) { return S[k]; });
    return names.length <= 8 ? names.join(", ") : names.slice(0, 6).join(", ") + ", \u2026 (" + names.length + " actions)";
  }

  function severityLabel(score) {
    return score >= 9 ? "CRITICAL" : score >= 7 ? "HIGH" : score >= 4 ? "MEDIUM" : "LOW";
  }

  function groupRow(f, continued) {
    var row = document.createElement("tr");
    row.className = "group";
    var cell = document.createElement("td");
    cell.colSpan = COLUMNS;
    var r = f[at.resource];
    cell.appendChild(badge(severityLabel(groupMax[r]), severityLabel(groupMax[r])));
    cell.appendChild(text("code", S[r], "arn"));
    cell.appendChild(text("span", S[f[at.resourceType]] + " \u00b7 account " + S[f[at.account]] + " \u00b7 " + groupCount[r] +
      (groupCount[r] === 1 ? " finding" : " findings") + (continued ? " (continued)" : ""), "group-meta"));
    row.appendChild(cell);
    return row;
  }

  function findingRow(i) {
    var f = F[i], open = isExpanded(i);
    var row = document.createElement("tr");
    row.className = "finding" + (open ? " open" : "");
    row.setAttribute("data-id", f[at.id]);
    row.setAttribute("data-index", String(i));
    var toggle = text("button", open ? "\u25be" : "\u25b8", "toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.setAttribute("aria-label", "details of " + f[at.id]);
    var cells = [toggle, badge(f[at.severity], f[at.severity]), badge(f[at.status], f[at.status])];
    // Grouped, the group's row names the resource, its type and account (their columns are hidden).
    if (!state.group) cells.push(text("code", S[f[at.resource]]), text("span", S[f[at.resourceType]]), text("code", S[f[at.account]]));
    cells.push(text("code", S[f[at.principal]]));
    cells.push(text("span", S[f[at.principalKind]]));
    cells.push(text("code", actionsText(f[at.actions])));
    cells.push(f[at.isPublic] ? badge("PUBLIC", "PUBLIC") : text("span", ""));
    cells.push(f[at.isNew] ? badge("NEW", "NEW") : text("span", ""));
    cells.forEach(function (content) { var cell = document.createElement("td"); cell.appendChild(content); row.appendChild(cell); });
    return row;
  }

  function detailRow(i) {
    var f = F[i];
    var row = document.createElement("tr");
    row.className = "detail";
    var cell = document.createElement("td");
    cell.colSpan = COLUMNS;
    var list = document.createElement("dl");
    function item(label, content) {
      list.appendChild(text("dt", label));
      var dd = document.createElement("dd");
      if (typeof content === "string") dd.textContent = content; else dd.appendChild(content);
      list.appendChild(dd);
    }
    function codes(values) {
      var box = document.createElement("div");
      values.forEach(function (value) { box.appendChild(text("code", value)); box.appendChild(document.createElement("br")); });
      return box;
    }
    item("Id", text("code", f[at.id]));
    item("Resource", codes([S[f[at.resource]]]));
    item("Type, account", S[f[at.resourceType]] + ", account " + S[f[at.account]]);
    item("Principal", codes([S[f[at.principal]] + " (" + S[f[at.principalKind]] + ")"]));
    item("Actions", codes(f[at.actions].map(function (k) { return S[k]; })));
    item("Conditions", f[at.conditions].length ? codes(f[at.conditions].map(function (k) { return S[k]; })) : "none");
    item("Severity", f[at.severity] + " (" + f[at.severityScore].toFixed(1) + "): " + S[f[at.severityReason]]);
    var advice = document.createElement("span");
    advice.appendChild(document.createTextNode(S[f[at.remediation]] + " "));
    var link = S[f[at.learnMoreLink]];
    if (/^https:\/\/docs\.aws\.amazon\.com\//.test(link)) {
      var anchor = text("a", "Learn more");
      anchor.href = link;
      advice.appendChild(anchor);
    }
    item("Remediation", advice);
    item("Source", S[f[at.source]]);
    if (f[at.path].length) {
      var hops = document.createElement("ol");
      f[at.path].forEach(function (k) { hops.appendChild(text("li", S[k])); });
      item("Path through roles", hops);
    }
    item("Seen", S[f[at.seen]]);
    cell.appendChild(list);
    f[at.statements].forEach(function (k) {
      cell.appendChild(text("div", "Granted by " + statementLabel(ST[k]) + ":", "caption"));
      cell.appendChild(text("pre", S[ST[k][sat.text]], "statement"));
    });
    cell.appendChild(text("div", "Witness (a request that gets in; rampart simulate --request reads it):", "caption"));
    cell.appendChild(text("pre", f[at.witness].map(function (k) { return S[k]; }).join(""), "witness"));
    row.appendChild(cell);
    return row;
  }

  // As ReportText.statementLabel: "statement 0 (Sid) in file:2 $.Policy".
  function statementLabel(row) {
    var sid = row[sat.sid] >= 0 ? " (" + S[row[sat.sid]] + ")" : "";
    var line = row[sat.line] >= 0 ? ":" + row[sat.line] : "";
    var path = S[row[sat.documentPath]] === "$" ? "" : " " + S[row[sat.documentPath]];
    return "statement " + row[sat.statementIndex] + sid + " in " + S[row[sat.file]] + line + path;
  }

  function isExpanded(i) { return state.expandAll || state.expand[F[i][at.id]] === true; }

  function pages() { return Math.max(1, Math.ceil(ordered.length / state.size)); }

  function renderPage() {
    if (state.page >= pages()) state.page = pages() - 1;
    var start = state.page * state.size, end = Math.min(ordered.length, start + state.size);
    var body = document.createDocumentFragment();
    var previous = -1;
    for (var k = start; k < end; k++) {
      var i = ordered[k], f = F[i];
      if (state.group && f[at.resource] !== previous) {
        body.appendChild(groupRow(f, k === start && k > 0 && F[ordered[k - 1]][at.resource] === f[at.resource]));
        previous = f[at.resource];
      }
      body.appendChild(findingRow(i));
      if (isExpanded(i)) body.appendChild(detailRow(i));
    }
    if (ordered.length === 0) {
      var empty = document.createElement("tr");
      var cell = text("td", F.length === 0 ? "No findings." : "No finding matches the filters.", "empty");
      cell.colSpan = COLUMNS;
      empty.appendChild(cell);
      body.appendChild(empty);
    }
    var tbody = byId("findings-body");
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    tbody.appendChild(body);

    var table = byId("findings-table");
    table.className = state.group ? "findings grouped" : "findings";
    table.setAttribute("data-matching", String(ordered.length));
    table.setAttribute("data-page", String(state.page + 1));
    table.setAttribute("data-pages", String(pages()));
    var summary = ordered.length === 0 ? "0 of " + F.length.toLocaleString("en-US") + " findings match" :
      "Findings " + (start + 1).toLocaleString("en-US") + "\u2013" + end.toLocaleString("en-US") + " of " +
      ordered.length.toLocaleString("en-US") + " matching" + (ordered.length !== F.length ? " (" + F.length.toLocaleString("en-US") + " in all)" : "") +
      " \u00b7 page " + (state.page + 1) + " of " + pages();
    byId("table-status").textContent = summary;
    ["first", "previous"].forEach(function (name) { byId("page-" + name).disabled = state.page === 0; });
    ["next", "last"].forEach(function (name) { byId("page-" + name).disabled = state.page >= pages() - 1; });
    Array.prototype.forEach.call(document.querySelectorAll("#findings-table th[data-sort]"), function (th) {
      var key = th.getAttribute("data-sort");
      th.setAttribute("aria-sort", key === state.sort ? (state.dir === "desc" ? "descending" : "ascending") : "none");
    });
    writeHash();
  }

  function update() {
    ordered = sortAndGroup(filtered());
    renderPage();
  }

  function showState() {
    byId("f-q").value = state.q;
    ["type", "account", "kind", "status", "severity", "public", "new"].forEach(function (key) {
      var select = byId("f-" + key);
      select.value = state[key];
      if (select.value !== state[key]) state[key] = "";
    });
    byId("f-sort").value = state.sort;
    if (byId("f-sort").value !== state.sort) { state.sort = "order"; byId("f-sort").value = "order"; }
    byId("f-dir").value = state.dir;
    byId("f-group").checked = state.group;
    byId("f-size").value = String(state.size);
  }

  function fillOptions(key, field) {
    var counts = {};
    for (var i = 0; i < F.length; i++) { var k = F[i][at[field]]; counts[k] = (counts[k] || 0) + 1; }
    var values = Object.keys(counts).map(Number).sort(function (a, b) { return S[a] < S[b] ? -1 : S[a] > S[b] ? 1 : 0; });
    var select = byId("f-" + key);
    values.forEach(function (k) { select.appendChild(new Option(S[k] + " (" + counts[k] + ")", S[k])); });
  }

  function listen() {
    ["type", "account", "kind", "status", "severity", "public", "new"].forEach(function (key) {
      byId("f-" + key).addEventListener("change", function (event) { state[key] = event.target.value; state.page = 0; update(); });
    });
    byId("f-q").addEventListener("input", function (event) {
      var value = event.target.value;
      if (debounce) window.clearTimeout(debounce);
      debounce = window.setTimeout(function () { state.q = value; state.page = 0; update(); }, 200);
    });
    byId("f-sort").addEventListener("change", function (event) { state.sort = event.target.value; state.page = 0; update(); });
    byId("f-dir").addEventListener("change", function (event) { state.dir = event.target.value; state.page = 0; update(); });
    byId("f-group").addEventListener("change", function (event) { state.group = event.target.checked; state.page = 0; update(); });
    byId("f-size").addEventListener("change", function (event) { state.size = parseInt(event.target.value, 10) || 200; state.page = 0; renderPage(); });
    byId("f-reset").addEventListener("click", function () { state = defaults(); showState(); update(); });
    byId("page-first").addEventListener("click", function () { state.page = 0; renderPage(); });
    byId("page-previous").addEventListener("click", function () { state.page = Math.max(0, state.page - 1); renderPage(); });
    byId("page-next").addEventListener("click", function () { state.page = Math.min(pages() - 1, state.page + 1); renderPage(); });
    byId("page-last").addEventListener("click", function () { state.page = pages() - 1; renderPage(); });
    Array.prototype.forEach.call(document.querySelectorAll("#findings-table th[data-sort] button"), function (button) {
      button.addEventListener("click", function () {
        var key = button.parentNode.getAttribute("data-sort");
        if (state.sort === key) state.dir = state.dir === "asc" ? "desc" : "asc";
        else { state.sort = key; state.dir = key === "severity" || key === "new" || key === "public" || key === "actions" ? "desc" : "asc"; }
        state.page = 0;
        showState();
        update();
      });
    });
    byId("findings-body").addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a, pre, tr.detail")) return;
      var row = event.target.closest ? event.target.closest("tr.finding") : null;
      if (!row) return;
      var i = parseInt(row.getAttribute("data-index"), 10);
      var id = F[i][at.id];
      if (isExpanded(i)) { state.expandAll = false; delete state.expand[id]; } else { state.expand[id] = true; }
      var next = row.nextSibling;
      if (next && next.className === "detail") next.parentNode.removeChild(next);
      var fresh = findingRow(i);
      row.parentNode.replaceChild(fresh, row);
      if (isExpanded(i)) fresh.parentNode.insertBefore(detailRow(i), fresh.nextSibling);
      var button = fresh.querySelector("button.toggle");
      if (button && event.target.className === "toggle") button.focus();
    });
    window.addEventListener("hashchange", function () {
      state = readHash();
      showState();
      update();
      var heading = byId("findings");
      if (heading && heading.scrollIntoView) heading.scrollIntoView();
    });
  }

  function start() {
    var element = byId("report-data");
    data = JSON.parse(element.textContent);
    // Parsed: the text is not needed again (for 100,000 findings it is tens of megabytes).
    element.textContent = "";
    S = data.strings;
    F = data.findings;
    ST = data.statements;
    data.fields.forEach(function (name, index) { at[name] = index; });
    data.statementFields.forEach(function (name, index) { sat[name] = index; });
    fillOptions("type", "resourceType");
    fillOptions("account", "account");
    fillOptions("kind", "principalKind");
    state = readHash();
    showState();
    listen();
    update();
    byId("findings-app").hidden = false;
    root.setAttribute("data-ready-ms", performance.now().toFixed(0));
    root.setAttribute("data-ready", "true");
  }

  try { start(); } catch (error) { reportError(error && error.message ? error.message : String(error)); }
})();
"""#
}
