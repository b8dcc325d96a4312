// 12345 operator page: paste a complaint, review the triage and the draft, edit and save, see recent drafts and the
// month's figures. Plain DOM: every piece of user or server text goes through textContent, never innerHTML.
"use strict";

const CATEGORY_COLORS = {
  "餐饮油烟": "#d9480f", "建筑施工噪声": "#5c7cfa", "交通运输噪声": "#1c7ed6", "社会生活噪声": "#7048e8",
  "扬尘": "#a58a5f", "散煤": "#495057", "烟花爆竹": "#e64980", "水环境": "#1098ad", "充电设施": "#37b24d", "其他": "#adb5bd",
};
const STATUS_NAMES = { draft: "草稿", edited: "已修改", sent: "已答复" };
const NO_STREET = "未注明";
const SVG = "http://www.w3.org/2000/svg";

let current = null;

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    // The session ended (expired, logged out elsewhere, or the key was changed).
    location.replace("/operator/login");
    throw new Error("请重新登录。");
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = data && (data.detail || data.title);
    throw new Error(detail || `请求失败（${response.status}）`);
  }
  return data;
}

function formatTime(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function units(list) {
  return list && list.length ? list.join("、") : "无";
}

function showDraft(draft) {
  current = draft;
  $("result").hidden = false;
  $("draft-id").textContent = `编号 ${draft.id.slice(0, 8)} · 第 ${draft.revision} 版`;
  const status = $("draft-status");
  status.textContent = STATUS_NAMES[draft.status] || draft.status;
  status.className = `badge ${draft.status}`;

  $("category").textContent = draft.category + (draft.alsoConcerns.length ? `（另涉及：${draft.alsoConcerns.join("、")}）` : "");
  $("street").textContent = draft.street
    ? `${draft.street}（依据：“${draft.streetEvidence}”）`
    : "未注明，请向来电人核实地址";
  $("where").textContent = draft.facts && draft.facts.where ? draft.facts.where : "未说明";
  $("time-of-day").textContent = !draft.timeOfDay ? "未说明"
    : draft.timeEvidence && draft.timeEvidence !== draft.timeOfDay ? `${draft.timeOfDay}（“${draft.timeEvidence}”）` : draft.timeOfDay;
  const handling = draft.handling;
  const row = (u) => u ? `${u.unit}（${u.ref} ${u.role}）` : "——";
  // Drafts made before the dispatch note had its own units show the triage's lists instead.
  $("lead-unit").textContent = handling ? row(handling.lead) : units(draft.leadUnits);
  $("local-unit").textContent = handling ? row(handling.local) : (draft.street ? `${draft.street}办事处` : "——");
  $("co-units").textContent = handling ? (handling.co.length ? handling.co.map(row).join("；") : "无") : units(draft.coUnits);
  const flags = $("flags");
  const flagList = handling ? handling.flags : [];
  flags.replaceChildren(...(flagList.length ? flagList.map((f) => el("span", f, "flag")) : [el("span", "无标记", "flag none")]));

  const basis = $("basis");
  basis.replaceChildren();
  for (const b of draft.basis) {
    const item = el("li");
    item.append(el("span", `${b.measureRef} `, "ref"), el("span", `${b.citation}（${b.deadline}）`));
    item.append(el("br"), el("span", b.measure, "measure"));
    basis.append(item);
  }
  if (!draft.basis.length) basis.append(el("li", "行动计划中没有直接对应的措施，请按常规派单规则确定承办单位。"));
  $("split-inferred").hidden = !draft.splitInferred;

  $("draft").value = draft.draft;
  countDraft();
  $("dispatch-note").textContent = draft.dispatchNote;
  const revisions = $("revisions");
  revisions.replaceChildren(...draft.revisions.map((r) =>
    el("li", `第 ${r.revision} 版 · ${STATUS_NAMES[r.status] || r.status} · ${formatTime(r.savedAt)}`)));
  const sent = draft.status === "sent";
  $("save").disabled = sent;
  $("send").disabled = sent;
  $("draft").readOnly = sent;
  $("save-message").textContent = sent ? "已答复，不能再修改。" : "";
}

// The supervisor's length rule counts characters without whitespace: 320 at most.
const MAX_REPLY = 320;
function countDraft() {
  const n = $("draft").value.replace(/\s/g, "").length;
  const count = $("draft-length");
  count.textContent = `${n} / ${MAX_REPLY} 字`;
  count.className = n > MAX_REPLY ? "count over" : "count";
}

async function submitComplaint(event) {
  event.preventDefault();
  const error = $("intake-error");
  error.hidden = true;
  const complaint = $("complaint").value.trim();
  if (!complaint) {
    error.textContent = "请填写诉求内容。";
    error.hidden = false;
    return;
  }
  const body = { complaint };
  const received = $("received-at").value;
  if (received) body.receivedAt = new Date(received).toISOString();
  $("triage").disabled = true;
  try {
    showDraft(await api("POST", "/api/hotline/drafts", body));
    await Promise.all([loadRecent(), loadStats()]);
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    $("triage").disabled = false;
  }
}

async function save(status) {
  if (!current) return;
  const message = $("save-message");
  try {
    const saved = await api("PUT", `/api/hotline/drafts/${encodeURIComponent(current.id)}`,
      { draft: $("draft").value, status, revision: current.revision });
    showDraft(saved);
    message.textContent = status === "sent" ? "已标记为已答复。" : `已保存为第 ${saved.revision} 版。`;
    await loadRecent();
  } catch (e) {
    message.textContent = e.message;
  }
}

async function loadRecent() {
  const params = new URLSearchParams({ limit: "20" });
  if ($("filter-street").value) params.set("street", $("filter-street").value);
  if ($("filter-category").value) params.set("category", $("filter-category").value);
  const rows = $("recent-rows");
  try {
    const list = await api("GET", `/api/hotline/drafts?${params}`);
    rows.replaceChildren(...list.map((d) => {
      const row = el("tr");
      row.dataset.id = d.id;
      row.append(el("td", formatTime(d.receivedAt)), el("td", d.category), el("td", d.street || NO_STREET),
        el("td", STATUS_NAMES[d.status] || d.status), el("td", d.excerpt));
      row.addEventListener("click", async () => showDraft(await api("GET", `/api/hotline/drafts/${encodeURIComponent(d.id)}`)));
      return row;
    }));
    $("recent-empty").hidden = list.length > 0;
  } catch (e) {
    rows.replaceChildren(el("tr", e.message));
  }
}

async function loadStats() {
  const month = $("month").value;
  if (!month) return;
  try {
    const stats = await api("GET", `/api/hotline/stats?month=${encodeURIComponent(month)}`);
    drawChart(stats);
    fillFilters(stats);
  } catch (e) {
    $("chart").replaceChildren(el("p", e.message, "error"));
  }
}

function fillFilters(stats) {
  for (const [id, values] of [["filter-street", stats.streets], ["filter-category", stats.categories]]) {
    const select = $(id);
    if (select.options.length > 1) continue;
    for (const value of values) select.append(new Option(value, value));
  }
}

// Horizontal bars, one per street (and one for complaints with no street), stacked by category.
function drawChart(stats) {
  $("month-total").textContent = `${stats.month} 共 ${stats.total} 件`;
  const rows = [...stats.streets];
  if (stats.byStreet.some((s) => s.street === null && s.count > 0)) rows.push(null);
  const max = Math.max(1, ...stats.byStreet.map((s) => s.count));
  const labelWidth = 110, barArea = 680, rowHeight = 24, top = 10;
  const height = top + rows.length * rowHeight + 30;
  const chart = svg("svg", { viewBox: `0 0 ${labelWidth + barArea + 60} ${height}`, "data-total": stats.total });

  rows.forEach((street, i) => {
    const y = top + i * rowHeight;
    chart.append(svg("text", { x: labelWidth - 8, y: y + 16, "text-anchor": "end", "font-size": 13, fill: "#1f2933" }, street ?? NO_STREET));
    let x = labelWidth;
    let total = 0;
    for (const category of stats.categories) {
      const cell = stats.cells.find((c) => c.category === category && c.street === street);
      if (!cell) continue;
      const width = (cell.count / max) * barArea;
      const rect = svg("rect", { x, y: y + 3, width, height: rowHeight - 6, fill: CATEGORY_COLORS[category] || "#868e96" });
      rect.append(svg("title", {}, `${street ?? NO_STREET} · ${category}：${cell.count} 件`));
      chart.append(rect);
      x += width;
      total += cell.count;
    }
    if (total > 0) chart.append(svg("text", { x: x + 6, y: y + 16, "font-size": 12, fill: "#616e7c" }, total));
  });
  chart.append(svg("line", { x1: labelWidth, y1: top, x2: labelWidth, y2: top + rows.length * rowHeight, stroke: "#9aa5b1" }));
  $("chart").replaceChildren(chart);

  const legend = $("legend");
  legend.replaceChildren(...stats.byCategory.map((c) => {
    const item = el("li");
    const swatch = el("span");
    swatch.style.background = CATEGORY_COLORS[c.category] || "#868e96";
    item.append(swatch, document.createTextNode(`${c.category} ${c.count}`));
    return item;
  }));
}

function thisMonth() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

async function logOut() {
  await fetch("/operator/logout", { method: "POST" }).catch(() => null);
  location.replace("/operator/login");
}

document.addEventListener("DOMContentLoaded", () => {
  $("logout").addEventListener("click", logOut);
  $("complaint-form").addEventListener("submit", submitComplaint);
  $("save").addEventListener("click", () => save("edited"));
  $("draft").addEventListener("input", countDraft);
  $("send").addEventListener("click", () => save("sent"));
  $("refresh").addEventListener("click", loadRecent);
  $("filter-street").addEventListener("change", loadRecent);
  $("filter-category").addEventListener("change", loadRecent);
  $("month").value = thisMonth();
  $("month").addEventListener("change", loadStats);
  loadRecent();
  loadStats();
});
