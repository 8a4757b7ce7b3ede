/*
 * What the framework scripts share: a deterministic fake embedding (dense and sparse), exact
 * reference scoring, a step runner that stops at the first mismatch, and an HTTP trace of every
 * request the framework sends (so a failure shows the exact request the server refused).
 */

export const DIM = 32;
export const SCORE_TOLERANCE = 1e-4;

export class Mismatch extends Error {
    constructor(message, actual) {
        super(message);
        this.actual = actual;
    }
}

export function check(condition, message, actual) {
    if (!condition) {
        throw new Mismatch(message, actual);
    }
}

export function checkEqual(actual, expected, what) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    check(a === e, `${what}: expected ${e}, got ${a}`, actual);
}

export function checkClose(actual, expected, what) {
    check(typeof actual === 'number' && Math.abs(actual - expected) <= SCORE_TOLERANCE,
        `${what}: expected ${expected}, got ${actual}`, actual);
}

function tokens(text) {
    return String(text).toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}

/** FNV-1a over the token's UTF-16 code units: stable across runs and platforms. */
function hash(token) {
    let h = 0x811c9dc5;
    for (let i = 0; i < token.length; i += 1) {
        h ^= token.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
}

/**
 * Bag-of-words hashed into DIM buckets (each token adds ±1 to one bucket), normalised, rounded
 * through float32 so reference scores use exactly what the server stores. The same text always
 * gets the same vector, so a query equal to a stored text scores 1 against it.
 */
export function embed(text) {
    const v = new Array(DIM).fill(0);
    for (const t of tokens(text)) {
        const h = hash(t);
        v[h % DIM] += (h >>> 31) === 0 ? 1 : -1;
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    return Array.from(Float32Array.from(v.map((x) => x / norm)));
}

/** Term-frequency sparse vector: index = token hash mod 2^20, value = count; indices ascending. */
export function sparseEmbed(text) {
    const counts = new Map();
    for (const t of tokens(text)) {
        const index = hash(t) % 1048576;
        counts.set(index, (counts.get(index) || 0) + 1);
    }
    const indices = [...counts.keys()].sort((a, b) => a - b);
    return { indices, values: indices.map((i) => counts.get(i)) };
}

export function dot(a, b) {
    return a.reduce((s, x, i) => s + x * b[i], 0);
}

export function sparseDot(a, b) {
    const values = new Map(b.indices.map((index, i) => [index, b.values[i]]));
    return a.indices.reduce((s, index, i) => s + (values.has(index) ? a.values[i] * values.get(index) : 0), 0);
}

/** Exact top-k of {@code items} ({key, vector}) by {@code score(query, vector)}, best first. */
export function topK(items, query, k, score = dot) {
    return items
        .map((item) => ({ ...item, score: score(query, item.vector) }))
        .filter((item) => item.score > 0 || score === dot)
        .sort((x, y) => y.score - x.score)
        .slice(0, k);
}

/** Shortens vectors in logged JSON: a list of more than 4 numbers prints as "<N numbers>". */
function summarise(value) {
    if (Array.isArray(value)) {
        if (value.length > 4 && value.every((x) => typeof x === 'number')) {
            return `<${value.length} numbers>`;
        }
        return value.map(summarise);
    }
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarise(v)]));
    }
    if (typeof value === 'string' && value.length > 60) {
        return `${value.slice(0, 57)}...`;
    }
    return value;
}

/**
 * Wraps the global fetch (which the Qdrant JS client uses) so every request prints as
 * "> METHOD /path?query {body}" and its answer as "< status" (with the server's error text when
 * it failed). Returns a function that sends one request by hand through the same trace.
 */
export function traceHttp(log, baseUrl) {
    const original = globalThis.fetch;
    const origin = new URL(baseUrl).origin;
    globalThis.fetch = async (input, init = {}) => {
        const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
        const method = init.method || (input && input.method) || 'GET';
        let body = '';
        if (typeof init.body === 'string' && init.body.length > 0) {
            try {
                body = ` ${JSON.stringify(summarise(JSON.parse(init.body)))}`;
            } catch (e) {
                body = ` ${init.body.slice(0, 200)}`;
            }
        }
        log(`  > ${method} ${url.pathname}${url.search}${body}`);
        const response = await original(input, init);
        let detail = '';
        if (!response.ok) {
            const text = await response.clone().text();
            detail = ` ${text.slice(0, 400)}`;
        }
        log(`  < ${response.status}${detail}`);
        return response;
    };
    /** Sends JSON to the server (the path starts with "/"); throws an HttpError on a non-2xx answer. */
    return async function send(method, path, body) {
        const response = await globalThis.fetch(`${origin}${path}`, {
            method,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        let json;
        try {
            json = text.length > 0 ? JSON.parse(text) : undefined;
        } catch (e) {
            json = text;
        }
        if (!response.ok) {
            const error = new Error(`${method} ${path} answered HTTP ${response.status}`);
            error.status = response.status;
            error.data = json;
            throw error;
        }
        return json;
    };
}

function describe(error) {
    const lines = [`not ok - ${error.step || 'setup'}: ${error.message}`];
    if (error instanceof Mismatch) {
        lines.push(`  actual: ${JSON.stringify(summarise(error.actual))}`);
    } else if (error.status !== undefined) {
        lines.push(`  HTTP ${error.status} ${error.url || ''}`);
        lines.push(`  body: ${JSON.stringify(error.data)}`);
    } else if (error.stack) {
        lines.push(error.stack);
    }
    return lines.join('\n');
}

/**
 * Runs {@code body(step, send, log)} against the base URL given as the first argument. Every
 * step runs even after one failed (each step builds its own state where it can), so one run lists
 * every mismatch; the exit code is 1 when any step failed, 2 on bad usage.
 */
export async function runScript(title, body) {
    const baseUrl = process.argv[2];
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
        console.error(`usage: node ${title}.mjs <base URL, e.g. http://127.0.0.1:6333>`);
        process.exit(2);
    }
    const log = (line) => console.log(line);
    const send = traceHttp(log, baseUrl);
    let passed = 0;
    let failed = 0;
    const step = async (name, fn) => {
        log(`# ${name}`);
        try {
            await fn();
            passed += 1;
            log(`ok - ${name}`);
            return true;
        } catch (e) {
            e.step = name;
            failed += 1;
            console.log(describe(e));
            return false;
        }
    };
    log(`${title} against ${baseUrl}`);
    try {
        await body({ baseUrl: baseUrl.replace(/\/+$/, ''), step, send, log });
    } catch (e) {
        failed += 1;
        console.log(describe(e));
    }
    log(`${title}: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
}

/** A fresh collection name per run, safe in Qdrant's name rules. */
export function collectionName(prefix) {
    return `${prefix}_${process.pid}_${Date.now()}`;
}

export function uuid(n) {
    // Deterministic UUIDs (version 4 layout) so runs are reproducible.
    const hex = n.toString(16).padStart(12, '0');
    return `5d0f6a3e-9c1b-4e2a-8f3d-${hex}`;
}
