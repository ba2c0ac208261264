// Exercises PartnerBot's embedded Direct Line 3.0 endpoint with the official client library,
// botframework-directlinejs (the one Web Chat uses), over WebSocket and over polling.
//
// usage:  node tests/js/directline-protocol.mjs <baseUrl>        e.g. http://127.0.0.1:5199
// stdout: one JSON line {"webSocket":{ok,checks,details},"polling":{...},"crossConversation":{...},"refresh":{...}}
// exit:   0 when every check passed, 1 otherwise (2 for bad usage).
//
// Node has neither XMLHttpRequest (the library's HTTP goes through rxjs 5 Observable.ajax) nor a browser
// WebSocket, so `xhr2` and `ws` stand in for them; both are wrapped to record what the library sends and what
// the server answers, which the details report (tokens shown as <token:...>). Library logging goes to stderr.

import { createRequire } from "node:module";

// stdout carries nothing but the result line.
for (const level of ["log", "info", "debug", "warn", "trace"]) console[level] = console.error;

const require = createRequire(import.meta.url);
const XHR2 = require("xhr2");
const NodeWebSocket = require("ws");

// The longest any single wait may take; a busy CI machine can ask for more (DIRECTLINE_TEST_WAIT_MS).
const WAIT_MS = Number(process.env.DIRECTLINE_TEST_WAIT_MS) || 15_000;
const QUIET_MS = 1_500; // how long to keep listening for unexpected extra activities
const WATCHDOG_MS = 240_000; // the whole run, whatever happens

// ---------------------------------------------------------------------------------------------------------------
// Token redaction and the request log
// ---------------------------------------------------------------------------------------------------------------

const tokenNames = new Map(); // token -> label
function nameToken(token, label) {
    if (typeof token === "string" && token.length > 0 && !tokenNames.has(token)) tokenNames.set(token, label);
}
function redact(text) {
    if (text == null) return text;
    let out = String(text);
    for (const [token, label] of tokenNames) out = out.split(token).join(`<token:${label}>`);
    for (const [token, label] of tokenNames) out = out.split(encodeURIComponent(token)).join(`<token:${label}>`);
    return out.replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}(\.[A-Za-z0-9_-]+)?/g, "<token:other>");
}
const clip = (text, max = 400) => (text == null ? text : text.length > max ? text.slice(0, max) + "…" : text);

let scope = "setup";
// {scope, via, method, url, auth, sent, status, body, ...} as sent and received; tokens are hidden and long
// bodies shortened only when reported (a token may be named after the request that carried it).
const requestLog = [];
const present = (record) => ({
    ...record,
    url: redact(record.url),
    ...(record.auth !== undefined ? { auth: redact(record.auth) } : {}),
    ...(record.sent !== undefined ? { sent: clip(redact(record.sent), 300) } : {}),
    ...(record.body !== undefined ? { body: clip(redact(record.body)) } : {}),
});


// XMLHttpRequest for rxjs' ajax, recording each request and its answer.
class RecordingXMLHttpRequest extends XHR2 {
    open(method, url, ...rest) {
        this._record = { scope, via: "dljs-xhr", method, url };
        requestLog.push(this._record);
        this.addEventListener("loadend", () => {
            this._record.status = this.status;
            let body;
            try {
                body = typeof this.response === "string" ? this.response : JSON.stringify(this.response);
            } catch {
                body = undefined;
            }
            this._record.body = body;
        });
        return super.open(method, url, ...rest);
    }
    setRequestHeader(name, value) {
        if (this._record && /^authorization$/i.test(name)) this._record.auth = value;
        return super.setRequestHeader(name, value);
    }
    send(body) {
        if (this._record && body != null) this._record.sent = typeof body === "string" ? body : String(body);
        return super.send(body);
    }
}

// A browser-like WebSocket, recording the stream URLs and how each socket ended.
class RecordingWebSocket extends NodeWebSocket {
    constructor(url, protocols) {
        const record = { scope, via: "dljs-websocket", method: "WS", url };
        requestLog.push(record);
        super(url, protocols);
        this.addEventListener("open", () => (record.opened = true));
        this.addEventListener("close", (e) => (record.closed = { code: e.code, reason: e.reason || undefined }));
        // (No "unexpected-response" listener: having one would stop ws from reporting the failure as an error.)
        this.addEventListener("error", (e) => (record.error = e.message));
    }
}

globalThis.XMLHttpRequest = RecordingXMLHttpRequest;
globalThis.WebSocket = RecordingWebSocket;

const { DirectLine, ConnectionStatus } = require("botframework-directlinejs");

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

const describeError = (error) => {
    const text = String(error?.stack ?? error);
    return error?.cause ? `${text}\ncaused by: ${error.cause?.message ?? error.cause}` : text;
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
        promise,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))),
    ]).finally(() => clearTimeout(timer));
}

/** The first value of an rxjs observable, or an error after `ms`. */
function firstValue(observable, ms, what) {
    let subscription;
    const promise = new Promise((resolve, reject) => {
        subscription = observable.subscribe({ next: resolve, error: reject, complete: () => reject(new Error(`${what} completed without a value`)) });
    });
    return withTimeout(promise, ms, what).finally(() => subscription?.unsubscribe());
}

/** A plain HTTP call (not through the library); `label` names the token in the answer before it is logged. */
async function rawFetch(method, url, token, body, label) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const record = { scope, via: "fetch", method, url, auth: token ? `Bearer ${token}` : undefined };
    requestLog.push(record);
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(WAIT_MS) });
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch {
        json = null;
    }
    if (label) nameToken(json?.token, label);
    record.status = response.status;
    record.body = text;
    return { status: response.status, json, text };
}

async function getPageToken(base, label) {
    const { status, json, text } = await rawFetch("POST", `${base}/api/directline/token`, undefined, undefined, label);
    if (status !== 200 || !json?.token) throw new Error(`POST /api/directline/token answered ${status}: ${clip(text, 200)}`);
    return json;
}

const statusName = (value) => ConnectionStatus[value] ?? String(value);
const isTyping = (a) => a?.type === "typing";
const watermarkOf = (id) => {
    const match = /\|(\d{7})$/.exec(id ?? "");
    return match ? Number(match[1]) : null;
};
const idPattern = (conversationId) => new RegExp(`^${conversationId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\|\\d{7}$`);

/** One DirectLine client with everything it emitted, the way Web Chat subscribes to it. */
class Client {
    constructor(options, userId) {
        this.options = options;
        this.dl = new DirectLine(options);
        // Web Chat does this; the library only warns when the token already names the user (or the id is dl_...).
        if (userId) this.dl.setUserId(userId);
        this.statuses = [];
        this.activities = [];
        this.errors = [];
        this.waiters = [];
        this.statusSubscription = this.dl.connectionStatus$.subscribe((s) => {
            this.statuses.push(statusName(s));
            this.notify();
        });
        this.activitySubscription = this.dl.activity$.subscribe({
            next: (a) => {
                this.activities.push(a);
                this.notify();
            },
            error: (e) => {
                this.errors.push(String(e?.message ?? e?.type ?? e));
                this.notify();
            },
        });
    }
    get status() {
        return statusName(this.dl.connectionStatus$.getValue());
    }
    notify() {
        for (const waiter of [...this.waiters]) waiter();
    }
    /** Resolves with what `probe` returns once it is truthy; checked now and after every emission. */
    waitFor(probe, ms, what) {
        let check;
        const promise = new Promise((resolve) => {
            check = () => {
                const found = probe(this);
                if (found) resolve(found);
            };
            this.waiters.push(check);
            check();
        });
        return withTimeout(promise, ms, what).finally(() => (this.waiters = this.waiters.filter((w) => w !== check)));
    }
    waitForActivity(predicate, what) {
        return this.waitFor((c) => c.activities.find(predicate), WAIT_MS, what);
    }
    async post(activity) {
        return firstValue(this.dl.postActivity(activity), WAIT_MS, `postActivity(${activity.type} ${activity.text ?? activity.name ?? ""})`);
    }
    end() {
        this.activitySubscription?.unsubscribe();
        try {
            this.dl.end();
        } catch (e) {
            this.errors.push(`end(): ${e?.message ?? e}`);
        }
        this.statusSubscription?.unsubscribe();
    }
}

let clientActivitySeq = 0;
/** An activity shaped like the ones Web Chat posts. */
function webChatActivity(fields, user) {
    return {
        ...fields,
        channelData: { clientActivityID: `dljs-test-${Date.now()}-${++clientActivitySeq}`, clientTimestamp: new Date().toISOString() },
        from: { id: user.id, name: user.name, role: "user" },
        locale: "en-US",
        localTimestamp: new Date().toISOString(),
        localTimezone: "UTC",
        timestamp: new Date().toISOString(),
    };
}

const summarize = (a, userId) => ({
    id: a.id,
    type: a.type,
    from: a.from?.id === userId ? "user" : a.from?.id,
    ...(a.text != null ? { text: clip(a.text, 80) } : {}),
    ...(a.name != null ? { name: a.name } : {}),
    ...(a.attachments?.length ? { attachments: a.attachments.length } : {}),
});

const fromBot = (userId) => (a) => !isTyping(a) && a.from?.id !== userId;
const requestsOf = (name) => {
    const all = requestLog.filter((r) => r.scope === name);
    // Polls that found nothing new are counted, not listed.
    const emptyPolls = all.filter((r) => r.method === "GET" && /\/activities\?watermark=/.test(r.url) && r.status === 200 && /"activities":\[\]/.test(r.body ?? ""));
    return { emptyPolls: emptyPolls.length, requests: all.filter((r) => !emptyPolls.includes(r)).map(present) };
};

function section(checks, details) {
    return { ok: Object.values(checks).length > 0 && Object.values(checks).every((v) => v === true), checks, details };
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario 1 and 2: the conversation as Web Chat has it, then a reconnect with a watermark
// ---------------------------------------------------------------------------------------------------------------

async function conversationScenario(base, webSocket) {
    const name = webSocket ? "webSocket" : "polling";
    scope = name;
    const checks = {};
    const details = { mode: name };
    const clients = [];
    try {
        const page = await getPageToken(base, `${name}-page`);
        const { token, conversationId, userId, domain } = page;
        details.conversationId = conversationId;
        details.userId = userId;
        details.domain = domain;
        checks.pageTokenComplete = !!(token && conversationId && userId && domain && page.expiresIn > 0);
        const user = { id: userId, name: "Visitor" };
        const validId = idPattern(conversationId);

        // --- connect and talk ---
        const client = new Client({ token, domain, webSocket }, userId);
        clients.push(client);
        checks.transportAsRequested = client.dl.webSocket === webSocket;
        // Web Chat takes the visitor's id from the token's "user" claim (DirectLine.parseToken, a JWT decode).
        details.userFromToken = client.dl.parseToken(token) ?? null;
        checks.libraryReadsUserFromToken = details.userFromToken === userId;
        await client.waitFor((c) => c.status === "Online", WAIT_MS, "Online").catch((e) => (details.onlineError = e.message));
        checks.online = client.status === "Online";
        if (!checks.online) throw new Error(`the client did not get Online (statuses: ${client.statuses.join(", ")})`);
        details.conversationIdFromLibrary = client.dl.conversationId;
        checks.libraryUsesPageConversation = client.dl.conversationId === conversationId;

        const join = webChatActivity({ type: "event", name: "webchat/join", value: { language: "en-US" } }, user);
        const joinId = await client.post(join).catch((e) => `error: ${e.message}`);
        details.joinId = joinId;
        checks.postJoinReturnsId = validId.test(joinId);

        const hi = webChatActivity({ type: "message", text: "hi", textFormat: "plain" }, user);
        const hiId = await client.post(hi).catch((e) => `error: ${e.message}`);
        details.hiId = hiId;
        checks.postMessageReturnsId = validId.test(hiId);

        const echo = await client.waitForActivity((a) => a.id === hiId, "echo of 'hi'").catch((e) => ((details.echoError = e.message), null));
        checks.echoArrivesWithPostedId = echo?.type === "message" && echo?.text === "hi";
        checks.echoFromUser = echo?.from?.id === userId;
        checks.echoKeepsClientActivityID = echo?.channelData?.clientActivityID === hi.channelData.clientActivityID;
        const joinEcho = client.activities.find((a) => a.id === joinId);
        checks.joinEchoArrives = joinEcho?.type === "event" && joinEcho?.name === "webchat/join";

        const consent = await client
            .waitForActivity((a) => fromBot(userId)(a) && /May we keep this conversation/.test(a.text ?? ""), "the consent question")
            .catch((e) => ((details.consentError = e.message), null));
        checks.botRepliesArrive = !!consent;

        const yes = webChatActivity({ type: "message", text: "yes", textFormat: "plain" }, user);
        const yesId = await client.post(yes).catch((e) => `error: ${e.message}`);
        details.yesId = yesId;
        checks.postYesReturnsId = validId.test(yesId);
        const question1 = await client
            .waitForActivity((a) => fromBot(userId)(a) && watermarkOf(a.id) > watermarkOf(yesId) && /Question 1 of /.test(a.text ?? JSON.stringify(a.attachments ?? "")), "'Question 1 of '")
            .catch((e) => ((details.question1Error = e.message), null));
        checks.question1Arrives = !!question1;
        details.question1 = question1 ? summarize(question1, userId) : null;

        await sleep(QUIET_MS); // let anything still on its way arrive
        const seen = client.activities.filter((a) => !isTyping(a));
        details.activities = seen.map((a) => summarize(a, userId));
        details.typingReceived = client.activities.length - seen.length;
        const seenIds = seen.map((a) => a.id);
        checks.noDuplicateActivities = new Set(seenIds).size === seenIds.length;
        checks.activitiesInWatermarkOrder = seenIds.every((id, i) => i === 0 || watermarkOf(id) > watermarkOf(seenIds[i - 1]));
        checks.everyActivityIdWellFormed = seenIds.every((id) => validId.test(id));
        details.watermarkAfterRun = client.dl.watermark;

        client.end();
        await sleep(300);
        checks.statusSequence = JSON.stringify(client.statuses) === JSON.stringify(["Uninitialized", "Connecting", "Online", "Ended"]);
        details.statuses = client.statuses;
        if (client.errors.length) details.activityErrors = client.errors;

        // The server's own log of the conversation, to compare the library's view with: page after page, each
        // asked for from the watermark the previous one returned, until a page is empty.
        const loggedIds = [];
        let logged;
        let from = "";
        for (let page = 0; page < 100; page++) {
            logged = await rawFetch("GET", `${domain}/conversations/${encodeURIComponent(conversationId)}/activities?watermark=${from}`, token);
            const ids = (logged.json?.activities ?? []).map((a) => a.id);
            if (logged.status !== 200 || ids.length === 0) break;
            loggedIds.push(...ids);
            from = logged.json.watermark;
        }
        details.serverLog = { status: logged.status, watermark: logged.json?.watermark, ids: loggedIds.map((id) => watermarkOf(id)) };
        checks.receivedEveryLoggedActivity = logged.status === 200 && loggedIds.length > 0 && loggedIds.every((id) => seenIds.includes(id)) && seenIds.every((id) => loggedIds.includes(id));

        // --- reconnect from a watermark in the middle: right after the user's "hi" ---
        scope = `${name}-reconnect`;
        const mark = watermarkOf(hiId);
        const expectedIds = loggedIds.filter((id) => watermarkOf(id) > mark);
        details.reconnect = { watermark: String(mark), expected: expectedIds.map((id) => watermarkOf(id)) };
        const again = new Client({ token, domain, conversationId, watermark: String(mark), webSocket }, userId);
        clients.push(again);
        await again.waitFor((c) => c.status === "Online", WAIT_MS, "Online after reconnect").catch((e) => (details.reconnect.onlineError = e.message));
        checks.reconnectOnline = again.status === "Online";
        if (!checks.reconnectOnline) throw new Error(`the reconnecting client did not get Online (statuses: ${again.statuses.join(", ")})`);
        await again
            .waitFor((c) => expectedIds.every((id) => c.activities.some((a) => a.id === id)), WAIT_MS, "the activities after the watermark")
            .catch((e) => (details.reconnect.error = e.message));
        await sleep(QUIET_MS);
        const replayed = again.activities.filter((a) => !isTyping(a));
        const replayedIds = replayed.map((a) => a.id);
        details.reconnect.received = replayed.map((a) => summarize(a, userId));
        checks.reconnectReceivesAllAfterWatermark = expectedIds.length > 0 && expectedIds.every((id) => replayedIds.includes(id));
        checks.reconnectReceivesNothingAtOrBeforeWatermark = replayedIds.every((id) => watermarkOf(id) > mark);
        checks.reconnectNoDuplicates = new Set(replayedIds).size === replayedIds.length;
        checks.reconnectTextsMatch = replayed.every((a) => {
            const original = seen.find((b) => b.id === a.id);
            return original && original.text === a.text && original.type === a.type;
        });

        // How the library asked: GET /conversations/{id}?watermark=<mark>, then the stream or the polls from there.
        const reconnectRequests = requestLog.filter((r) => r.scope === scope);
        const resume = reconnectRequests.find((r) => r.method === "GET" && r.url.includes(`/conversations/${conversationId}?watermark=`));
        checks.reconnectRequestCarriesWatermark = !!resume && resume.url.endsWith(`?watermark=${mark}`) && resume.status === 200;
        if (webSocket) {
            const stream = reconnectRequests.find((r) => r.via === "dljs-websocket");
            checks.reconnectStreamFromWatermark = !!stream && new URL(stream.url).searchParams.get("watermark") === String(mark) && stream.opened === true;
        } else {
            const firstPoll = reconnectRequests.find((r) => r.method === "GET" && r.url.includes("/activities?watermark="));
            checks.reconnectPollsFromWatermark = !!firstPoll && firstPoll.url.endsWith(`/activities?watermark=${mark}`) && firstPoll.status === 200;
        }
        again.end();
        await sleep(300);
        details.reconnect.statuses = again.statuses;
        if (again.errors.length) details.reconnect.activityErrors = again.errors;
    } catch (error) {
        checks.completed = false;
        details.error = describeError(error);
    } finally {
        for (const c of clients) c.end();
    }
    details.requests = { ...requestsOf(name), reconnect: requestsOf(`${name}-reconnect`) };
    return section(checks, details);
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario 3: a token for one conversation must not open another
// ---------------------------------------------------------------------------------------------------------------

async function crossConversationScenario(base) {
    scope = "crossConversation";
    const checks = {};
    const details = {};
    const clients = [];
    try {
        const first = await getPageToken(base, "first-page");
        const second = await getPageToken(base, "second-page");
        const domain = first.domain;
        details.firstConversationId = first.conversationId;
        details.secondConversationId = second.conversationId;
        checks.differentConversations = first.conversationId !== second.conversationId;

        // Give the first conversation something to steal.
        const owner = new Client({ token: first.token, domain, webSocket: false }, first.userId);
        clients.push(owner);
        await owner.waitFor((c) => c.status === "Online", WAIT_MS, "Online (first conversation)").catch(() => {});
        const secretId = await owner.post(webChatActivity({ type: "message", text: "first conversation secret" }, { id: first.userId, name: "Visitor" })).catch((e) => `error: ${e.message}`);
        checks.firstConversationHasActivity = idPattern(first.conversationId).test(secretId);
        owner.end();

        const firstPath = `${domain}/conversations/${encodeURIComponent(first.conversationId)}`;
        const read = await rawFetch("GET", `${firstPath}/activities`, second.token);
        details.rawGetActivities = { status: read.status, body: read.json };
        checks.rawGetActivities403 = read.status === 403 && !read.text.includes("first conversation secret");

        const resume = await rawFetch("GET", `${firstPath}?watermark=`, second.token);
        details.rawReconnect = { status: resume.status, body: resume.json };
        checks.rawReconnect403 = resume.status === 403 && !resume.text.includes(first.token);

        const post = await rawFetch("POST", `${firstPath}/activities`, second.token, { type: "message", text: "intruder", from: { id: second.userId } });
        details.rawPost = { status: post.status, body: post.json };
        checks.rawPost403 = post.status === 403;

        // The stream address of the first conversation with the second conversation's token.
        const streamUrl = `${domain.replace(/^http/, "ws")}/conversations/${encodeURIComponent(first.conversationId)}/stream?watermark=&t=${encodeURIComponent(second.token)}`;
        const stream = await withTimeout(
            new Promise((resolve) => {
                const socket = new NodeWebSocket(streamUrl);
                socket.on("unexpected-response", (_req, res) => {
                    resolve({ status: res.statusCode });
                    socket.terminate();
                });
                socket.on("open", () => {
                    resolve({ status: 101, opened: true });
                    socket.terminate();
                });
                socket.on("error", () => {});
            }),
            WAIT_MS,
            "the stream handshake",
        ).catch((e) => ({ error: e.message }));
        details.rawStream = stream;
        checks.rawStream403 = stream.status === 403;

        // The library, given the second token and the first conversation's id, as a resuming page would.
        details.library = {};
        for (const webSocket of [true, false]) {
            const mode = webSocket ? "webSocket" : "polling";
            scope = `crossConversation-${mode}`;
            const intruder = new Client({ token: second.token, domain, conversationId: first.conversationId, webSocket }, second.userId);
            clients.push(intruder);
            await intruder
                .waitFor((c) => ["FailedToConnect", "ExpiredToken", "Ended"].includes(c.status), WAIT_MS, "a failed connection status")
                .catch(() => {});
            const postResult = await firstValue(intruder.dl.postActivity(webChatActivity({ type: "message", text: "intruder" }, { id: second.userId, name: "Visitor" })), WAIT_MS, "postActivity")
                .then((id) => ({ value: id }))
                .catch((e) => ({ error: String(e?.message ?? e) }));
            await sleep(QUIET_MS);
            const statuses = [...intruder.statuses];
            details.library[mode] = {
                statuses,
                activityErrors: intruder.errors,
                activitiesReceived: intruder.activities.length,
                postActivity: postResult,
                requests: requestsOf(scope).requests,
            };
            checks[`dljs${mode[0].toUpperCase()}${mode.slice(1)}Refused`] =
                statuses.includes("FailedToConnect") || statuses.includes("ExpiredToken");
            checks[`dljs${mode[0].toUpperCase()}${mode.slice(1)}NeverOnline`] = !statuses.includes("Online");
            checks[`dljs${mode[0].toUpperCase()}${mode.slice(1)}NoForeignActivities`] = intruder.activities.length === 0;
            checks[`dljs${mode[0].toUpperCase()}${mode.slice(1)}PostRejected`] = !("value" in postResult) || !idPattern(first.conversationId).test(postResult.value);
            intruder.end();
        }
    } catch (error) {
        checks.completed = false;
        details.error = describeError(error);
    } finally {
        for (const c of clients) c.end();
    }
    details.requests = requestsOf("crossConversation").requests;
    return section(checks, details);
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario 4: token refresh, the library's own path (POST {domain}/tokens/refresh)
// ---------------------------------------------------------------------------------------------------------------

async function refreshScenario(base) {
    scope = "refresh";
    const checks = {};
    const details = { mode: "webSocket" };
    const clients = [];
    try {
        const page = await getPageToken(base, "refresh-page");
        const issuedAt = Date.now();
        const { token, conversationId, userId, domain } = page;
        details.conversationId = conversationId;
        const client = new Client({ token, domain, webSocket: true }, userId);
        clients.push(client);
        await client.waitFor((c) => c.status === "Online", WAIT_MS, "Online").catch((e) => (details.onlineError = e.message));
        checks.online = client.status === "Online";
        if (!checks.online) throw new Error(`the client did not get Online (statuses: ${client.statuses.join(", ")})`);

        // Tokens carry an expiry in whole seconds, so one refreshed within the same second would be identical.
        await sleep(Math.max(0, 1_100 - (Date.now() - issuedAt)));

        // What DirectLine's refreshTokenLoop calls every 15 minutes.
        const refreshed = await firstValue(client.dl.refreshToken(), WAIT_MS, "refreshToken()").catch((e) => ((details.refreshError = String(e?.message ?? e)), null));
        nameToken(refreshed, "refreshed");
        checks.libraryRefreshReturnsToken = typeof refreshed === "string" && refreshed.length > 0;
        checks.tokenIsNew = checks.libraryRefreshReturnsToken && refreshed !== token;
        checks.refreshedTokenKeepsUser = checks.libraryRefreshReturnsToken && client.dl.parseToken(refreshed) === userId;
        const libraryCall = requestLog.find((r) => r.scope === "refresh" && r.via === "dljs-xhr" && r.url.endsWith("/tokens/refresh"));
        details.libraryRequest = libraryCall && present(libraryCall);
        checks.libraryRefreshHitsDomain = !!libraryCall && libraryCall.method === "POST" && libraryCall.url === `${domain}/tokens/refresh` && libraryCall.status === 200;

        // The same call made by hand, to see the whole answer.
        const raw = await rawFetch("POST", `${domain}/tokens/refresh`, token, undefined, "refreshed");
        details.rawRefresh = { status: raw.status, body: raw.json ?? raw.text };
        checks.rawRefreshOk = raw.status === 200 && typeof raw.json?.token === "string";
        checks.sameConversation = raw.json?.conversationId === conversationId;
        checks.expiresInPositive = raw.json?.expires_in > 0;

        // Use it the way the refresh loop does: the client's token is replaced, the conversation continues.
        if (checks.libraryRefreshReturnsToken) client.dl.token = refreshed;
        const join = webChatActivity({ type: "event", name: "webchat/join", value: { language: "en-US" } }, { id: userId, name: "Visitor" });
        const joinId = await client.post(join).catch((e) => `error: ${e.message}`);
        details.postWithRefreshedToken = joinId;
        const postRecord = requestLog.find((r) => r.scope === "refresh" && r.via === "dljs-xhr" && r.method === "POST" && r.url.endsWith("/activities"));
        checks.postUsedRefreshedToken = checks.libraryRefreshReturnsToken && postRecord?.auth === `Bearer ${refreshed}`;
        checks.postWithRefreshedTokenReturnsId = idPattern(conversationId).test(joinId);
        const echo = await client.waitForActivity((a) => a.id === joinId, "the echo").catch(() => null);
        checks.echoArrives = !!echo;
        const reply = await client.waitForActivity((a) => fromBot(userId)(a) && /May we keep this conversation/.test(a.text ?? ""), "the bot's reply").catch(() => null);
        checks.botReplies = !!reply;

        const read = await rawFetch("GET", `${domain}/conversations/${encodeURIComponent(conversationId)}/activities`, refreshed);
        checks.refreshedTokenReadsConversation = read.status === 200 && (read.json?.activities ?? []).some((a) => a.id === joinId);
        client.end();
        await sleep(300);
        details.statuses = client.statuses;
        if (client.errors.length) details.activityErrors = client.errors;
    } catch (error) {
        checks.completed = false;
        details.error = describeError(error);
    } finally {
        for (const c of clients) c.end();
    }
    details.requests = requestsOf("refresh").requests;
    return section(checks, details);
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
    const base = (process.argv[2] ?? "").replace(/\/+$/, "");
    if (!/^https?:\/\//.test(base)) {
        console.error("usage: node tests/js/directline-protocol.mjs <baseUrl>   (e.g. http://127.0.0.1:5199)");
        process.exit(2);
    }
    const result = {};
    const finish = (code) => process.stdout.write(redact(JSON.stringify(result)) + "\n", () => process.exit(code));
    const watchdog = setTimeout(() => {
        result.watchdog = `the run did not finish within ${WATCHDOG_MS} ms`;
        finish(1);
    }, WATCHDOG_MS);
    watchdog.unref();

    result.webSocket = await conversationScenario(base, true);
    result.polling = await conversationScenario(base, false);
    result.crossConversation = await crossConversationScenario(base);
    result.refresh = await refreshScenario(base);
    clearTimeout(watchdog);
    const ok = ["webSocket", "polling", "crossConversation", "refresh"].every((k) => result[k]?.ok === true);
    finish(ok ? 0 : 1);
}

process.on("unhandledRejection", (reason) => console.error("unhandled rejection:", reason));
main().catch((error) => {
    console.error(error);
    process.stdout.write(redact(JSON.stringify({ error: describeError(error) })) + "\n", () => process.exit(1));
});
