#!/usr/bin/env node
'use strict';
/*
 * Drives VJVector with the official Qdrant JavaScript client and checks every answer.
 *
 *   node qdrant-client-compat.js http://127.0.0.1:6333
 *
 * Exits 0 when every step matched, 1 on the first mismatch (with the step, what was expected and
 * what came back), 2 on bad usage. The expected results are computed here by brute force, so the
 * test needs nothing but the client and the server under test.
 */
const { QdrantClient } = require('@qdrant/js-client-rest');

const DIM = 8;
// Vectors are unit length, so Cosine scores equal plain dot products whether or not the server
// normalises on upload (Qdrant does), and stored vectors read back unchanged either way.
const SCORE_TOLERANCE = 1e-4;
const VECTOR_TOLERANCE = 1e-5;
const SEED = 20261126;
const LIST_IDS = range(1, 40);
const BATCH_IDS = range(41, 70);
const UUIDS = ['0c6c5f4e-3b7a-4d8e-9f10-2a3b4c5d6e7f', 'f47ac10b-58cc-4372-a567-0e02b2c3d479'];

class Mismatch extends Error {
    constructor(message, actual) {
        super(message);
        this.actual = actual;
    }
}

function range(from, to) {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** mulberry32: a tiny seeded PRNG, so every run upserts the same vectors. */
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function unitVector(random) {
    const v = Array.from({ length: DIM }, () => random() * 2 - 1);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    // Round through float32 so the reference scores use exactly what the server stores.
    return Array.from(Float32Array.from(v.map((x) => x / norm)));
}

function payloadFor(id, index) {
    return {
        group: index % 3 === 0 ? 'b' : 'a',
        n: index,
        tags: [`t${index % 5}`],
        nested: { level: index % 4 },
        label: `point ${id}`,
    };
}

/** The points this run writes, keyed by String(id) (numbers and UUIDs alike). */
function buildDataset() {
    const random = prng(SEED);
    const points = new Map();
    [...LIST_IDS, ...UUIDS, ...BATCH_IDS].forEach((id, index) => {
        points.set(String(id), { id, vector: unitVector(random), payload: payloadFor(id, index + 1) });
    });
    return points;
}

function dot(a, b) {
    return a.reduce((s, x, i) => s + x * b[i], 0);
}

function check(condition, message, actual) {
    if (!condition) {
        throw new Mismatch(message, actual);
    }
}

function checkEqual(actual, expected, what) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    check(a === e, `${what}: expected ${e}, got ${a}`, actual);
}

function checkVector(actual, expected, what) {
    check(Array.isArray(actual) && actual.length === expected.length,
        `${what}: expected a vector of ${expected.length} numbers`, actual);
    actual.forEach((x, i) => check(Math.abs(x - expected[i]) <= VECTOR_TOLERANCE,
        `${what}: component ${i} is ${x}, expected ${expected[i]}`, actual));
}

function checkCompleted(result, what) {
    check(result && typeof result.operation_id === 'number' && result.status === 'completed',
        `${what}: expected {operation_id: <number>, status: "completed"}`, result);
}

/** Qdrant's scroll order: unsigned integer ids ascending, then UUIDs ascending. */
function compareIds(a, b) {
    const an = typeof a === 'number';
    const bn = typeof b === 'number';
    if (an !== bn) {
        return an ? -1 : 1;
    }
    return an ? a - b : String(a).localeCompare(String(b));
}

/** Exact top-k of the live points matching {@code accept}, best first. */
function expectedTopK(points, query, limit, accept = () => true) {
    return [...points.values()]
        .filter((p) => accept(p.payload))
        .map((p) => ({ id: p.id, score: dot(query, p.vector) }))
        .sort((x, y) => y.score - x.score)
        .slice(0, limit);
}

function checkHits(hits, expected, what) {
    check(Array.isArray(hits), `${what}: expected a list of scored points`, hits);
    checkEqual(hits.map((h) => h.id), expected.map((h) => h.id), `${what} ids`);
    hits.forEach((h, i) => check(Math.abs(h.score - expected[i].score) <= SCORE_TOLERANCE,
        `${what}: score of ${h.id} is ${h.score}, expected ${expected[i].score}`, h));
}

function checkPayloadHas(actual, expected, what) {
    check(actual && typeof actual === 'object', `${what}: payload missing`, actual);
    for (const [key, value] of Object.entries(expected)) {
        checkEqual(actual[key], value, `${what} payload.${key}`);
    }
}

/** Brute-force grouping: walk the exact ranking once, filling groups in the order they appear. */
function expectedGroups(ranking, valuesOf, groupSize, limit) {
    const groups = new Map();
    for (const hit of ranking) {
        for (const value of new Set(valuesOf(hit.payload))) {
            if (!groups.has(value)) {
                groups.set(value, []);
            }
            if (groups.get(value).length < groupSize) {
                groups.get(value).push(hit.id);
            }
        }
    }
    return [...groups.entries()].slice(0, limit).map(([id, hits]) => ({ id, hits }));
}

function checkGroups(result, expected, what) {
    check(result && Array.isArray(result.groups), `${what}: expected {groups: [...]}`, result);
    checkEqual(result.groups.map((g) => ({ id: g.id, hits: g.hits.map((h) => h.id) })), expected, `${what} groups`);
}

const groupIs = (group) => ({ must: [{ key: 'group', match: { value: group } }] });

async function run(client, collection, log) {
    const points = buildDataset();
    let steps = 0;
    const step = async (name, body) => {
        try {
            await body();
        } catch (e) {
            e.step = name;
            throw e;
        }
        steps += 1;
        log(`ok ${steps} - ${name}`);
    };
    const liveIds = () => [...points.values()].map((p) => p.id).sort(compareIds);
    const countWhere = (accept) => [...points.values()].filter((p) => accept(p.payload)).length;

    await step('GET / answers with the server version', async () => {
        const info = await client.versionInfo();
        check(info && typeof info.title === 'string' && typeof info.version === 'string',
            'GET /: expected {title, version}', info);
    });

    await step('createCollection (Cosine, 8 dimensions, 2 shards)', async () => {
        if ((await client.collectionExists(collection)).exists) {
            await client.deleteCollection(collection);
        }
        const created = await client.createCollection(collection, {
            vectors: { size: DIM, distance: 'Cosine' },
            shard_number: 2,
        });
        checkEqual(created, true, 'createCollection result');
    });

    await step('collectionExists and getCollections list it', async () => {
        checkEqual(await client.collectionExists(collection), { exists: true }, 'collectionExists');
        const listed = await client.getCollections();
        check(Array.isArray(listed.collections) && listed.collections.some((c) => c.name === collection),
            `getCollections: ${collection} not listed`, listed);
    });

    await step('getCollection reports the vector params', async () => {
        const info = await client.getCollection(collection);
        check(info.status === 'green', 'getCollection: expected status "green"', info.status);
        checkEqual(info.config && info.config.params && info.config.params.vectors,
            { size: DIM, distance: 'Cosine' }, 'getCollection config.params.vectors');
        checkEqual(info.points_count, 0, 'getCollection points_count of an empty collection');
    });

    await step('upsert a list of points (integer and UUID ids)', async () => {
        const list = [...LIST_IDS, ...UUIDS].map((id) => points.get(String(id)));
        checkCompleted(await client.upsert(collection, { wait: true, points: list }), 'upsert points');
    });

    await step('upsert a batch (ids, vectors, payloads)', async () => {
        const batch = BATCH_IDS.map((id) => points.get(String(id)));
        const result = await client.upsert(collection, {
            wait: true,
            batch: {
                ids: batch.map((p) => p.id),
                vectors: batch.map((p) => p.vector),
                payloads: batch.map((p) => p.payload),
            },
        });
        checkCompleted(result, 'upsert batch');
    });

    await step('count (all, and filtered)', async () => {
        checkEqual(await client.count(collection, { exact: true }), { count: points.size }, 'count');
        checkEqual(await client.count(collection, { filter: groupIs('b'), exact: true }),
            { count: countWhere((p) => p.group === 'b') }, 'count group=b');
    });

    await step('retrieve by ids with payload and vector; unknown ids are skipped', async () => {
        const ids = [5, UUIDS[1], 41, 999999];
        const records = await client.retrieve(collection, { ids, with_payload: true, with_vector: true });
        check(Array.isArray(records), 'retrieve: expected a list', records);
        checkEqual(records.map((r) => r.id).sort(compareIds), [5, 41, UUIDS[1]].sort(compareIds), 'retrieve ids');
        for (const r of records) {
            const p = points.get(String(r.id));
            checkEqual(r.payload, p.payload, `retrieve ${r.id} payload`);
            checkVector(r.vector, p.vector, `retrieve ${r.id} vector`);
        }
    });

    await step('retrieve without payload or vector', async () => {
        const [r] = await client.retrieve(collection, { ids: [7], with_payload: false, with_vector: false });
        check(r && r.id === 7, 'retrieve 7: expected one record with id 7', r);
        check(r.payload === undefined || r.payload === null || Object.keys(r.payload).length === 0,
            'retrieve with_payload=false returned a payload', r);
        check(r.vector === undefined || r.vector === null, 'retrieve with_vector=false returned a vector', r);
    });

    await step('search (exact) returns the brute-force top 5 with Qdrant scores', async () => {
        const query = points.get('12').vector;
        const hits = await client.search(collection, {
            vector: query, limit: 5, with_payload: true, params: { exact: true },
        });
        checkHits(hits, expectedTopK(points, query, 5), 'search');
        checkEqual(hits[0].payload, points.get('12').payload, 'search top hit payload');
    });

    await step('search (index) finds the query point itself first', async () => {
        const query = points.get('33').vector;
        const hits = await client.search(collection, { vector: query, limit: 3, with_vector: true });
        check(hits.length === 3, 'search: expected 3 hits', hits);
        check(hits[0].id === 33 && Math.abs(hits[0].score - 1) <= SCORE_TOLERANCE,
            'search: expected point 33 first with score 1', hits[0]);
        checkVector(hits[0].vector, points.get('33').vector, 'search with_vector');
        hits.slice(1).forEach((h, i) => check(h.score <= hits[i].score, 'search: scores not descending', hits));
    });

    await step('search with a filter and offset', async () => {
        const query = points.get('50').vector;
        const hits = await client.search(collection, {
            vector: query, filter: groupIs('a'), limit: 4, offset: 2, params: { exact: true },
        });
        checkHits(hits, expectedTopK(points, query, 6, (p) => p.group === 'a').slice(2), 'filtered search');
    });

    await step('query with a vector and a filter', async () => {
        const query = points.get(UUIDS[0]).vector;
        const result = await client.query(collection, {
            query, filter: groupIs('b'), limit: 5, with_payload: true, params: { exact: true },
        });
        check(result && Array.isArray(result.points), 'query: expected {points: [...]}', result);
        checkHits(result.points, expectedTopK(points, query, 5, (p) => p.group === 'b'), 'query');
        result.points.forEach((h) => checkEqual(h.payload.group, 'b', `query hit ${h.id} group`));
    });

    await step('scroll pages to the end, every point exactly once, in id order', async () => {
        const seen = [];
        let offset;
        let pages = 0;
        do {
            const page = await client.scroll(collection, { limit: 7, offset, with_payload: true, with_vector: false });
            check(page && Array.isArray(page.points), 'scroll: expected {points, next_page_offset}', page);
            check(page.points.length <= 7, 'scroll: page larger than limit', page.points.length);
            page.points.forEach((r) => checkEqual(r.payload, points.get(String(r.id)).payload, `scroll ${r.id} payload`));
            seen.push(...page.points.map((r) => r.id));
            offset = page.next_page_offset;
            pages += 1;
            check(pages <= points.size, 'scroll: next_page_offset never became null', offset);
        } while (offset !== null && offset !== undefined);
        checkEqual(seen, liveIds(), 'scroll ids (all pages, in order)');
    });

    await step('scroll with a filter', async () => {
        const page = await client.scroll(collection, { filter: groupIs('b'), limit: 100, with_payload: true });
        checkEqual(page.points.map((r) => r.id),
            liveIds().filter((id) => points.get(String(id)).payload.group === 'b'), 'filtered scroll ids');
        check(page.next_page_offset === null || page.next_page_offset === undefined,
            'filtered scroll: expected no next page', page.next_page_offset);
    });

    await step('setPayload merges keys on selected ids', async () => {
        checkCompleted(await client.setPayload(collection, { payload: { flag: 'marked' }, points: [3, 4], wait: true }),
            'setPayload');
        for (const id of [3, 4]) {
            const p = points.get(String(id));
            p.payload = { ...p.payload, flag: 'marked' };
        }
        const records = await client.retrieve(collection, { ids: [3, 4], with_payload: true });
        records.forEach((r) => checkEqual(r.payload, points.get(String(r.id)).payload, `payload of ${r.id} after setPayload`));
    });

    await step('setPayload by filter', async () => {
        const filter = { must: [{ key: 'n', range: { gte: 60 } }] };
        checkCompleted(await client.setPayload(collection, { payload: { bulk: true }, filter, wait: true }),
            'setPayload by filter');
        for (const p of points.values()) {
            if (p.payload.n >= 60) {
                p.payload = { ...p.payload, bulk: true };
            }
        }
        checkEqual(await client.count(collection, { filter: { must: [{ key: 'bulk', match: { value: true } }] } }),
            { count: countWhere((p) => p.bulk === true) }, 'count bulk=true');
    });

    await step('createPayloadIndex (keyword) shows in payload_schema', async () => {
        checkCompleted(await client.createPayloadIndex(collection, {
            field_name: 'group', field_schema: 'keyword', wait: true,
        }), 'createPayloadIndex');
        const info = await client.getCollection(collection);
        const field = info.payload_schema && info.payload_schema.group;
        check(field && field.data_type === 'keyword', 'getCollection payload_schema.group.data_type', info.payload_schema);
        checkEqual(await client.count(collection, { filter: groupIs('a') }),
            { count: countWhere((p) => p.group === 'a') }, 'count group=a on the indexed field');
    });

    await step('facet counts the values of an indexed field, most frequent first', async () => {
        const counts = new Map();
        for (const p of points.values()) {
            counts.set(p.payload.group, (counts.get(p.payload.group) || 0) + 1);
        }
        const expected = [...counts.entries()].map(([value, count]) => ({ value, count }))
            .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1));
        checkEqual((await client.facet(collection, { key: 'group' })).hits, expected, 'facet group');
        const under = await client.facet(collection, { key: 'group', filter: { must: [{ key: 'n', range: { lt: 10 } }] }, limit: 1 });
        checkEqual(under.hits.length, 1, 'facet with limit 1');
    });

    await step('scroll with order_by (integer index), descending and from a start value', async () => {
        checkCompleted(await client.createPayloadIndex(collection, {
            field_name: 'n', field_schema: 'integer', wait: true,
        }), 'createPayloadIndex n');
        const byN = [...points.values()].sort((x, y) => x.payload.n - y.payload.n);
        const desc = await client.scroll(collection, { order_by: { key: 'n', direction: 'desc' }, limit: 5 });
        checkEqual(desc.points.map((r) => r.id), byN.slice().reverse().slice(0, 5).map((p) => p.id), 'order_by n desc');
        checkEqual(desc.points.map((r) => r.order_value), byN.slice().reverse().slice(0, 5).map((p) => p.payload.n),
            'order_by n desc order_value');
        const from = await client.scroll(collection, { order_by: { key: 'n', start_from: 30 }, filter: groupIs('a'), limit: 4 });
        checkEqual(from.points.map((r) => r.id),
            byN.filter((p) => p.payload.n >= 30 && p.payload.group === 'a').slice(0, 4).map((p) => p.id), 'order_by from 30');
        const plain = await client.scroll(collection, { order_by: 'n', limit: 3 });
        checkEqual(plain.points.map((r) => r.id), byN.slice(0, 3).map((p) => p.id), 'order_by "n"');
    });

    await step('searchPointGroups equals a brute-force grouping of the exact ranking', async () => {
        const query = points.get('12').vector;
        const ranking = expectedTopK(points, query, points.size).map((h) => ({ ...h, payload: points.get(String(h.id)).payload }));
        const byGroup = await client.searchPointGroups(collection, {
            vector: query, group_by: 'group', group_size: 3, limit: 2, params: { exact: true },
        });
        checkGroups(byGroup, expectedGroups(ranking, (p) => [p.group], 3, 2), 'searchPointGroups by group');
        const byTag = await client.searchPointGroups(collection, {
            vector: query, group_by: 'tags', group_size: 2, limit: 4, params: { exact: true }, with_payload: true,
        });
        checkGroups(byTag, expectedGroups(ranking, (p) => p.tags, 2, 4), 'searchPointGroups by tags');
        byTag.groups.forEach((g) => g.hits.forEach((h) => checkEqual(h.payload.tags.includes(g.id), true,
            `group ${g.id} hit ${h.id} holds the value`)));
    });

    await step('recommendPointGroups groups the recommendation, examples left out', async () => {
        const example = points.get('5');
        const ranking = expectedTopK(points, example.vector, points.size).filter((h) => h.id !== 5)
            .map((h) => ({ ...h, payload: points.get(String(h.id)).payload }));
        const result = await client.recommendPointGroups(collection, {
            positive: [5], group_by: 'group', group_size: 2, limit: 2, params: { exact: true },
        });
        checkGroups(result, expectedGroups(ranking, (p) => [p.group], 2, 2), 'recommendPointGroups');
    });

    await step('searchMatrixPairs and searchMatrixOffsets: the same reproducible sample, exact neighbours', async () => {
        const filter = groupIs('a');
        const { pairs } = await client.searchMatrixPairs(collection, { filter, sample: 6, limit: 2 });
        const offsets = await client.searchMatrixOffsets(collection, { filter, sample: 6, limit: 2 });
        check(Array.isArray(offsets.ids) && offsets.ids.length === 6, 'searchMatrixOffsets: expected 6 ids', offsets);
        checkEqual(offsets.ids, offsets.ids.slice().sort(compareIds), 'sampled ids in id order');
        const sample = offsets.ids.map((id) => points.get(String(id)));
        sample.forEach((p) => checkEqual(p.payload.group, 'a', `sampled ${p.id} matches the filter`));
        const expectedPairs = [];
        for (const a of sample) {
            const others = new Map(sample.filter((p) => p.id !== a.id).map((p) => [String(p.id), p]));
            expectedTopK(others, a.vector, 2).forEach((h) => expectedPairs.push({ a: a.id, b: h.id, score: h.score }));
        }
        checkEqual(pairs.map((p) => [p.a, p.b]), expectedPairs.map((p) => [p.a, p.b]), 'searchMatrixPairs pairs');
        pairs.forEach((p, i) => check(Math.abs(p.score - expectedPairs[i].score) <= SCORE_TOLERANCE,
            `pair ${p.a}-${p.b}: score ${p.score}, expected ${expectedPairs[i].score}`, p));
        checkEqual(offsets.offsets_row.map((r, i) => [offsets.ids[r], offsets.ids[offsets.offsets_col[i]]]),
            pairs.map((p) => [p.a, p.b]), 'searchMatrixOffsets holds the same entries');
    });

    await step('batchUpdate applies upsert, set_payload and delete_payload in order', async () => {
        const vector = unitVector(prng(SEED + 1));
        const results = await client.batchUpdate(collection, {
            operations: [
                { upsert: { points: [{ id: 1000, vector, payload: { group: 'c', label: 'new' } }] } },
                { set_payload: { payload: { extra: 1 }, points: [1000] } },
                { delete_payload: { keys: ['label'], points: [1000] } },
            ],
        });
        check(Array.isArray(results) && results.length === 3, 'batchUpdate: expected 3 results', results);
        results.forEach((r, i) => checkCompleted(r, `batchUpdate result ${i}`));
        const [r] = await client.retrieve(collection, { ids: [1000], with_payload: true });
        checkEqual(r && r.payload, { group: 'c', extra: 1 }, 'payload after batchUpdate');
        const removed = await client.batchUpdate(collection, { operations: [{ delete: { points: [1000] } }] });
        checkCompleted(removed[0], 'batchUpdate delete');
        checkEqual(await client.retrieve(collection, { ids: [1000] }), [], 'retrieve after batch delete');
    });

    await step('upsert with update_filter replaces only matching points', async () => {
        const keep = points.get('4');
        const change = points.get('6');
        const result = await client.upsert(collection, {
            wait: true,
            points: [4, 6].map((id) => ({ id, vector: points.get(String(id)).vector, payload: { ...points.get(String(id)).payload, touched: true } })),
            update_filter: { must: [{ key: 'n', match: { value: change.payload.n } }] },
        });
        checkCompleted(result, 'conditional upsert');
        change.payload = { ...change.payload, touched: true };
        const records = await client.retrieve(collection, { ids: [4, 6], with_payload: true });
        records.forEach((rec) => checkEqual(rec.payload, points.get(String(rec.id)).payload, `payload of ${rec.id}`));
        checkEqual(keep.payload.touched, undefined, 'point 4 untouched');
    });

    await step('delete by ids', async () => {
        checkCompleted(await client.delete(collection, { points: [1, 2, UUIDS[0]], wait: true }), 'delete by ids');
        [1, 2, UUIDS[0]].forEach((id) => points.delete(String(id)));
        checkEqual(await client.retrieve(collection, { ids: [1, 2, UUIDS[0]] }), [], 'retrieve deleted ids');
        checkEqual(await client.count(collection, {}), { count: points.size }, 'count after delete by ids');
    });

    await step('delete by filter', async () => {
        checkCompleted(await client.delete(collection, { filter: groupIs('b'), wait: true }), 'delete by filter');
        for (const [key, p] of [...points.entries()]) {
            if (p.payload.group === 'b') {
                points.delete(key);
            }
        }
        checkEqual(await client.count(collection, { filter: groupIs('b') }), { count: 0 }, 'count group=b after delete');
        checkEqual(await client.count(collection, {}), { count: points.size }, 'count after delete by filter');
        const query = points.get('10').vector;
        const hits = await client.search(collection, { vector: query, limit: 10, params: { exact: true } });
        checkHits(hits, expectedTopK(points, query, 10), 'search after deletes');
    });

    const alias = `${collection}_alias`;
    await step('updateCollectionAliases; getAliases lists it; search and count through the alias', async () => {
        checkEqual(await client.updateCollectionAliases({
            actions: [{ create_alias: { collection_name: collection, alias_name: alias } }],
        }), true, 'updateCollectionAliases result');
        const listed = (await client.getAliases()).aliases.filter((a) => a.alias_name === alias);
        checkEqual(listed, [{ alias_name: alias, collection_name: collection }], 'getAliases');
        checkEqual(await client.getCollectionAliases(collection),
            { aliases: [{ alias_name: alias, collection_name: collection }] }, 'getCollectionAliases');
        checkEqual(await client.count(alias, { exact: true }), { count: points.size }, 'count through the alias');
        const query = points.get('20').vector;
        const hits = await client.search(alias, { vector: query, limit: 5, params: { exact: true } });
        checkHits(hits, expectedTopK(points, query, 5), 'search through the alias');
    });

    await step('getCollection points_count matches count', async () => {
        checkEqual((await client.getCollection(collection)).points_count, points.size, 'points_count');
    });

    await step('deleteCollection; the collection is gone', async () => {
        checkEqual(await client.deleteCollection(collection), true, 'deleteCollection result');
        checkEqual(await client.collectionExists(collection), { exists: false }, 'collectionExists after delete');
        let status;
        try {
            await client.getCollection(collection);
        } catch (e) {
            status = e.status;
        }
        checkEqual(status, 404, 'getCollection of a deleted collection: HTTP status');
        checkEqual((await client.getAliases()).aliases.filter((a) => a.alias_name === alias), [],
            'getAliases after the collection was deleted');
    });
    return steps;
}

function describe(error) {
    const lines = [`not ok - ${error.step || 'setup'}: ${error.message}`];
    if (error instanceof Mismatch) {
        lines.push(`  actual: ${JSON.stringify(error.actual)}`);
    } else if (error.status !== undefined) {
        // An HTTP error from the client: show what the server said.
        lines.push(`  HTTP ${error.status} ${error.url || ''}`);
        lines.push(`  body: ${JSON.stringify(error.data)}`);
    } else if (error.stack) {
        lines.push(error.stack);
    }
    return lines.join('\n');
}

async function main() {
    const baseUrl = process.argv[2];
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
        console.error('usage: node qdrant-client-compat.js <base URL, e.g. http://127.0.0.1:6333>');
        process.exit(2);
    }
    // QDRANT_API_KEY: the server requires Qdrant's api-key; the client passes it with its apiKey option.
    const apiKey = process.env.QDRANT_API_KEY || undefined;
    const url = baseUrl.replace(/\/+$/, '');
    const client = new QdrantClient({ url, apiKey, checkCompatibility: false, timeout: 30000 });
    const collection = `compat_${process.pid}_${Date.now()}`;
    console.log(`Qdrant JS client compatibility against ${baseUrl} (collection ${collection})`
        + (apiKey ? ', with an API key' : ''));
    try {
        if (apiKey) {
            const anonymous = new QdrantClient({ url, checkCompatibility: false, timeout: 30000 });
            const status = await anonymous.getCollections().then(() => 200, (e) => e.status);
            checkEqual(status, 401, 'getCollections without apiKey');
            console.log('ok - a client without the API key is refused with 401');
        }
        const steps = await run(client, collection, (line) => console.log(line));
        console.log(`PASS: ${steps} steps matched Qdrant's behaviour`);
    } catch (e) {
        console.error(describe(e));
        await client.deleteCollection(collection).catch(() => undefined);
        console.error('FAIL');
        process.exit(1);
    }
}

main();
