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

async function run(client, collection, log, server) {
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

    await runNamed(client, `${collection}_named`, step);
    await runMultivector(client, `${collection}_multi`, step);
    await runDocuments(client, server, `${collection}_docs`, step);
    return steps;
}

// ---- Named dense vectors, sparse vectors, qdrant/bm25 documents and the query API ----

const NAMED_IDS = range(1, 36);
const KEYWORD_DIMS = 24;
// Words that Qdrant's BM25 keeps as they are (no English stopword, the Snowball stem is the word
// itself): a step below checks that, so the reference encoding here needs no stemmer.
const WORDS = ['fox', 'cat', 'dog', 'bird', 'fish', 'sun', 'moon', 'star', 'rock', 'sand',
    'sea', 'wind', 'rain', 'snow', 'cold', 'warm', 'red', 'green'];
const BM25 = { k: 1.2, b: 0.75, avgLen: 256 };

function denseVector(random, dim) {
    return Array.from(Float32Array.from(Array.from({ length: dim }, () => random() * 4 - 2)));
}

function unitOf(random, dim) {
    const v = Array.from({ length: dim }, () => random() * 2 - 1);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return Array.from(Float32Array.from(v.map((x) => x / norm)));
}

/** A sparse vector of 2 to 5 positive values on distinct dimensions, indices ascending. */
function sparseVector(random) {
    const dims = new Set();
    const want = 2 + Math.floor(random() * 4);
    while (dims.size < want) {
        dims.add(Math.floor(random() * KEYWORD_DIMS));
    }
    const indices = [...dims].sort((a, b) => a - b);
    return { indices, values: Array.from(Float32Array.from(indices.map(() => 0.1 + random()))) };
}

function sentence(random) {
    const length = 2 + Math.floor(random() * 6);
    return Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/**
 * Points of the named collection: "dense" (8-d Cosine) on all but every 5th id, "title" (4-d
 * Euclid) on ids not divisible by 3, "keywords" (sparse) on ids not divisible by 4, and "text"
 * (sparse, qdrant/bm25 documents) on ids not divisible by 7; id 35 has none of them.
 */
function buildNamedDataset() {
    const random = prng(SEED + 7);
    const points = new Map();
    for (const id of NAMED_IDS) {
        const vectors = {};
        if (id !== 35) {
            if (id % 5 !== 0) {
                vectors.dense = unitOf(random, DIM);
            }
            if (id % 3 !== 0) {
                vectors.title = denseVector(random, 4);
            }
            if (id % 4 !== 0) {
                vectors.keywords = sparseVector(random);
            }
            if (id % 7 !== 0) {
                vectors.text = sentence(random);
            }
        }
        points.set(id, { id, vectors, payload: { kind: id % 2 === 0 ? 'even' : 'odd', n: id } });
    }
    return points;
}

/** The vector map as sent: the text field becomes a qdrant/bm25 document object. */
function wireVectors(vectors) {
    const out = { ...vectors };
    if (out.text !== undefined) {
        out.text = { text: out.text, model: 'qdrant/bm25' };
    }
    return out;
}

/** MurmurHash3 x86 32-bit of a byte array, seed 0, as a signed int. */
function murmur3(bytes) {
    const c1 = 0xcc9e2d51;
    const c2 = 0x1b873593;
    let h = 0;
    let i = 0;
    const mix = (k) => Math.imul(((Math.imul(k, c1) << 15) | (Math.imul(k, c1) >>> 17)), c2);
    for (; i + 4 <= bytes.length; i += 4) {
        h ^= mix(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    let k = 0;
    switch (bytes.length & 3) {
        case 3: k ^= bytes[i + 2] << 16; // falls through
        case 2: k ^= bytes[i + 1] << 8; // falls through
        case 1: k ^= bytes[i]; h ^= mix(k);
    }
    h ^= bytes.length;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h | 0;
}

/** Qdrant's BM25 token id: |murmur3(utf-8 bytes)|. */
function tokenId(word) {
    return Math.abs(murmur3(Buffer.from(word, 'utf8')));
}

/** The qdrant/bm25 document vector of a text of plain words, as a Map index → weight. */
function bm25Document(text) {
    const tokens = text.split(' ');
    const counts = new Map();
    tokens.forEach((t) => counts.set(t, (counts.get(t) || 0) + 1));
    const out = new Map();
    for (const [token, tf] of counts) {
        const norm = BM25.k * (1 - BM25.b + (BM25.b * tokens.length) / BM25.avgLen) + tf;
        out.set(tokenId(token), Math.fround((tf * (BM25.k + 1)) / norm));
    }
    return out;
}

function sparseMap(v) {
    return new Map(v.indices.map((index, i) => [index, v.values[i]]));
}

function sparseDot(a, b) {
    let s = 0;
    for (const [index, value] of a) {
        if (b.has(index)) {
            s += value * b.get(index);
        }
    }
    return s;
}

/** Qdrant's IDF: ln((n - df + 0.5) / (df + 0.5) + 1). */
function idf(n, df) {
    return Math.log((n - df + 0.5) / (df + 0.5) + 1);
}

function euclid(a, b) {
    return Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) * (x - b[i]), 0));
}

/** Every point holding {@code name}, scored by {@code score}, best first (larger, or smaller when ascending). */
function ranking(points, name, score, ascending = false) {
    return [...points.values()]
        .filter((p) => p.vectors[name] !== undefined)
        .map((p) => ({ id: p.id, score: score(p.vectors[name]) }))
        .sort((x, y) => (ascending ? x.score - y.score : y.score - x.score));
}

/** Sparse search returns only the points that share a dimension with the query. */
function sparseRanking(points, name, query, toMap = sparseMap) {
    return [...points.values()]
        .filter((p) => p.vectors[name] !== undefined)
        .map((p) => {
            const doc = toMap(p.vectors[name]);
            return { id: p.id, score: sparseDot(query, doc), shares: [...query.keys()].some((i) => doc.has(i)) };
        })
        .filter((h) => h.shares)
        .map(({ id, score }) => ({ id, score }))
        .sort((x, y) => y.score - x.score);
}

function rrfReference(lists, k = 2, weights = null) {
    const scores = new Map();
    lists.forEach((list, l) => list.forEach((hit, position) => {
        const w = weights ? weights[l] : 1;
        const add = w <= 0 ? 0 : 1 / ((position + 1) / w + k - 1);
        scores.set(hit.id, (scores.get(hit.id) || 0) + add);
    }));
    return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score);
}

function dbsfReference(lists) {
    const scores = new Map();
    for (const list of lists) {
        const n = list.length;
        const mean = list.reduce((s, h) => s + h.score, 0) / n;
        const sd = n < 2 ? 0 : Math.sqrt(list.reduce((s, h) => s + (h.score - mean) ** 2, 0) / (n - 1));
        list.forEach((h) => {
            const normalised = sd === 0 ? 0.5 : (h.score - (mean - 3 * sd)) / (6 * sd);
            scores.set(h.id, (scores.get(h.id) || 0) + normalised);
        });
    }
    return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score);
}

/** Maximal marginal relevance over unit vectors (similarity = dot), picks in order with their relevance. */
function mmrReference(query, candidates, vectorOf, diversity, limit) {
    const lambda = 1 - diversity;
    const relevance = candidates.map((c) => dot(query, vectorOf(c)));
    const maxSim = candidates.map(() => -Infinity);
    const picked = [];
    const left = new Set(candidates.map((_, i) => i));
    while (picked.length < limit && left.size > 0) {
        let best = -1;
        let bestValue = -Infinity;
        for (const i of left) {
            const value = picked.length === 0 ? relevance[i] : lambda * relevance[i] - (1 - lambda) * maxSim[i];
            if (value > bestValue) {
                best = i;
                bestValue = value;
            }
        }
        left.delete(best);
        picked.push({ id: candidates[best].id, score: relevance[best] });
        for (const i of left) {
            maxSim[i] = Math.max(maxSim[i], dot(vectorOf(candidates[i]), vectorOf(candidates[best])));
        }
    }
    return picked;
}

/**
 * For rankings where equal scores are likely (fusion, BM25 over short texts): equal scores may come
 * in any order (Qdrant leaves such ties in hash order), so the scores must be the reference's,
 * position by position, and each id must carry its own reference score.
 */
function checkUpToTies(hits, expected, limit, what) {
    check(Array.isArray(hits), `${what}: expected a list of scored points`, hits);
    checkEqual(hits.length, Math.min(limit, expected.length), `${what} number of hits`);
    const byId = new Map(expected.map((h) => [h.id, h.score]));
    checkEqual(new Set(hits.map((h) => h.id)).size, hits.length, `${what}: distinct ids`);
    hits.forEach((h, i) => {
        check(Math.abs(h.score - expected[i].score) <= SCORE_TOLERANCE,
            `${what}: score at ${i} is ${h.score}, expected ${expected[i].score}`, hits);
        check(byId.has(h.id) && Math.abs(byId.get(h.id) - h.score) <= SCORE_TOLERANCE,
            `${what}: ${h.id} scored ${h.score}, expected ${byId.get(h.id)}`, h);
    });
}

function checkSparse(actual, expected, what) {
    check(actual && Array.isArray(actual.indices) && Array.isArray(actual.values),
        `${what}: expected {indices, values}`, actual);
    const got = sparseMap(actual);
    checkEqual([...got.keys()].sort((a, b) => a - b), [...expected.keys()].sort((a, b) => a - b), `${what} indices`);
    for (const [index, value] of expected) {
        check(Math.abs(got.get(index) - value) <= VECTOR_TOLERANCE, `${what}: value at ${index} is ${got.get(index)}, expected ${value}`, actual);
    }
}

async function runNamed(client, collection, step) {
    const points = buildNamedDataset();
    const withName = (name) => [...points.values()].filter((p) => p.vectors[name] !== undefined);
    const textCount = () => withName('text').length;
    const documentFrequency = (index) => withName('text').filter((p) => bm25Document(p.vectors.text).has(index)).length;
    /** A qdrant/bm25 query over the "text" field: 1 per distinct token, times its IDF. */
    const bm25Query = (text) => new Map([...new Set(text.split(' '))].map((w) => tokenId(w))
        .map((index) => [index, idf(textCount(), documentFrequency(index))]));
    const exact = { exact: true };

    await step('createCollection with named dense vectors and sparse vectors', async () => {
        if ((await client.collectionExists(collection)).exists) {
            await client.deleteCollection(collection);
        }
        checkEqual(await client.createCollection(collection, {
            vectors: { dense: { size: DIM, distance: 'Cosine' }, title: { size: 4, distance: 'Euclid' } },
            sparse_vectors: { keywords: {}, text: { modifier: 'idf' } },
            shard_number: 2,
        }), true, 'createCollection result');
        const params = (await client.getCollection(collection)).config.params;
        checkEqual(params.vectors.dense, { size: DIM, distance: 'Cosine' }, 'config.params.vectors.dense');
        checkEqual(params.vectors.title, { size: 4, distance: 'Euclid' }, 'config.params.vectors.title');
        checkEqual(Object.keys(params.sparse_vectors).sort(), ['keywords', 'text'], 'config.params.sparse_vectors');
        checkEqual(params.sparse_vectors.text.modifier, 'idf', 'sparse_vectors.text.modifier');
    });

    await step('upsert points lacking some named vectors, with qdrant/bm25 documents', async () => {
        const wire = [...points.values()].map((p) => ({ id: p.id, vector: wireVectors(p.vectors), payload: p.payload }));
        checkCompleted(await client.upsert(collection, { wait: true, points: wire }), 'upsert named');
        checkEqual(await client.count(collection, { exact: true }), { count: points.size }, 'count');
    });

    await step('retrieve with with_vector: ["dense", "keywords"] returns only those, where present', async () => {
        const records = await client.retrieve(collection, { ids: [1, 4, 5, 35], with_vector: ['dense', 'keywords'] });
        checkEqual(records.map((r) => r.id).sort((a, b) => a - b), [1, 4, 5, 35], 'retrieve ids');
        for (const r of records) {
            const p = points.get(r.id);
            const names = Object.keys(r.vector || {}).sort();
            checkEqual(names, ['dense', 'keywords'].filter((n) => p.vectors[n] !== undefined), `retrieve ${r.id} vector names`);
            if (p.vectors.dense) {
                checkVector(r.vector.dense, p.vectors.dense, `retrieve ${r.id} dense`);
            }
            if (p.vectors.keywords) {
                checkSparse(r.vector.keywords, sparseMap(p.vectors.keywords), `retrieve ${r.id} keywords`);
            }
        }
    });

    await step('qdrant/bm25 documents are stored as Qdrant encodes them (token hash, BM25 weight)', async () => {
        // The reference hashes the words as they are: a word that the server stemmed or dropped fails here.
        const records = await client.retrieve(collection, { ids: withName('text').map((p) => p.id), with_vector: ['text'] });
        checkEqual(records.length, textCount(), 'retrieve text vectors');
        for (const r of records) {
            checkSparse(r.vector.text, bm25Document(points.get(r.id).vectors.text), `bm25 document of ${r.id} ("${points.get(r.id).vectors.text}")`);
        }
    });

    await step('search with a NamedVector equals the brute force over the points holding it', async () => {
        const query = points.get(7).vectors.dense;
        const hits = await client.search(collection, { vector: { name: 'dense', vector: query }, limit: 6, params: exact });
        checkHits(hits, ranking(points, 'dense', (v) => dot(query, v)).slice(0, 6), 'search dense');
    });

    await step('query with using (Euclid): distances ascending', async () => {
        const query = [0.5, -1, 1.5, 0];
        const result = await client.query(collection, { query, using: 'title', limit: 5, params: exact, with_vector: ['title'] });
        checkHits(result.points, ranking(points, 'title', (v) => euclid(query, v), true).slice(0, 5), 'query using title');
        result.points.forEach((h) => checkVector(h.vector.title, points.get(h.id).vectors.title, `query hit ${h.id} title`));
    });

    await step('sparse query: exact dot product over the points sharing a dimension', async () => {
        const query = { indices: [2, 5, 11, 17], values: [1, 0.5, 2, 0.25] };
        const expected = sparseRanking(points, 'keywords', sparseMap(query));
        const result = await client.query(collection, { query, using: 'keywords', limit: 100 });
        checkUpToTies(result.points, expected, 100, 'sparse query');
        const searched = await client.search(collection, { vector: { name: 'keywords', vector: query }, limit: 3 });
        checkUpToTies(searched, expected, 3, 'search with a NamedSparseVector');
    });

    await step('qdrant/bm25 query: BM25 with IDF over the collection (both shards)', async () => {
        const text = 'fox moon rain';
        const expected = sparseRanking(points, 'text', bm25Query(text), bm25Document);
        check(expected.length > 2, 'bm25 reference: too few matches to be a test', expected);
        const result = await client.query(collection, { query: { text, model: 'qdrant/bm25' }, using: 'text', limit: 100 });
        checkUpToTies(result.points, expected, 100, 'bm25 query');
    });

    const denseQuery = unitOf(prng(SEED + 8), DIM);
    const keywordQuery = { indices: [1, 3, 8, 13, 21], values: [1, 1, 1, 1, 1] };
    const prefetchLists = () => [
        ranking(points, 'dense', (v) => dot(denseQuery, v)).slice(0, 10),
        sparseRanking(points, 'keywords', sparseMap(keywordQuery)).slice(0, 10),
    ];
    const prefetch = [
        { query: denseQuery, using: 'dense', limit: 10, params: exact },
        { query: keywordQuery, using: 'keywords', limit: 10 },
    ];

    await step('prefetch (dense + sparse) fused by rrf equals Reciprocal Rank Fusion of the exact lists', async () => {
        const result = await client.query(collection, { prefetch, query: { fusion: 'rrf' }, limit: 8, with_payload: true });
        checkUpToTies(result.points, rrfReference(prefetchLists()), 8, 'rrf');
        result.points.forEach((h) => checkEqual(h.payload, points.get(h.id).payload, `rrf hit ${h.id} payload`));
        const weighted = await client.query(collection, { prefetch, query: { rrf: { k: 60, weights: [3, 1] } }, limit: 20 });
        checkUpToTies(weighted.points, rrfReference(prefetchLists(), 60, [3, 1]), 20, 'rrf k=60 weights [3, 1]');
    });

    await step('prefetch fused by dbsf equals Distribution-Based Score Fusion of the exact lists', async () => {
        const result = await client.query(collection, { prefetch, query: { fusion: 'dbsf' }, limit: 20 });
        checkUpToTies(result.points, dbsfReference(prefetchLists()), 20, 'dbsf');
    });

    await step('hybrid with a qdrant/bm25 prefetch and a filter', async () => {
        const filter = { must: [{ key: 'kind', match: { value: 'odd' } }] };
        const odd = new Map([...points].filter(([, p]) => p.payload.kind === 'odd'));
        const text = 'sea snow cat';
        const lists = [
            ranking(odd, 'dense', (v) => dot(denseQuery, v)).slice(0, 5),
            sparseRanking(odd, 'text', bm25Query(text), bm25Document).slice(0, 5),
        ];
        const result = await client.query(collection, {
            prefetch: [
                { query: denseQuery, using: 'dense', limit: 5, params: exact },
                { query: { text, model: 'qdrant/bm25' }, using: 'text', limit: 5 },
            ],
            query: { fusion: 'rrf' }, filter, limit: 10,
        });
        checkUpToTies(result.points, rrfReference(lists), 10, 'hybrid rrf with filter');
    });

    await step('query {nearest, mmr} equals Maximal Marginal Relevance over the exact candidates', async () => {
        const candidates = ranking(points, 'dense', (v) => dot(denseQuery, v)).slice(0, 12);
        const expected = mmrReference(denseQuery, candidates, (c) => points.get(c.id).vectors.dense, 0.6, 5);
        const result = await client.query(collection, {
            query: { nearest: denseQuery, mmr: { diversity: 0.6, candidates_limit: 12 } }, using: 'dense', limit: 5, params: exact,
        });
        checkHits(result.points, expected, 'mmr');
    });

    await step('updateVectors sets some vectors and keeps the others and the payload', async () => {
        const random = prng(SEED + 9);
        const updates = [
            { id: 3, vector: { title: denseVector(random, 4) } }, // 3 had no title
            { id: 8, vector: { dense: unitOf(random, DIM), keywords: { indices: [1, 3], values: [2, 2] } } },
            { id: 14, vector: { text: { text: 'fox fox fox', model: 'qdrant/bm25' } } },
        ];
        checkCompleted(await client.updateVectors(collection, { wait: true, points: updates }), 'updateVectors');
        Object.assign(points.get(3).vectors, { title: updates[0].vector.title });
        Object.assign(points.get(8).vectors, { dense: updates[1].vector.dense, keywords: updates[1].vector.keywords });
        points.get(14).vectors.text = 'fox fox fox';
        const records = await client.retrieve(collection, { ids: [3, 8, 14], with_vector: true, with_payload: true });
        for (const r of records) {
            const p = points.get(r.id);
            checkEqual(Object.keys(r.vector).sort(), Object.keys(p.vectors).sort(), `vector names of ${r.id} after updateVectors`);
            checkEqual(r.payload, p.payload, `payload of ${r.id} after updateVectors`);
            ['dense', 'title'].filter((n) => p.vectors[n]).forEach((n) => checkVector(r.vector[n], p.vectors[n], `${r.id} ${n}`));
            if (p.vectors.keywords) {
                checkSparse(r.vector.keywords, sparseMap(p.vectors.keywords), `${r.id} keywords`);
            }
            if (p.vectors.text) {
                checkSparse(r.vector.text, bm25Document(p.vectors.text), `${r.id} text`);
            }
        }
        const result = await client.query(collection, { prefetch, query: { fusion: 'rrf' }, limit: 8 });
        checkUpToTies(result.points, rrfReference(prefetchLists()), 8, 'rrf after updateVectors');
    });

    await step('deleteVectors removes the named vectors only; searches no longer see them', async () => {
        checkCompleted(await client.deleteVectors(collection, { wait: true, points: [1, 2, 8], vector: ['keywords', 'title'] }),
            'deleteVectors');
        [1, 2, 8].forEach((id) => {
            delete points.get(id).vectors.keywords;
            delete points.get(id).vectors.title;
        });
        const records = await client.retrieve(collection, { ids: [1, 2, 8], with_vector: true });
        records.forEach((r) => checkEqual(Object.keys(r.vector).sort(), Object.keys(points.get(r.id).vectors).sort(),
            `vector names of ${r.id} after deleteVectors`));
        const result = await client.query(collection, { query: keywordQuery, using: 'keywords', limit: 100 });
        checkUpToTies(result.points, sparseRanking(points, 'keywords', sparseMap(keywordQuery)), 100,
            'sparse query after deleteVectors');
    });

    await step('batchUpdate with update_vectors and delete_vectors, in order', async () => {
        const title = denseVector(prng(SEED + 10), 4);
        const results = await client.batchUpdate(collection, {
            operations: [
                { update_vectors: { points: [{ id: 9, vector: { title } }] } },
                { delete_vectors: { points: [10], vector: ['dense'] } },
                { set_payload: { payload: { touched: true }, points: [9, 10] } },
            ],
        });
        check(Array.isArray(results) && results.length === 3, 'batchUpdate: expected 3 results', results);
        results.forEach((r, i) => checkCompleted(r, `batchUpdate result ${i}`));
        points.get(9).vectors.title = title;
        delete points.get(10).vectors.dense;
        const hits = await client.query(collection, { query: points.get(9).vectors.title, using: 'title', limit: 3, params: exact });
        checkHits(hits.points, ranking(points, 'title', (v) => euclid(title, v), true).slice(0, 3), 'query title after batchUpdate');
        const dense = await client.search(collection, { vector: { name: 'dense', vector: denseQuery }, limit: 50, params: exact });
        checkHits(dense, ranking(points, 'dense', (v) => dot(denseQuery, v)).slice(0, 50), 'dense search after batchUpdate');
    });

    await step('searchPointGroups with a NamedVector and recommendPointGroups with using group the exact ranking', async () => {
        const ranked = ranking(points, 'dense', (v) => dot(denseQuery, v)).map((h) => ({ ...h, payload: points.get(h.id).payload }));
        const result = await client.searchPointGroups(collection, {
            vector: { name: 'dense', vector: denseQuery }, group_by: 'kind', group_size: 3, limit: 2, params: exact,
        });
        checkGroups(result, expectedGroups(ranked, (p) => [p.kind], 3, 2), 'searchPointGroups dense');
        const example = points.get(11).vectors.dense;
        const recommended = ranking(points, 'dense', (v) => dot(example, v)).filter((h) => h.id !== 11)
            .map((h) => ({ ...h, payload: points.get(h.id).payload }));
        const byRecommend = await client.recommendPointGroups(collection, {
            positive: [11], using: 'dense', group_by: 'kind', group_size: 2, limit: 2, params: exact,
        });
        checkGroups(byRecommend, expectedGroups(recommended, (p) => [p.kind], 2, 2), 'recommendPointGroups using dense');
    });

    await step('deleteCollection (named)', async () => {
        checkEqual(await client.deleteCollection(collection), true, 'deleteCollection result');
    });
}

/** MaxSim: for each query row, the best dot product with any of the point's rows, summed. */
function maxSim(query, rows) {
    return query.reduce((sum, q) => sum + Math.max(...rows.map((r) => r.reduce((d, x, i) => d + x * q[i], 0))), 0);
}

/** A multivector (late interaction) collection: matrices stored, returned and searched by MaxSim. */
async function runMultivector(client, collection, step) {
    const matrices = new Map();
    for (let id = 1; id <= 30; id++) {
        const rows = [];
        for (let r = 0; r < 1 + (id % 3); r++) {
            rows.push([Math.sin(id * 1.3 + r), Math.cos(id * 0.7 - r), Math.sin(id * 0.31 * (r + 1))]);
        }
        matrices.set(id, rows);
    }
    await step('createCollection with a multivector (max_sim)', async () => {
        checkEqual(await client.createCollection(collection, {
            vectors: { colbert: { size: 3, distance: 'Dot', multivector_config: { comparator: 'max_sim' } } },
            shard_number: 2,
        }), true, 'createCollection result');
        const info = await client.getCollection(collection);
        checkEqual(info.config.params.vectors.colbert.multivector_config, { comparator: 'max_sim' }, 'multivector_config');
    });
    await step('upsert matrices; retrieve returns them', async () => {
        await client.upsert(collection, {
            wait: true,
            points: [...matrices].map(([id, rows]) => ({ id, vector: { colbert: rows } })),
        });
        const [p] = await client.retrieve(collection, { ids: [7], with_vector: true });
        checkEqual(p.vector.colbert.length, matrices.get(7).length, 'rows of point 7');
        p.vector.colbert.forEach((row, i) => row.forEach((x, j) =>
            check(Math.abs(x - matrices.get(7)[i][j]) < 1e-6, `point 7 row ${i} component ${j}`, row)));
    });
    await step('query with a matrix ranks by MaxSim, exactly as brute force', async () => {
        const q = [[1, 0, 0], [0, 0.5, 0.5]];
        const expected = [...matrices].map(([id, rows]) => ({ id, score: maxSim(q, rows) }))
            .sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 5);
        const result = await client.query(collection, { query: q, using: 'colbert', limit: 5, params: { exact: true } });
        checkEqual(result.points.map((p) => p.id), expected.map((e) => e.id), 'MaxSim ranking');
        result.points.forEach((p, i) => check(Math.abs(p.score - expected[i].score) < 1e-4, `score of ${p.id}`, p.score));
    });
    await step('deleteCollection (multivector)', async () => {
        checkEqual(await client.deleteCollection(collection), true, 'deleteCollection result');
    });
}

// ---- Document objects (server-side inference) against vectors computed apart ----

/** The dense model that runs inside the server (384 dimensions). */
const LOCAL_MODEL = 'sentence-transformers/all-MiniLM-L6-v2';
const LOCAL_DIM = 384;
/** Both sides run the same model on the same text: only float rounding may differ. */
const INFERENCE_TOLERANCE = 1e-5;

/** Dense vectors from the server's own embedding endpoint ({url, apiKey}; not a Qdrant API, so plain fetch). */
async function embed(server, texts) {
    const response = await fetch(`${server.url}/embed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(server.apiKey ? { 'api-key': server.apiKey } : {}) },
        body: JSON.stringify({ model: LOCAL_MODEL, inputs: texts }),
    });
    const body = await response.json();
    check(response.ok && body.result && Array.isArray(body.result.vectors), `POST /embed: HTTP ${response.status}`, body);
    checkEqual(body.result.dimension, LOCAL_DIM, 'embed dimension');
    return body.result.vectors;
}

function normalised(v) {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return v.map((x) => x / norm);
}

/** A qdrant/bm25 query sent as a plain sparse vector: weight 1 per distinct word (the idf modifier adds the IDF). */
function bm25QueryVector(text) {
    const indices = [...new Set(text.split(' ').map(tokenId))].sort((a, b) => a - b);
    return { indices, values: indices.map(() => 1) };
}

/**
 * The same ranking: equal length, each position's score within the tolerance, and each id scored
 * the same on both sides (ids of equal scores may trade places, as in Qdrant).
 */
function checkSameRanking(actual, expected, what) {
    checkEqual(actual.length, expected.length, `${what}: number of hits`);
    check(actual.length > 0, `${what}: no hits, so nothing compared`, actual);
    const byId = new Map(expected.map((h) => [h.id, h.score]));
    actual.forEach((h, i) => {
        check(Math.abs(h.score - expected[i].score) <= INFERENCE_TOLERANCE,
            `${what}: score at ${i} is ${h.score}, expected ${expected[i].score}`, actual);
        check(byId.has(h.id) && Math.abs(byId.get(h.id) - h.score) <= INFERENCE_TOLERANCE,
            `${what}: ${h.id} scored ${h.score}, expected ${byId.get(h.id)}`, h);
    });
}

/**
 * Two collections of the same texts: one upserted as Document objects ({text, model}) that the
 * server embeds, one upserted as vectors computed apart (dense from POST /embed, BM25 by the
 * reference encoder above). Queries sent as Documents to the first and as vectors to the second
 * must rank the same points with the same scores.
 */
async function runDocuments(client, server, collection, step) {
    const random = prng(SEED + 11);
    const texts = [...new Set(Array.from({ length: 24 }, () => sentence(random)))].slice(0, 16);
    const queries = ['cold sea wind', 'red fox snow', 'fish moon'];
    const byDocuments = `${collection}_inferred`;
    const byVectors = `${collection}_vectors`;
    const config = {
        vectors: { dense: { size: LOCAL_DIM, distance: 'Cosine' } },
        sparse_vectors: { bm25: { modifier: 'idf' } },
    };
    let embedded;

    await step('upsert the same texts as Document objects and as vectors from /embed and BM25', async () => {
        embedded = await embed(server, texts);
        for (const name of [byDocuments, byVectors]) {
            checkEqual(await client.createCollection(name, config), true, `createCollection ${name}`);
        }
        checkCompleted(await client.upsert(byDocuments, {
            wait: true,
            points: texts.map((text, i) => ({
                id: i + 1,
                vector: { dense: { text, model: LOCAL_MODEL }, bm25: { text, model: 'qdrant/bm25' } },
                payload: { text },
            })),
        }), 'upsert Document objects');
        checkCompleted(await client.upsert(byVectors, {
            wait: true,
            points: texts.map((text, i) => {
                const bm25 = bm25Document(text);
                const indices = [...bm25.keys()].sort((a, b) => a - b);
                return { id: i + 1, vector: { dense: embedded[i], bm25: { indices, values: indices.map((x) => bm25.get(x)) } },
                    payload: { text } };
            }),
        }), 'upsert vectors');
    });

    await step('a dense vector inferred from a Document equals the /embed vector', async () => {
        const records = await client.retrieve(byDocuments, { ids: texts.map((_, i) => i + 1), with_vector: ['dense'] });
        checkEqual(records.length, texts.length, 'retrieve inferred points');
        records.forEach((r) => {
            const expected = normalised(embedded[r.id - 1]);
            normalised(r.vector.dense).forEach((x, j) => check(Math.abs(x - expected[j]) <= INFERENCE_TOLERANCE,
                `dense vector of ${r.id} component ${j}: ${x}, expected ${expected[j]}`, r.vector.dense.slice(0, 4)));
        });
    });

    await step('dense query: a Document gets the ranking and scores of its /embed vector', async () => {
        for (const text of queries) {
            const [vector] = await embed(server, [text]);
            const inferred = await client.query(byDocuments, {
                query: { text, model: LOCAL_MODEL }, using: 'dense', limit: texts.length, params: { exact: true },
            });
            const plain = await client.query(byVectors, { query: vector, using: 'dense', limit: texts.length, params: { exact: true } });
            checkSameRanking(inferred.points, plain.points, `dense "${text}"`);
            checkEqual(inferred.points.map((p) => p.id), plain.points.map((p) => p.id), `dense "${text}" ids`);
        }
    });

    await step('qdrant/bm25 query: a Document gets the ranking and scores of the sparse vectors', async () => {
        for (const text of queries) {
            const inferred = await client.query(byDocuments, { query: { text, model: 'qdrant/bm25' }, using: 'bm25', limit: texts.length });
            const plain = await client.query(byVectors, { query: bm25QueryVector(text), using: 'bm25', limit: texts.length });
            checkSameRanking(inferred.points, plain.points, `bm25 "${text}"`);
        }
    });

    await step('hybrid: Document prefetches fused by rrf equal the same over vectors', async () => {
        const text = queries[1];
        const [vector] = await embed(server, [text]);
        const inferred = await client.query(byDocuments, {
            prefetch: [
                { query: { text, model: LOCAL_MODEL }, using: 'dense', limit: 8 },
                { query: { text, model: 'qdrant/bm25' }, using: 'bm25', limit: 8 },
            ],
            query: { fusion: 'rrf' }, limit: 8,
        });
        const plain = await client.query(byVectors, {
            prefetch: [
                { query: vector, using: 'dense', limit: 8 },
                { query: bm25QueryVector(text), using: 'bm25', limit: 8 },
            ],
            query: { fusion: 'rrf' }, limit: 8,
        });
        checkSameRanking(inferred.points, plain.points, `hybrid "${text}"`);
    });

    await step('deleteCollection (documents)', async () => {
        for (const name of [byDocuments, byVectors]) {
            checkEqual(await client.deleteCollection(name), true, `deleteCollection ${name}`);
        }
    });
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
        const steps = await run(client, collection, (line) => console.log(line), { url, apiKey });
        console.log(`PASS: ${steps} steps matched Qdrant's behaviour`);
    } catch (e) {
        console.error(describe(e));
        await client.deleteCollection(collection).catch(() => undefined);
        await client.deleteCollection(`${collection}_named`).catch(() => undefined);
        await client.deleteCollection(`${collection}_multi`).catch(() => undefined);
        await client.deleteCollection(`${collection}_docs_inferred`).catch(() => undefined);
        await client.deleteCollection(`${collection}_docs_vectors`).catch(() => undefined);
        console.error('FAIL');
        process.exit(1);
    }
}

main();
