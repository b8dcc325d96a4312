// Staff page: my unit's duties on the plan year's months, what falls due, what is overdue, the month's report form
// (draft, then submit), the rows whose lead/co split is inferred (confirm or correct, citing the document); for the
// coordinating unit and admins, who has reported, the export and the split proposals to approve or reject. Plain DOM: every piece
// of user or server text goes through textContent, never innerHTML. The unit key lives in this tab's sessionStorage.
"use strict";

const KEY = "assistant-staff-key";
const $ = (id) => document.getElementById(id);

let me = null;
let duties = null;
let month = null;
let mine = null;
let selected = null;
let splits = null;
let splitRow = null;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: Object.assign({ "X-Api-Key": sessionStorage.getItem(KEY) || "" }, body ? { "Content-Type": "application/json" } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    logout("密钥无效或已被吊销，请重新输入。");
    throw new Error("请重新登录。");
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    const error = new Error((data && (data.detail || data.title)) || `请求失败（${response.status}）`);
    error.status = response.status;
    throw error;
  }
  return response;
}

const getJson = async (url) => (await api("GET", url)).json();

function monthNumber(key) { return Number(key.slice(5, 7)); }
function monthKey(n) { return `2024-${String(n).padStart(2, "0")}`; }
function formatTime(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function logout(message) {
  sessionStorage.removeItem(KEY);
  $("work-view").hidden = true;
  $("login-view").hidden = false;
  $("logout").hidden = true;
  $("header-unit").textContent = "";
  const error = $("login-error");
  error.hidden = !message;
  error.textContent = message || "";
}

async function login(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("key").value.trim());
  $("key").value = "";
  await start();
}

async function start() {
  if (!sessionStorage.getItem(KEY)) {
    logout();
    return;
  }
  try {
    me = await getJson("/api/staff/me");
  } catch (e) {
    if (e.status === 403) logout("该密钥不是工作人员密钥。");
    return;
  }
  $("login-view").hidden = true;
  $("work-view").hidden = false;
  $("logout").hidden = false;
  $("coordinator").textContent = me.coordinator;
  $("header-unit").textContent = me.unit ? `· ${me.unit}${me.isCoordinator ? "（牵头汇总单位）" : ""}` : "· 管理员";
  $("today").textContent = `当前为计划年度 ${me.currentMonth}（按北京时间今日所在月份对应2024年）`;
  const select = $("month");
  select.replaceChildren();
  for (let n = monthNumber(me.currentMonth); n >= 1; n--) select.append(new Option(`${monthKey(n)}`, monthKey(n)));
  const status = $("status");
  status.replaceChildren(...me.statuses.map((s) => new Option(s, s)));
  $("calendar-link").hidden = !me.unit;
  $("no-unit").hidden = Boolean(me.unit || me.isAdmin);
  for (const node of document.querySelectorAll(".coordinator-name")) node.textContent = me.coordinator;
  await loadDuties();
  await load(me.currentMonth);
}

async function loadDuties() {
  duties = me.unit ? await getJson(`/api/units/${encodeURIComponent(me.unit)}/duties`) : null;
}

async function load(key) {
  month = key;
  $("month").value = key;
  const views = [];
  if (me.unit) views.push(getJson(`/api/progress/${key}?unit=${encodeURIComponent(me.unit)}`).then((v) => { mine = v; }));
  let all = null;
  if (me.isCoordinator || me.isAdmin) views.push(getJson(`/api/progress/${key}`).then((v) => { all = v; }));
  views.push(getJson("/api/splits").then((v) => { splits = v; }));
  await Promise.all(views);
  for (const id of ["due", "overdue-mine", "report", "splits", "timeline"]) $(id).hidden = !me.unit;
  $("coordination").hidden = !all;
  if (me.unit) {
    renderDue();
    renderOverdue();
    renderReports();
    renderSplits();
    renderTimeline();
  }
  if (all) renderCoordination(all);
  $("split-review").hidden = !splits.decides;
  if (splits.decides) renderSplitReview();
}

// 待确认的分工: the unit's inferred rows, and what it has proposed on each.
const roleName = (role) => (role === "lead" ? "主责单位" : "协办单位");

function proposalText(p) {
  const as = p.namedAs === p.unit ? "" : `（以“${p.namedAs}”名义）`;
  if (p.status !== "pending") return `${roleName(p.role)}${as}`;
  if (!p.currentRole) return `${roleName(p.role)}${as}（该单位已不在此行）`;
  return p.currentRole === p.role ? `确认为${roleName(p.role)}${as}` : `更正：${roleName(p.currentRole)} → ${roleName(p.role)}${as}`;
}

function latestProposal(ref) {
  return splits.proposals.filter((p) => p.measureRef === ref && p.unit === me.unit).sort((a, b) => b.id - a.id)[0] || null;
}

function splitState(p) {
  if (!p) return el("span", "待确认", "badge");
  if (p.status === "pending") return el("span", `已提交：${p.role === "lead" ? "主责" : "协办"} · 待审核`, "badge draft");
  if (p.status === "rejected") return el("span", `未通过：${p.reason || ""}`, "badge late");
  return el("span", "已通过", "badge done");
}

function renderSplits() {
  const rows = splits.rows;
  $("split-count").textContent = String(rows.length);
  $("split-empty").hidden = rows.length > 0;
  $("split-rows").replaceChildren(...rows.map((r) => {
    const tr = el("tr");
    tr.dataset.ref = r.measureRef;
    if (splitRow && splitRow.measureRef === r.measureRef) tr.classList.add("selected");
    const state = el("td");
    state.append(splitState(latestProposal(r.measureRef)));
    tr.append(el("td", r.measureRef), el("td", r.taskName), el("td", r.deadline), el("td", r.namedAs), el("td", roleName(r.role)), el("td", r.note || ""), state);
    tr.addEventListener("click", () => openSplit(r));
    return tr;
  }));
  // Settled rows leave the list; what the unit had approved is listed below it.
  const settled = splits.proposals.filter((p) => p.unit === me.unit && p.status === "approved");
  $("split-settled").hidden = settled.length === 0;
  $("split-settled-list").replaceChildren(...settled.map((p) => {
    const li = el("li");
    li.append(el("span", p.measureRef, "ref"),
      el("span", `${roleName(p.role)}${p.namedAs === p.unit ? "" : `（以“${p.namedAs}”名义）`} · 依据：${p.citation} · ${p.decidedBy} ${formatTime(p.decidedAt)} 审核通过`));
    return li;
  }));
  const still = splitRow && rows.find((r) => r.measureRef === splitRow.measureRef);
  if (still) openSplit(still, true);
  else { splitRow = null; $("split-form").hidden = true; }
}

function openSplit(r, keepMessage) {
  splitRow = r;
  for (const tr of $("split-rows").children) tr.classList.toggle("selected", tr.dataset.ref === r.measureRef);
  $("split-form").hidden = false;
  $("split-ref").textContent = r.measureRef;
  $("split-task").textContent = r.taskName;
  $("split-measure").textContent = r.measure;
  $("split-units").textContent = `完成时限：${r.deadline}　主责单位（推断）：${r.leadUnits.join("、")}　协办单位（推断）：${r.coUnits.length ? r.coUnits.join("、") : "——"}`;
  $("split-named").textContent = r.namedAs;
  // A pending proposal is shown as sent; a new one may still be sent (the coordinator sees both).
  const p = latestProposal(r.measureRef);
  const sent = p && p.status === "pending" ? p : null;
  for (const radio of document.getElementsByName("split-role")) radio.checked = radio.value === (sent ? sent.role : r.role);
  if (!keepMessage) {
    $("split-citation").value = sent ? sent.citation : "";
    $("split-comment").value = sent ? sent.comment || "" : "";
    $("split-message").textContent = sent ? `已于 ${formatTime(sent.proposedAt)} 提交，待${me.coordinator}审核。` : "";
  }
}

async function proposeSplit(event) {
  event.preventDefault();
  const r = splitRow;
  const role = [...document.getElementsByName("split-role")].find((radio) => radio.checked);
  const citation = $("split-citation").value.trim();
  const message = $("split-message");
  if (!role || !citation) {
    message.textContent = "请选择承担方式并填写依据文件。";
    return;
  }
  try {
    await api("POST", `/api/splits/${encodeURIComponent(r.measureRef)}`, { unit: me.unit, role: role.value, citation, comment: $("split-comment").value });
    message.textContent = `已提交：${roleName(role.value)}，待${me.coordinator}审核。`;
    await load(month);
  } catch (e) {
    message.textContent = e.message;
  }
}

// The coordinator's review: pending proposals with approve / reject (a reason is required), and what was decided.
function renderSplitReview() {
  const pending = splits.proposals.filter((p) => p.status === "pending");
  const decided = splits.proposals.filter((p) => p.status !== "pending");
  $("split-pending-count").textContent = String(pending.length);
  $("split-pending-empty").hidden = pending.length > 0;
  $("split-pending-rows").replaceChildren(...pending.map((p) => {
    const tr = el("tr");
    tr.dataset.id = String(p.id);
    const actions = el("td", null, "actions");
    const approve = el("button", "通过", "small");
    approve.type = "button";
    approve.addEventListener("click", () => decide(p, "approve"));
    const reason = el("input");
    reason.placeholder = "驳回理由";
    reason.maxLength = 500;
    const reject = el("button", "驳回", "small secondary");
    reject.type = "button";
    reject.addEventListener("click", () => decide(p, "reject", reason.value.trim()));
    actions.append(approve, " ", reason, " ", reject);
    tr.append(el("td", p.measureRef), el("td", p.unit), el("td", proposalText(p)), el("td", p.citation), el("td", p.comment || ""),
      el("td", `${p.proposedBy} · ${formatTime(p.proposedAt)}`), actions);
    return tr;
  }));
  $("split-decided-empty").hidden = decided.length > 0;
  $("split-decided-rows").replaceChildren(...decided.map((p) => {
    const tr = el("tr");
    const result = el("td");
    result.append(p.status === "approved" ? el("span", "已通过", "badge done") : el("span", `已驳回：${p.reason || ""}`, "badge late"));
    tr.append(el("td", p.measureRef), el("td", p.unit), el("td", proposalText(p)), el("td", p.citation), result,
      el("td", `${p.decidedBy} · ${formatTime(p.decidedAt)}`));
    return tr;
  }));
}

async function decide(p, action, reason) {
  const message = $("split-review-message");
  if (action === "reject" && !reason) {
    message.textContent = "驳回须填写理由。";
    return;
  }
  try {
    await api("POST", `/api/splits/${p.id}/${action}`, action === "reject" ? { reason } : {});
    message.textContent = action === "approve" ? `已通过 ${p.measureRef}（${p.unit}），即时生效。` : `已驳回 ${p.measureRef}（${p.unit}）。`;
    // An approval changes who leads what: the unit's duties and the month's board are read again.
    await loadDuties();
    await load(month);
  } catch (e) {
    message.textContent = e.status === 409 ? `该提议已被处理或已不适用：${e.message}` : e.message;
  }
}

function dated() { return duties.leads.concat(duties.coOperates); }

function roleText(d) {
  const role = d.role === "lead" ? "主责" : "协办";
  return d.basis === "Named" ? role : `${role}（${d.basisText}）`;
}

function item(d, extra) {
  const li = el("li");
  li.append(el("span", d.measureRef, "ref"), el("span", `${d.taskName} · ${d.deadline} · ${roleText(d)}`));
  if (extra) li.append(" ", extra);
  return li;
}

function renderDue() {
  const n = monthNumber(month);
  const due = dated().filter((d) => d.dueMonth && [n, n + 1].includes(monthNumber(d.dueMonth)))
    .sort((a, b) => a.dueMonth.localeCompare(b.dueMonth));
  $("due-list").replaceChildren(...due.map((d) => item(d, el("span", monthNumber(d.dueMonth) === n ? "本月到期" : "下月到期", "badge"))));
  $("due-empty").hidden = due.length > 0;
}

function renderOverdue() {
  const list = mine.overdue;
  $("overdue-count").textContent = String(list.length);
  $("overdue-list").replaceChildren(...list.map((o) => {
    const li = el("li");
    li.append(el("span", o.measureRef, "ref"), el("span", `${o.taskName} · ${o.deadline}（${o.dueMonth} 到期）· 最近状态：${o.latestStatus || "未报送"}`));
    return li;
  }));
  $("overdue-empty").hidden = list.length > 0;
}

function leadDuties() {
  return duties.leads.concat(duties.openEnded.filter((d) => d.role === "lead"));
}

function reportOf(ref) { return mine.reports.find((r) => r.measureRef === ref) || null; }

function stateBadge(report, late) {
  if (!report) return el("span", late ? "未报送 · 逾期" : "未报送", late ? "badge late" : "badge");
  if (!report.submitted) return el("span", `草稿（${report.status}）`, "badge draft");
  return el("span", `已报送 · ${report.status}${late ? " · 逾期" : ""}`, report.status === "已完成" ? "badge done" : late ? "badge late" : "badge sent");
}

function renderReports() {
  const late = new Set(mine.overdue.map((o) => o.measureRef));
  const rows = leadDuties().map((d) => {
    const tr = el("tr");
    tr.dataset.ref = d.measureRef;
    if (late.has(d.measureRef)) tr.classList.add("late");
    if (selected && selected.measureRef === d.measureRef) tr.classList.add("selected");
    const state = el("td");
    state.append(stateBadge(reportOf(d.measureRef), late.has(d.measureRef)));
    tr.append(el("td", d.measureRef), el("td", d.taskName), el("td", d.deadline), el("td", roleText(d)), state);
    tr.addEventListener("click", () => openForm(d));
    return tr;
  });
  $("report-rows").replaceChildren(...rows);
  const submitted = leadDuties().filter((d) => (reportOf(d.measureRef) || {}).submitted).length;
  $("report-progress").textContent = `${month}：主责 ${leadDuties().length} 项，已报送 ${submitted} 项（点击一行填报）`;
  if (selected) openForm(selected, true);
}

function openForm(d, keepMessage) {
  selected = d;
  for (const tr of $("report-rows").children) tr.classList.toggle("selected", tr.dataset.ref === d.measureRef);
  const report = reportOf(d.measureRef);
  $("report-form").hidden = false;
  $("form-ref").textContent = d.measureRef;
  $("form-task").textContent = d.taskName;
  const state = $("form-state");
  state.replaceWith(Object.assign(stateBadge(report, mine.overdue.some((o) => o.measureRef === d.measureRef)), { id: "form-state" }));
  $("form-measure").textContent = d.measure;
  $("form-units").textContent = `完成时限：${d.deadline}　主责单位：${d.leadUnits.join("、")}　协办单位：${d.coUnits.length ? d.coUnits.join("、") : "——"}`;
  $("form-inferred").hidden = !d.splitInferred;
  $("form-inferred").textContent = d.splitInferred ? `主责/协办划分为推断，请以正式文件核对：${d.note || ""}` : "";
  $("status").value = report ? report.status : (d.deadlineKind === "Ongoing" || d.deadlineKind === "Milestones" ? "长期推进" : "推进中");
  $("progress").value = report ? report.progress : "";
  $("next-steps").value = report ? report.nextSteps || "" : "";
  $("problems").value = report ? report.problems || "" : "";
  if (!keepMessage) $("form-message").textContent = report ? `第 ${report.revision} 版，${formatTime(report.reportedAt)} 保存` : "";
}

async function save(draft) {
  const d = selected;
  const report = reportOf(d.measureRef);
  const message = $("form-message");
  if (!$("progress").value.trim()) {
    message.textContent = "请填写进展情况。";
    return;
  }
  try {
    const response = await api("PUT", `/api/progress/${month}/${encodeURIComponent(d.measureRef)}`, {
      unit: me.unit, status: $("status").value, progress: $("progress").value, nextSteps: $("next-steps").value,
      problems: $("problems").value, revision: report ? report.revision : 0, draft,
    });
    const saved = await response.json();
    message.textContent = draft ? `草稿已保存（第 ${saved.revision} 版）。` : `已提交报送（第 ${saved.revision} 版）。`;
    await load(month);
  } catch (e) {
    message.textContent = e.status === 409 ? "该报送已被他人更新，请刷新后再保存。" : e.message;
  }
}

function renderTimeline() {
  const grid = $("timeline-grid");
  const now = monthNumber(month);
  const cells = [el("div", "措施", "head")];
  for (let m = 1; m <= 12; m++) cells.push(el("div", `${m}月`, m === now ? "head now" : "head"));
  const rows = dated().slice().sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1) || a.firstMonth - b.firstMonth || a.lastMonth - b.lastMonth);
  rows.forEach((d, i) => {
    const row = i + 2;
    const label = el("div", `${d.measureRef} ${d.taskName}`, "label");
    label.title = `${d.measureRef} ${d.taskName}（${roleText(d)}，${d.deadline}）`;
    label.style.gridRow = String(row);
    cells.push(label);
    for (let m = 1; m <= 12; m++) {
      const cell = el("div", null, m === now ? "cell now" : "cell");
      cell.style.gridRow = String(row);
      cell.style.gridColumn = String(m + 1);
      cells.push(cell);
    }
    const bar = el("div", d.deadline, `bar ${d.role}`);
    bar.title = `${d.measureRef}：${roleText(d)}，${d.deadline}`;
    bar.style.gridRow = String(row);
    bar.style.gridColumn = `${d.firstMonth + 1} / ${d.lastMonth + 2}`;
    cells.push(bar);
  });
  grid.replaceChildren(...cells);
  $("open-ended").replaceChildren(...duties.openEnded.map((d) => item(d)));
}

function renderCoordination(all) {
  $("coordination-month").textContent = all.month;
  const owing = all.units.filter((u) => u.led > 0);
  const reported = owing.filter((u) => u.reported > 0);
  $("reported-count").textContent = `已报送 ${reported.length} 个单位，未报送 ${owing.length - reported.length} 个单位`;
  $("unit-rows").replaceChildren(...all.units.map((u) => {
    const tr = el("tr");
    const state = el("td");
    state.append(u.led === 0 ? el("span", "无主责措施", "muted")
      : u.reported > 0 ? el("span", `已报送 ${u.reported}/${u.led}`, "badge done")
      : el("span", "未报送", "badge late"));
    tr.append(el("td", u.unit), state, el("td", u.led), el("td", u.reported), el("td", u.drafts), el("td", u.done), el("td", u.behind), el("td", u.overdue));
    return tr;
  }));
  $("district-overdue-count").textContent = String(all.overdue.length);
  $("district-overdue-rows").replaceChildren(...all.overdue.map((o) => {
    const tr = el("tr");
    tr.append(el("td", o.measureRef), el("td", o.taskName), el("td", `${o.deadline}（${o.dueMonth}）`), el("td", o.unit), el("td", o.latestStatus || "未报送"));
    return tr;
  }));
}

async function download(format) {
  const response = await api("GET", `/api/progress/${month}?format=${format}`);
  const blob = await response.blob();
  const link = el("a");
  link.href = URL.createObjectURL(blob);
  link.download = `按月报送-${month}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function calendarLink() {
  const response = await api("POST", `/api/units/${encodeURIComponent(me.unit)}/calendar-links`);
  const link = await response.json();
  const p = $("calendar-url");
  p.hidden = false;
  p.textContent = `日历订阅链接（仅显示一次，可在 Outlook/Teams 中“从网络添加日历”）：${link.url}`;
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", () => logout());
  $("month").addEventListener("change", () => { selected = null; $("report-form").hidden = true; load($("month").value); });
  $("report-form").addEventListener("submit", (e) => { e.preventDefault(); save(false); });
  $("save-draft").addEventListener("click", () => save(true));
  $("export-xlsx").addEventListener("click", () => download("xlsx"));
  $("export-csv").addEventListener("click", () => download("csv"));
  $("calendar-link").addEventListener("click", calendarLink);
  $("split-form").addEventListener("submit", proposeSplit);
  start();
});
