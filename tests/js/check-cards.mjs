// Checks Adaptive Card templates with the official JavaScript libraries, for the C# test suite.
//
// stdin:  {"cards":[{"name":"x","template":{...}|null,"data":{...}|null,"card":{...}|null}]}
// stdout: {"results":[{"name":"x","expanded":{...}|null,"errors":["Parse/UnknownElementType: ..."]}]}
// Exit code is 0 whenever the tool itself worked, even if cards have errors; a card's own
// problems (including a template that fails to expand) are reported in its "errors".

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// stdout must carry nothing but the result JSON, and the libraries may log through console.
for (const level of ["log", "info", "debug", "warn"]) console[level] = console.error;

const require = createRequire(import.meta.url);
// The package's "main" (lib/) is ES modules with extension-less imports, which Node cannot
// load; the UMD bundle in dist/ is the same library and needs no DOM just to parse/validate.
const AdaptiveCards = require("adaptivecards/dist/adaptivecards.js");
const ACData = require("adaptivecards-templating");

const TARGET_VERSION = AdaptiveCards.Versions.v1_5;

const describe = (e) =>
    `${AdaptiveCards.ValidationPhase[e.phase]}/${AdaptiveCards.ValidationEvent[e.event]}: ${e.message}`;

function validate(cardJson) {
    const card = new AdaptiveCards.AdaptiveCard();
    const context = new AdaptiveCards.SerializationContext(TARGET_VERSION);
    card.parse(cardJson, context);

    const errors = [];
    for (let i = 0; i < context.eventCount; i++) errors.push(describe(context.getEventAt(i)));
    for (const e of card.validateProperties().validationEvents) errors.push(describe(e));
    return errors;
}

function check(entry) {
    const result = { name: entry.name ?? null, expanded: null, errors: [] };
    try {
        if (entry.template != null && entry.data != null) {
            result.expanded = new ACData.Template(entry.template).expand({ $root: entry.data });
        }
        const target = entry.card ?? result.expanded;
        if (target == null) {
            result.errors.push("Request/Other: entry has neither \"card\" nor \"template\" with \"data\"");
        } else {
            result.errors.push(...validate(target));
        }
    } catch (err) {
        // Attributed to the card, not the tool: one malformed template must not hide the others.
        result.errors.push(`Exception/Other: ${err}`);
    }
    return result;
}

const request = JSON.parse(readFileSync(0, "utf8"));
if (!Array.isArray(request?.cards)) throw new Error('request must be {"cards":[...]}');

process.stdout.write(JSON.stringify({ results: request.cards.map(check) }) + "\n");
