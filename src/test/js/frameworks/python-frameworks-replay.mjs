#!/usr/bin/env node
/*
 * Replays, request by request, what the Python framework integrations send to Qdrant over REST,
 * and checks every answer against an exact reference computed here. Python packages cannot be
 * installed where this project builds, so the JSON bodies below were derived from their source:
 *
 * - langchain-qdrant 1.1.0 (langchain-ai/langchain libs/partners/qdrant/langchain_qdrant/qdrant.py
 *   at commit 0060d934923b056e43c5baa95d8b8a99e989e0dd): QdrantVectorStore in RetrievalMode
 *   DENSE, SPARSE and HYBRID.
 * - llama-index-vector-stores-qdrant 0.8.x (run-llama/llama_index llama-index-integrations/
 *   vector_stores/llama-index-vector-stores-qdrant/llama_index/vector_stores/qdrant/base.py at
 *   commit 912a5f9a59f2efea13565304a934e560b9296525; its pyproject pins qdrant-client < 1.16):
 *   QdrantVectorStore plain and with enable_hybrid=True (custom sparse_doc_fn/sparse_query_fn, as
 *   a caller without fastembed would pass).
 *
 * Both go through qdrant-client's REST API, which serialises models with exclude_unset and
 * exclude_none (qdrant_client/http/api/*_api.py jsonable_encoder), so only fields the caller set
 * to non-None values are sent. QdrantClient.query_points wraps a plain query (a dense list or a
 * SparseVector) as {"nearest": ...} (_resolve_query); prefetch queries are sent as given.
 * upsert, delete and create_payload_index default to wait=true.
 *
 *   node python-frameworks-replay.mjs http://127.0.0.1:6333
 */
import { randomUUID } from 'node:crypto';
import {
    check, checkClose, checkEqual, collectionName, dot, embed, runScript, sparseDot, sparseEmbed, topK,
} from './support.mjs';

const TEXTS = [
    { text: 'red apple fruit sweet crisp', metadata: { topic: 'fruit' }, doc: 'doc-fruit' },
    { text: 'yellow banana fruit soft', metadata: { topic: 'fruit' }, doc: 'doc-fruit' },
    { text: 'fast red car engine', metadata: { topic: 'vehicle' }, doc: 'doc-road' },
    { text: 'blue bicycle two wheels', metadata: { topic: 'vehicle' }, doc: 'doc-road' },
    { text: 'green tea hot drink', metadata: { topic: 'drink' }, doc: 'doc-cafe' },
    { text: 'black coffee hot drink bitter', metadata: { topic: 'drink' }, doc: 'doc-cafe' },
];

/** Python's uuid.uuid4().hex: 32 hex digits without hyphens, which Qdrant accepts as a UUID id. */
/**
 * The dense vector `name` of a point as Qdrant returns it: a plain list when the unnamed vector is
 * the point's only one, else a map of names to vectors (the Python stores read both forms).
 */
function denseOf(vector, name) {
    if (Array.isArray(vector)) {
        return name === '' ? vector : null;
    }
    return vector && Array.isArray(vector[name]) ? vector[name] : null;
}

function uuidHex() {
    return randomUUID().replace(/-/g, '');
}

function hyphenated(hex) {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Exact top k by dense cosine or sparse dot; ties may come in either order, so compare scores. */
function checkHits(hits, docs, query, k, what, { sparse = false, accept = () => true } = {}) {
    const score = sparse ? sparseDot : dot;
    const items = docs.filter(accept).map((d) => ({ ...d, vector: sparse ? d.sparse : d.dense }));
    const expected = topK(items, query, k, score);
    check(Array.isArray(hits), `${what}: expected a list of scored points`, hits);
    checkEqual(hits.length, expected.length, `${what} hit count`);
    hits.forEach((h, i) => {
        const d = docs.find((x) => x.pointId === h.id);
        check(d !== undefined && accept(d), `${what}: point ${h.id} should not be returned`, hits);
        checkClose(h.score, expected[i].score, `${what} score at position ${i}`);
        checkClose(h.score, score(query, sparse ? d.sparse : d.dense), `${what} score of ${h.id}`);
    });
}

function withVectors(texts) {
    return texts.map((t) => ({ ...t, dense: embed(t.text), sparse: sparseEmbed(t.text) }));
}

runScript('python-frameworks-replay', async ({ step, send }) => {
    const points = (c) => `/collections/${c}/points`;

    // ---- langchain-qdrant: construct_instance, add_texts, similarity_search_with_score, MMR ----
    const langchain = async (mode) => {
        const c = collectionName(`langchain_py_${mode}`);
        const docs = withVectors(TEXTS).map((d) => ({ ...d, hexId: uuidHex() }));
        docs.forEach((d) => { d.pointId = hyphenated(d.hexId); });
        const dense = { size: 32, distance: 'Cosine' };
        const vectorOf = (d) => ({
            dense: { '': d.dense },
            sparse: { 'langchain-sparse': d.sparse },
            hybrid: { '': d.dense, 'langchain-sparse': d.sparse },
        })[mode];
        const created = await step(`langchain ${mode}: collection_exists, create_collection`, async () => {
            checkEqual((await send('GET', `/collections/${c}/exists`)).result, { exists: false }, 'collection_exists');
            const body = {
                dense: { vectors: { '': dense }, sparse_vectors: {} },
                sparse: { vectors: {}, sparse_vectors: { 'langchain-sparse': {} } },
                hybrid: { vectors: { '': dense }, sparse_vectors: { 'langchain-sparse': {} } },
            }[mode];
            checkEqual((await send('PUT', `/collections/${c}`, body)).result, true, 'create_collection result');
        });
        if (!created) {
            return;
        }
        await step(`langchain ${mode}: from_existing_collection validates the config`, async () => {
            const params = (await send('GET', `/collections/${c}`)).result.config.params;
            if (mode !== 'sparse') {
                // _validate_collection_for_dense: a dict must hold "", a single config is the unnamed vector.
                const v = params.vectors && params.vectors.size !== undefined ? params.vectors : (params.vectors || {})[''];
                checkEqual(v, dense, 'config.params.vectors (the unnamed vector)');
            }
            if (mode !== 'dense') {
                check(params.sparse_vectors && params.sparse_vectors['langchain-sparse'] !== undefined,
                    'config.params.sparse_vectors must name langchain-sparse', params);
            }
        });
        await step(`langchain ${mode}: add_texts (uuid4().hex ids, named vectors)`, async () => {
            const result = await send('PUT', `${points(c)}?wait=true`, {
                points: docs.map((d) => ({
                    id: d.hexId,
                    vector: vectorOf(d),
                    payload: { page_content: d.text, metadata: d.metadata },
                })),
            });
            checkEqual(result.result.status, 'completed', 'upsert status');
            const got = await send('POST', points(c), { ids: [docs[0].hexId], with_payload: true, with_vector: false });
            checkEqual(got.result.map((r) => r.id), [docs[0].pointId], 'get_by_ids answers the hyphenated UUID');
            checkEqual(got.result[0].payload, { page_content: docs[0].text, metadata: docs[0].metadata }, 'payload');
        });
        const query = 'hot red drink';
        const filter = { must: [{ key: 'metadata.topic', match: { value: 'drink' } }] };
        if (mode === 'dense') {
            await step('langchain dense: similarity_search_with_score (query_points, using "")', async () => {
                const r = await send('POST', `${points(c)}/query`, {
                    query: { nearest: embed(query) }, using: '', limit: 4, offset: 0, with_payload: true, with_vector: false,
                });
                checkHits(r.result.points, docs, embed(query), 4, 'dense query');
            });
            await step('langchain dense: similarity_search with a filter', async () => {
                const r = await send('POST', `${points(c)}/query`, {
                    query: { nearest: embed(query) }, using: '', filter, limit: 4, offset: 0, with_payload: true, with_vector: false,
                });
                checkHits(r.result.points, docs, embed(query), 4, 'filtered dense query',
                    { accept: (d) => d.metadata.topic === 'drink' });
            });
            await step('langchain dense: max_marginal_relevance_search (nearest + mmr)', async () => {
                const text = docs[0].text;
                const r = await send('POST', `${points(c)}/query`, {
                    query: { nearest: embed(text), mmr: { diversity: 0.5, candidates_limit: 20 } },
                    using: '', limit: 2, with_payload: true, with_vector: true,
                });
                checkEqual(r.result.points.length, 2, 'MMR result count');
                checkEqual(r.result.points[0].id, docs[0].pointId, 'MMR first pick is the exact text');
                // Qdrant answers a point whose only vector is the unnamed one as a plain list;
                // langchain-qdrant reads either form (a dict is indexed by its vector name).
                check(denseOf(r.result.points[0].vector, ''),
                    'with_vector on a collection created with vectors {"": ...} answers its vector', r.result.points[0].vector);
            });
        }
        if (mode === 'sparse') {
            await step('langchain sparse: similarity_search_with_score (nearest sparse, using langchain-sparse)', async () => {
                const q = sparseEmbed(query);
                const r = await send('POST', `${points(c)}/query`, {
                    query: { nearest: q }, using: 'langchain-sparse', limit: 4, offset: 0, with_payload: true, with_vector: false,
                });
                checkHits(r.result.points, docs, q, 4, 'sparse query', { sparse: true });
            });
        }
        if (mode === 'hybrid') {
            await step('langchain hybrid: prefetch dense + sparse, fusion rrf (with the filter in every stage)', async () => {
                const q = sparseEmbed(query);
                const r = await send('POST', `${points(c)}/query`, {
                    prefetch: [
                        { using: '', query: embed(query), filter, limit: 4 },
                        { using: 'langchain-sparse', query: q, filter, limit: 4 },
                    ],
                    query: { fusion: 'rrf' },
                    filter,
                    limit: 4,
                    offset: 0,
                    with_payload: true,
                    with_vector: false,
                });
                const drinks = docs.filter((d) => d.metadata.topic === 'drink');
                checkEqual(r.result.points.map((p) => p.id).sort(), drinks.map((d) => d.pointId).sort(),
                    'fused ids are the drinks found by either prefetch');
                // "black coffee hot drink bitter" and "green tea hot drink" both share "hot" and
                // "drink" with the query; the one ranked first by both prefetches must lead.
                const denseTop = topK(drinks.map((d) => ({ ...d, vector: d.dense })), embed(query), 1)[0];
                const sparseTop = topK(drinks.map((d) => ({ ...d, vector: d.sparse })), q, 1, sparseDot)[0];
                if (denseTop.pointId === sparseTop.pointId) {
                    checkEqual(r.result.points[0].id, denseTop.pointId, 'fused first point');
                }
                r.result.points.forEach((p, i) => i === 0 || check(p.score <= r.result.points[i - 1].score,
                    'fused scores must not increase', r.result.points));
            });
        }
        await step(`langchain ${mode}: delete(ids)`, async () => {
            const result = await send('POST', `${points(c)}/delete?wait=true`, { points: [docs[0].hexId] });
            checkEqual(result.result.status, 'completed', 'delete status');
            checkEqual((await send('POST', points(c), { ids: [docs[0].hexId], with_payload: true, with_vector: false })).result,
                [], 'get_by_ids after delete');
        });
        await send('DELETE', `/collections/${c}`).catch(() => undefined);
    };

    // ---- llama-index-vector-stores-qdrant: _create_collection, add, query, delete ----
    const llamaIndex = async (hybrid) => {
        const mode = hybrid ? 'hybrid' : 'dense';
        const c = collectionName(`llamaindex_py_${mode}`);
        const docs = withVectors(TEXTS).map((d) => ({ ...d, pointId: randomUUID() }));
        let denseName = 'text-dense';
        const sparseName = 'text-sparse-new';
        const created = await step(`llama-index ${mode}: collection_exists, create_collection, doc_id index`, async () => {
            checkEqual((await send('GET', `/collections/${c}/exists`)).result, { exists: false }, 'collection_exists');
            const body = hybrid
                ? { vectors: { 'text-dense': { size: 32, distance: 'Cosine' } }, sparse_vectors: { 'text-sparse-new': { index: {} } } }
                : { vectors: { size: 32, distance: 'Cosine' } };
            checkEqual((await send('PUT', `/collections/${c}`, body)).result, true, 'create_collection result');
            const index = await send('PUT', `/collections/${c}/index?wait=true`, { field_name: 'doc_id', field_schema: 'keyword' });
            checkEqual(index.result.status, 'completed', 'create_payload_index status');
            // _detect_vector_format: an unnamed vector config (or a dict holding "") switches the
            // store to the vector name "" for every later upsert and search.
            const vectors = (await send('GET', `/collections/${c}`)).result.config.params.vectors;
            if (vectors.size !== undefined || vectors[''] !== undefined) {
                denseName = '';
            }
            checkEqual(denseName, hybrid ? 'text-dense' : '', 'the vector name the store settles on');
        });
        if (!created) {
            return;
        }
        await step(`llama-index ${mode}: add (upload_points, named vectors, node payload)`, async () => {
            const result = await send('PUT', `${points(c)}?wait=true`, {
                points: docs.map((d) => ({
                    id: d.pointId,
                    payload: {
                        ...d.metadata,
                        _node_content: JSON.stringify({ id_: d.pointId, text: d.text, metadata: d.metadata }),
                        _node_type: 'TextNode',
                        document_id: d.doc,
                        doc_id: d.doc,
                        ref_doc_id: d.doc,
                    },
                    vector: hybrid ? { [sparseName]: d.sparse, [denseName]: d.dense } : { [denseName]: d.dense },
                })),
            });
            checkEqual(result.result.status, 'completed', 'upsert status');
        });
        const query = 'hot red drink';
        const nested = { must: [{ must: [{ key: 'topic', match: { value: 'drink' } }] }] };
        if (!hybrid) {
            await step('llama-index dense: query (search with NamedVector name "")', async () => {
                const r = await send('POST', `${points(c)}/search`, {
                    vector: { name: '', vector: embed(query) }, limit: 3, with_payload: true, with_vector: false,
                });
                checkHits(r.result, docs, embed(query), 3, 'search');
            });
            await step('llama-index dense: query with MetadataFilters (a Filter nested in must)', async () => {
                const r = await send('POST', `${points(c)}/search`, {
                    vector: { name: '', vector: embed(query) }, filter: nested, limit: 3, with_payload: true, with_vector: false,
                });
                checkHits(r.result, docs, embed(query), 3, 'nested-filter search', { accept: (d) => d.metadata.topic === 'drink' });
            });
            await step('llama-index dense: query with doc_ids (match.any on doc_id)', async () => {
                const r = await send('POST', `${points(c)}/search`, {
                    vector: { name: '', vector: embed(query) },
                    filter: { must: [{ key: 'doc_id', match: { any: ['doc-road'] } }] },
                    limit: 3, with_payload: true, with_vector: false,
                });
                checkHits(r.result, docs, embed(query), 3, 'doc_ids search', { accept: (d) => d.doc === 'doc-road' });
            });
        } else {
            await step('llama-index hybrid: query HYBRID (search/batch dense NamedVector + NamedSparseVector)', async () => {
                const q = sparseEmbed(query);
                const r = await send('POST', `${points(c)}/search/batch`, {
                    searches: [
                        { vector: { name: 'text-dense', vector: embed(query) }, limit: 3, with_payload: true },
                        { vector: { name: sparseName, vector: q }, limit: 3, with_payload: true },
                    ],
                });
                checkEqual(r.result.length, 2, 'one answer per search');
                checkHits(r.result[0], docs, embed(query), 3, 'dense half');
                checkHits(r.result[1], docs, q, 3, 'sparse half', { sparse: true });
            });
            await step('llama-index hybrid: query SPARSE with a filter (search/batch, one NamedSparseVector)', async () => {
                const q = sparseEmbed(query);
                const r = await send('POST', `${points(c)}/search/batch`, {
                    searches: [{ vector: { name: sparseName, vector: q }, limit: 3, filter: nested, with_payload: true }],
                });
                checkHits(r.result[0], docs, q, 3, 'sparse search', { sparse: true, accept: (d) => d.metadata.topic === 'drink' });
            });
            await step('llama-index hybrid: query DEFAULT on a hybrid store (search/batch, dense only)', async () => {
                const r = await send('POST', `${points(c)}/search/batch`, {
                    searches: [{ vector: { name: 'text-dense', vector: embed(query) }, limit: 3, with_payload: true }],
                });
                checkHits(r.result[0], docs, embed(query), 3, 'dense-only search');
            });
        }
        await step(`llama-index ${mode}: get_nodes (scroll has_id, with vectors)`, async () => {
            const ids = [docs[2].pointId, docs[3].pointId];
            const r = await send('POST', `${points(c)}/scroll`, {
                limit: 2, filter: { should: [{ has_id: ids }] }, with_payload: true, with_vector: true,
            });
            checkEqual(r.result.points.map((p) => p.id).sort(), [...ids].sort(), 'scrolled ids');
            const v = r.result.points[0].vector;
            check(denseOf(v, denseName), `the "${denseName}" vector comes back`, v);
        });
        await step(`llama-index ${mode}: delete(ref_doc_id) and delete_nodes(node_ids)`, async () => {
            await send('POST', `${points(c)}/delete?wait=true`, { filter: { must: [{ key: 'doc_id', match: { value: 'doc-fruit' } }] } });
            await send('POST', `${points(c)}/delete?wait=true`, { filter: { should: [{ has_id: [docs[4].pointId] }] } });
            const left = (await send('POST', `${points(c)}/count`, { exact: true })).result.count;
            checkEqual(left, docs.length - 3, 'points left');
        });
        await send('DELETE', `/collections/${c}`).catch(() => undefined);
    };

    await langchain('dense');
    await langchain('sparse');
    await langchain('hybrid');
    await llamaIndex(false);
    await llamaIndex(true);

    await step('llama-index: create_collection for a fastembed IDF model (modifier "idf")', async () => {
        const c = collectionName('llamaindex_py_idf');
        const body = {
            vectors: { 'text-dense': { size: 32, distance: 'Cosine' } },
            sparse_vectors: { 'text-sparse-new': { index: {}, modifier: 'idf' } },
        };
        checkEqual((await send('PUT', `/collections/${c}`, body)).result, true, 'create_collection result');
        const params = (await send('GET', `/collections/${c}`)).result.config.params;
        checkEqual(params.sparse_vectors && params.sparse_vectors['text-sparse-new'] && params.sparse_vectors['text-sparse-new'].modifier,
            'idf', 'sparse_vectors.text-sparse-new.modifier');
        await send('DELETE', `/collections/${c}`);
    });
});
