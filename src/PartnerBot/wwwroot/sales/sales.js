// PartnerBot's sales workspace: a small page over /api/sales. Everything a prospect typed is put on the page as
// text (textContent), never as markup; cards go through the official Adaptive Cards renderer.
(function () {
  "use strict";

  const api = "/api/sales";
  const main = document.getElementById("main");
  const statuses = ["new", "contacted", "qualified", "won", "lost", "spam"];
  const models = [["Cdmo", "CDMO"], ["Cmo", "CMO"], ["CdmoThenCmo", "CDMO, then CMO"]];
  const phases = [["ProductDefinition", "PD – Product Definition"], ["DesignAndDevelopment", "DD – Design & Development"], ["DesignTransfer", "DT – Design Transfer"], ["ContractManufacturing", "CM – Contract Manufacturing"]];
  let me = null;

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function call(path, options) {
    const init = Object.assign({ credentials: "same-origin", headers: {} }, options || {});
    if (init.method && init.method !== "GET") init.headers["X-PartnerBot-Sales"] = "1";
    const response = await fetch(api + path, init);
    if (response.status === 401) { location.reload(); throw new Error("Signed out"); }
    return response;
  }

  async function problem(response) {
    try { const body = await response.json(); return body.detail || body.title || response.statusText; } catch { return response.statusText; }
  }

  const when = (text) => new Date(text).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  const label = (pairs, value) => (pairs.find((p) => p[0] === value) || [value, value || "–"])[1];

  // ---- dashboard and list ----

  function filterForm(params) {
    const select = (name, options) => el("select", { name, "aria-label": name },
      options.map(([value, text]) => el("option", { value, selected: params.get(name) === value || (!params.get(name) && value === "") }, text)));
    const input = (name, type, placeholder) => el("input", { name, type, placeholder, "aria-label": placeholder || name, value: params.get(name) || "" });
    const form = el("form", { class: "filters", onsubmit: (event) => { event.preventDefault(); applyFilters(form); } },
      input("q", "search", "Company, name or e-mail"),
      el("label", {}, "From ", input("from", "date")),
      el("label", {}, "To ", input("to", "date")),
      select("status", [["", "Any status"], ...statuses.map((s) => [s, s])]),
      select("owner", [["", "Any owner"], ["me", "Mine"], ["none", "Nobody's"]]),
      select("model", [["", "Any model"], ...models]),
      select("phase", [["", "Any phase"], ...phases]),
      select("channel", [["", "Any channel"], ["teams", "Teams"], ["web", "Website"]]),
      select("consent", [["", "Consent: any"], ["granted", "Consent given"], ["declined", "Declined"], ["unknown", "Not answered"]]),
      select("contact", [["", "Contact: any"], ["requested", "Asked for an expert"], ["none", "Did not ask"]]),
      select("live", [["", "Live chat: any"], ["chatted", "Chatted live"], ["none", "No live chat"]]),
      select("dropped", [["", "Progress: any"], ...Array.from({ length: 16 }, (_, i) => [String(i + 1), "Stopped at question " + (i + 1)])]),
      el("button", { type: "submit" }, "Filter"));
    return form;
  }

  function applyFilters(form) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form).entries()) if (String(value).trim()) params.set(name, String(value).trim());
    history.replaceState(null, "", "/sales" + (params.toString() ? "?" + params : ""));
    showList();
  }

  async function showList() {
    const params = new URLSearchParams(location.search);
    const exportLink = el("a", { class: "button", href: api + "/export.csv" + (params.toString() ? "?" + params : ""), download: "" }, "Export CSV");
    const table = el("table", { class: "leads" },
      el("thead", {}, el("tr", {}, ["When", "Prospect", "Channel", "Model", "Phase", "Status", "Owner", "Progress"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", { id: "rows" }));
    const more = el("button", { type: "button", class: "more", hidden: true }, "Show more");
    main.replaceChildren(
      el("section", { id: "funnel", class: "funnel", "aria-label": "Funnel" }, el("p", { class: "muted" }, "Loading the funnel…")),
      el("section", { class: "list" }, el("div", { class: "list-head" }, el("h2", {}, "Conversations"), exportLink), filterForm(params), table, more,
        el("p", { id: "empty", class: "muted", hidden: true }, "No conversations match.")),
      el("section", { id: "questions", class: "panel", "aria-label": "Unanswered questions" }),
      el("section", { id: "webhooks", class: "panel", "aria-label": "Webhooks", hidden: true }),
      erasureForm());
    showFunnel();
    showQuestions();
    showWebhooks();
    let cursor = null;
    async function load() {
      const query = new URLSearchParams(params);
      if (cursor) query.set("cursor", cursor);
      const response = await call("/conversations?" + query);
      if (!response.ok) { document.getElementById("empty").hidden = false; document.getElementById("empty").textContent = await problem(response); return; }
      const page = await response.json();
      const rows = document.getElementById("rows");
      for (const lead of page.items) rows.append(row(lead));
      document.getElementById("empty").hidden = rows.children.length > 0;
      cursor = page.next;
      more.hidden = !cursor;
    }
    more.addEventListener("click", load);
    await load();
  }

  function row(lead) {
    const link = el("a", { href: "/sales/conversations/" + lead.key }, lead.display);
    return el("tr", { class: "lead", "data-key": lead.key },
      el("td", {}, when(lead.lastActivityAt)),
      el("td", {}, link, lead.company ? el("div", { class: "muted" }, lead.company) : null),
      el("td", {}, lead.channel === "teams" ? "Teams" : lead.channel === "web" ? "Website" : lead.channelId),
      el("td", {}, label(models, lead.model)),
      el("td", {}, lead.phase ? label(phases, lead.phase).split(" – ")[0] : "–"),
      el("td", {}, el("span", { class: "status status-" + lead.status }, lead.status)),
      el("td", {}, lead.owner ? lead.owner.name : "–"),
      el("td", {}, lead.progress));
  }

  async function showQuestions() {
    const section = document.getElementById("questions");
    const response = await call("/questions?limit=20");
    if (!response.ok) { section.replaceChildren(el("p", { class: "muted" }, await problem(response))); return; }
    const page = await response.json();
    section.replaceChildren(
      el("h2", {}, "Unanswered questions"),
      page.items.length
        ? el("ul", { class: "questions" }, page.items.map((q) => el("li", {}, "\u201c" + q.question + "\u201d ", el("a", { href: "/sales/conversations/" + q.key }, q.display), el("span", { class: "muted" }, " " + when(q.askedAt)))))
        : el("p", { class: "muted" }, "None: the knowledge base answered every question prospects asked."));
  }

  // Each webhook endpoint's recent deliveries; a delivered or given-up one can be sent again (same webhook-id).
  async function showWebhooks() {
    const section = document.getElementById("webhooks");
    const response = await call("/webhooks");
    if (!response.ok) return;
    const { endpoints } = await response.json();
    if (!endpoints.length) return;
    section.hidden = false;
    const health = { ok: "Delivering", idle: "Nothing sent yet", failing: "Failing: retrying", disabled: "Disabled: deliveries held" };
    const since = (endpoint) => endpoint.disabledAt ? " since " + when(endpoint.disabledAt) : endpoint.failingSince ? " since " + when(endpoint.failingSince) : "";
    section.replaceChildren(el("h2", {}, "Webhooks and CRM"), ...endpoints.map((endpoint) => el("div", { class: "endpoint" },
      el("h3", {}, endpoint.name + " ", el("span", { class: "muted" }, endpoint.host), " ",
        el("span", { class: "health health-" + endpoint.health }, (health[endpoint.health] || endpoint.health) + since(endpoint)),
        endpoint.health === "disabled" ? enableButton(endpoint.name) : null),
      endpoint.deliveries.length
        ? el("table", { class: "deliveries" },
            el("thead", {}, el("tr", {}, ["Event", "When", "State", "Attempts", "Last answer", ""].map((h) => el("th", { scope: "col" }, h)))),
            el("tbody", {}, endpoint.deliveries.map((d) => el("tr", {},
              el("td", {}, d.event), el("td", {}, when(d.createdAt)), el("td", {}, d.state), el("td", {}, String(d.attempts)),
              el("td", {}, d.lastStatus ? String(d.lastStatus) + (d.lastError ? " " + d.lastError : "") : d.lastError || "–"),
              el("td", {}, d.state === "delivered" || d.state === "given up" ? resendButton(endpoint.name, d.id) : null)))))
        : el("p", { class: "muted" }, "No deliveries yet."))));
  }

  // Enabling sends what the endpoint held while it was disabled, and starts its failure count afresh.
  function enableButton(endpoint) {
    const button = el("button", { type: "button", class: "enable" }, "Enable again");
    button.addEventListener("click", async () => {
      button.disabled = true;
      const response = await call(`/webhooks/${encodeURIComponent(endpoint)}/enable`, { method: "POST" });
      if (response.ok) showWebhooks(); else button.textContent = await problem(response);
    });
    return button;
  }

  function resendButton(endpoint, id) {
    const button = el("button", { type: "button" }, "Resend");
    button.addEventListener("click", async () => {
      button.disabled = true;
      const response = await call(`/webhooks/${encodeURIComponent(endpoint)}/deliveries/${encodeURIComponent(id)}/resend`, { method: "POST" });
      button.textContent = response.ok ? "Queued" : await problem(response);
    });
    return button;
  }

  async function showFunnel() {
    const section = document.getElementById("funnel");
    const response = await call("/funnel?weeks=12");
    if (!response.ok) { section.replaceChildren(el("p", { class: "muted" }, await problem(response))); return; }
    const funnel = await response.json();
    const totals = [["Started", funnel.started], ["Consent given", funnel.consented], ["Finished", funnel.finished], ["Asked for an expert", funnel.contactRequested]];
    const chart = el("div", { class: "weekly-holder" }, weeklyChart(funnel.weeks));
    const dropOff = el("div", { class: "dropoff-holder" }, dropOffChart(funnel.questions));
    const channel = el("select", { "aria-label": "Channel of the weekly chart", onchange: () => {
      chart.replaceChildren(weeklyChart(funnel.weeks.filter((w) => !channel.value || w.channel === channel.value)));
      dropOff.replaceChildren(dropOffChart(funnel.questions.filter((q) => !channel.value || q.channel === channel.value)));
    } },
      el("option", { value: "" }, "All channels"), el("option", { value: "teams" }, "Teams"), el("option", { value: "web" }, "Website"));
    section.replaceChildren(
      el("div", { class: "list-head" }, el("h2", {}, "Last 12 weeks"), channel),
      el("div", { class: "totals" }, totals.map(([name, value]) => el("div", { class: "total" }, el("strong", {}, String(value)), el("span", {}, name)))),
      el("div", { class: "charts" }, chart, modelChart(funnel.models)),
      dropOff,
      el("p", {}, el("a", { href: api + "/funnel/questions.csv?weeks=12", download: "" }, "Drop-off per question (CSV)")));
  }

  const svgNs = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  // One group of four bars per week (all channels together): started, consent, finished, contact.
  function weeklyChart(weeks) {
    const byWeek = new Map();
    for (const w of weeks) {
      const t = byWeek.get(w.start) || [0, 0, 0, 0];
      t[0] += w.started; t[1] += w.consented; t[2] += w.finished; t[3] += w.contactRequested;
      byWeek.set(w.start, t);
    }
    const entries = [...byWeek.entries()];
    const max = Math.max(1, ...entries.map(([, t]) => t[0]));
    const width = 640, height = 200, group = width / Math.max(1, entries.length), bar = Math.max(2, group / 5);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height + 30}`, class: "chart", role: "img", "aria-label": "Conversations per week: started, consent given, finished, asked for an expert" });
    entries.forEach(([start, totals], i) => {
      totals.forEach((value, k) => {
        const h = (value / max) * height;
        chart.append(svg("rect", { x: i * group + k * bar + 2, y: height - h, width: bar - 1, height: h, class: "series-" + k }, svg("title", {}, `${start}: ${value}`)));
      });
      if (i % 2 === 0) chart.append(svg("text", { x: i * group + 2, y: height + 16, class: "axis" }, start.slice(5)));
    });
    const legend = el("ul", { class: "legend" }, ["Started", "Consent given", "Finished", "Asked for an expert"].map((name, k) => el("li", { class: "series-" + k }, name)));
    return el("figure", { class: "weekly" }, chart, legend);
  }

  // Question by question: how many reached it, how many stopped there (a link lists them), and how many are there now.
  function dropOffChart(steps) {
    const byNumber = new Map();
    for (const s of steps) {
      const t = byNumber.get(s.number) || { reached: 0, answered: 0, left: 0, underWay: 0 };
      t.reached += s.reached; t.answered += s.answered; t.left += s.left; t.underWay += s.underWay;
      byNumber.set(s.number, t);
    }
    const figure = el("figure", { class: "dropoff" }, el("figcaption", {}, "Where prospects stop: of those who reached each question, how many stopped there"));
    if (byNumber.size === 0) { figure.append(el("p", { class: "muted" }, "No conversations yet.")); return figure; }
    const max = Math.max(1, ...[...byNumber.values()].map((t) => t.reached));
    for (const [number, t] of [...byNumber.entries()].sort((a, b) => a[0] - b[0])) {
      const share = t.reached ? Math.round((t.left / t.reached) * 100) : 0;
      figure.append(el("div", { class: "dropoff-row", "data-question": String(number) },
        el("span", {}, "Question " + number),
        el("span", { class: "dropoff-bar" }, el("span", { class: "reached", style: `width:${Math.round((t.reached / max) * 100)}%` }),
          el("span", { class: "left", style: `width:${Math.round((t.left / max) * 100)}%` })),
        el("span", {}, `${t.reached} reached, `, t.left ? el("a", { href: "/sales?dropped=" + number }, `${t.left} stopped`) : "0 stopped", ` (${share}%)`,
          t.underWay ? `, ${t.underWay} still chatting` : "")));
    }
    return figure;
  }

  function modelChart(split) {
    const entries = Object.entries(split);
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    const figure = el("figure", { class: "models" }, el("figcaption", {}, "Recommended models (finished assessments)"));
    if (total === 0) { figure.append(el("p", { class: "muted" }, "No finished assessments yet.")); return figure; }
    for (const [model, count] of entries) {
      const share = Math.round((count / total) * 100);
      figure.append(el("div", { class: "model-row" }, el("span", {}, label(models, model)),
        el("span", { class: "model-bar" }, el("span", { style: `width:${share}%` })), el("span", {}, `${count} (${share}%)`)));
    }
    return figure;
  }

  function erasureForm() {
    const status = el("p", { class: "muted", role: "status" });
    const form = el("form", { class: "erasure", onsubmit: async (event) => {
      event.preventDefault();
      const email = new FormData(form).get("email");
      if (!confirm(`Erase every conversation of ${email}? This cannot be undone.`)) return;
      const response = await call("/erasures", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }) });
      status.textContent = response.ok ? `Erased ${(await response.json()).erased} conversation(s).` : await problem(response);
    } }, el("h2", {}, "Erase a prospect by e-mail"), el("input", { name: "email", type: "email", required: true, placeholder: "name@company.com", "aria-label": "E-mail address to erase" }),
      el("button", { type: "submit", class: "danger" }, "Erase"), status);
    return form;
  }

  // ---- one conversation ----

  async function showConversation(key) {
    const response = await call("/conversations/" + encodeURIComponent(key));
    if (!response.ok) { main.replaceChildren(el("p", {}, await problem(response)), el("a", { href: "/sales" }, "Back to the list")); return; }
    const detail = await response.json();
    renderConversation(key, detail, response.headers.get("ETag"));
  }

  function renderConversation(key, detail, etag, notice) {
    const lead = detail.lead;
    const followUp = followUpPanel(key, detail, etag, notice);
    main.replaceChildren(
      el("p", {}, el("a", { href: "/sales" }, "← All conversations")),
      el("header", { class: "lead-head" },
        el("h1", {}, lead.display, lead.company ? el("span", { class: "muted" }, " · " + lead.company) : null),
        el("p", { class: "muted" }, `${lead.channel === "teams" ? "Teams" : "Website"} · started ${when(lead.startedAt)} · last activity ${when(lead.lastActivityAt)} · ${lead.progress} · consent ${lead.consent} · chatted in ${detail.language}`)),
      el("div", { class: "columns" },
        el("div", { class: "column" },
          section("Recommendation", detail.recommendationCard ? renderCard(detail.recommendationCard) : el("p", { class: "muted" }, "No recommendation yet.")),
          section("Answers", detail.answers.length ? el("dl", { class: "answers" }, detail.answers.map((a) => [el("dt", {}, a.question), el("dd", {}, [
        a.answer,
        a.how ? el("span", { class: "muted" }, " (" + a.how + (a.hedged ? ", not certain" : "") + (a.typed ? ": \u201c" + a.typed + "\u201d" : "") + ")") : "",
      ])])) : el("p", { class: "muted" }, "No answers yet.")),
      detail.unansweredQuestions && detail.unansweredQuestions.length ? section("Unanswered questions", el("ul", {}, detail.unansweredQuestions.map((q) => el("li", {}, q)))) : "",
          section("Transcript", el("ol", { class: "transcript" }, detail.transcript.map(bubble)))),
        el("div", { class: "column side" },
          detail.contact ? section("Contact", contactCard(detail.contact)) : null,
          detail.meeting ? section("Call", meetingCard(detail.meeting)) : null,
          followUp,
          section("Erase", el("button", { type: "button", class: "danger", onclick: () => erase(key) }, "Delete everything about this prospect")))));
  }

  function section(title, ...content) {
    return el("section", { class: "panel" }, el("h2", {}, title), ...content);
  }

  // The call the prospect booked in the chat, in the reader's own time zone.
  function meetingCard(meeting) {
    const when = new Date(meeting.start).toLocaleString([], { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    const rows = [["When", when + (meeting.cancelled ? " (cancelled by the prospect)" : "")]];
    if (/^https:\/\//.test(meeting.joinUrl || "") && !meeting.cancelled) rows.push(["Teams", el("a", { href: meeting.joinUrl, target: "_blank", rel: "noopener" }, "Join the meeting")]);
    return el("dl", { class: "contact meeting" }, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  function contactCard(contact) {
    const rows = [["Name", contact.name], ["Company", contact.company], ["E-mail", contact.email], ["Phone", contact.phone], ["Best time", contact.preferredContactTime], ["Message", contact.message]];
    return el("dl", { class: "contact" }, rows.filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", {}, k === "E-mail" ? el("a", { href: "mailto:" + v }, v) : v)]));
  }

  function followUpPanel(key, detail, etag, notice) {
    const f = detail.followUp;
    const status = el("select", { name: "status", "aria-label": "Status" }, statuses.map((s) => el("option", { value: s, selected: f.status.toLowerCase() === s }, s)));
    const note = el("textarea", { name: "note", rows: 3, placeholder: "Add a note", "aria-label": "Note" });
    const message = el("p", { class: notice ? "notice" : "muted", role: "status" }, notice || "");
    async function save(change) {
      const response = await call("/conversations/" + encodeURIComponent(key), {
        method: "PATCH", headers: { "Content-Type": "application/json", "If-Match": etag }, body: JSON.stringify(change) });
      if (response.status === 412) {
        const fresh = await response.json();
        const reloaded = await call("/conversations/" + encodeURIComponent(key));
        renderConversation(key, await reloaded.json(), reloaded.headers.get("ETag"),
          `Someone else saved this conversation first (${fresh.current.status}, ${fresh.current.owner ? fresh.current.owner.name : "no owner"}). Nothing of yours was saved; here is their version.`);
        return;
      }
      if (!response.ok) { message.className = "notice"; message.textContent = await problem(response); return; }
      const reloaded = await call("/conversations/" + encodeURIComponent(key));
      renderConversation(key, await reloaded.json(), reloaded.headers.get("ETag"), "Saved.");
    }
    const owner = f.owner ? f.owner.name : "nobody";
    // Colleagues: everyone who has used the workspace or owns a lead, as the audit log and this timeline know them.
    const colleague = el("select", { "aria-label": "Assign to a colleague", onchange: () => {
      if (!colleague.value) return;
      const person = JSON.parse(colleague.value);
      save({ owner: person });
    } }, el("option", { value: "" }, "Assign to…"));
    call("/audit?limit=500").then((r) => (r.ok ? r.json() : [])).then((entries) => {
      const people = new Map();
      for (const e of entries) if (e.actorId !== "local" && e.actorId !== me.id) people.set(e.actorId, e.actorName);
      for (const e of f.timeline) if (e.author.id !== me.id) people.set(e.author.id, e.author.name);
      for (const [id, name] of people) if (!f.owner || f.owner.id !== id) colleague.append(el("option", { value: JSON.stringify({ id, name }) }, name));
      colleague.hidden = people.size === 0;
    });
    return section("Follow-up",
      el("p", {}, "Owner: ", el("strong", { id: "owner" }, owner), " ",
        !f.owner || f.owner.id !== me.id ? el("button", { type: "button", onclick: () => save({ owner: "me" }) }, "Assign to me") : null,
        f.owner ? el("button", { type: "button", class: "link", onclick: () => save({ owner: "none" }) }, "Unassign") : null,
        colleague),
      el("form", { class: "follow-up", onsubmit: (event) => {
        event.preventDefault();
        const change = {};
        if (status.value !== f.status.toLowerCase()) change.status = status.value;
        if (note.value.trim()) change.note = note.value.trim();
        if (Object.keys(change).length) save(change);
      } }, el("label", {}, "Status ", status), note, el("button", { type: "submit" }, "Save")),
      message,
      el("ol", { class: "timeline" }, [...f.timeline].reverse().map((e) =>
        el("li", {}, el("span", { class: "muted" }, `${when(e.at)} · ${e.author.name}`), el("div", { class: "entry-" + e.kind.toLowerCase() }, e.text)))));
  }

  async function erase(key) {
    if (!confirm("Delete the transcript, answers, contact details and everything else about this prospect? An anonymous count stays for statistics. This cannot be undone.")) return;
    const response = await call("/conversations/" + encodeURIComponent(key), { method: "DELETE" });
    if (response.ok) { main.replaceChildren(el("p", { class: "notice" }, "Erased."), el("a", { href: "/sales" }, "Back to the list")); return; }
    alert(await problem(response));
  }

  // The bot's markdown, rendered as Web Chat renders it (markdown-it): raw HTML off, links only to http(s), opened
  // apart from this page. What a prospect typed is never rendered: it is shown as text.
  // No linkify: a web address a prospect gave (their name repeated in a confirmation) must not become a link here.
  const markdown = window.markdownit({ html: false, linkify: false, breaks: true });
  markdown.validateLink = (url) => /^https?:\/\//i.test(url.trim());
  const defaultLinkOpen = markdown.renderer.rules.link_open || ((tokens, i, options, env, self) => self.renderToken(tokens, i, options));
  markdown.renderer.rules.link_open = (tokens, i, options, env, self) => {
    tokens[i].attrSet("target", "_blank");
    tokens[i].attrSet("rel", "noopener noreferrer");
    return defaultLinkOpen(tokens, i, options, env, self);
  };

  function rendered(text) {
    const holder = el("div", { class: "markdown" });
    holder.innerHTML = markdown.render(text);
    return holder;
  }

  function bubble(item) {
    const content = el("div", { class: "bubble" });
    // A colleague's live messages are shown as written, under their name.
    if (item.author) content.append(el("p", { class: "author" }, item.author + " (live chat)"));
    if (item.text) content.append(item.direction === "bot" ? rendered(item.text) : el("p", { class: "typed" }, item.text));
    for (const card of item.cards) content.append(renderCard(card));
    if (item.choices.length) content.append(el("div", { class: "choices" }, item.choices.map((c) => el("span", {}, c))));
    return el("li", { class: "message " + item.direction }, content, el("time", { datetime: item.at }, when(item.at)));
  }

  // Text in the cards is the bot's own: rendered with the same markdown processor.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };

  // Readable colours (card-colors.js), the same as the chat page's.
  const hostConfig = new AdaptiveCards.HostConfig(window.PartnerBotCardColors);

  // The official renderer shows the card exactly as the prospect saw it; its buttons do nothing here.
  function renderCard(json) {
    const holder = el("div", { class: "card" });
    try {
      const card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = hostConfig;
      card.onExecuteAction = () => {};
      card.parse(json);
      const drawn = card.render();
      if (drawn) holder.append(drawn);
    } catch (error) {
      holder.append(el("pre", {}, JSON.stringify(json, null, 2)));
    }
    return holder;
  }

  // ---- start ----

  async function start() {
    const response = await call("/me");
    if (!response.ok) { main.replaceChildren(el("p", {}, await problem(response))); return; }
    me = await response.json();
    document.getElementById("me").textContent = me.name;
    if (me.mode === "local") {
      const banner = document.getElementById("banner");
      banner.textContent = "Local mode: no Entra ID sign-in is configured, so the workspace answers only on this machine. Set Sales:TenantId and Sales:ClientId before anyone else needs it.";
      banner.hidden = false;
    }
    const match = location.pathname.match(/^\/sales\/conversations\/([^/]+)$/);
    if (match) await showConversation(decodeURIComponent(match[1]));
    else await showList();
  }

  start();
})();
