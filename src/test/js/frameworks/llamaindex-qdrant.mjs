#!/usr/bin/env node
/*
 * Drives VJVector through LlamaIndex.TS's QdrantVectorStore (@llamaindex/qdrant 0.1.33 on
 * @llamaindex/core 0.6.23) with a deterministic fake embedding model, and checks every answer
 * against an exact reference computed here.
 *
 *   node llamaindex-qdrant.mjs http://127.0.0.1:6333
 *
 * What the package sends (read from its dist/index.js): GET /collections/{c} to see whether the
 * collection exists (any error counts as "no"); PUT /collections/{c} {vectors: {size, distance:
 * "Cosine"}}; PUT /collections/{c}/points?wait=true {points: [{id, payload, vector}]} (the store
 * passes no wait; the JS client's upsert defaults it to true); POST
 * /collections/{c}/points/query {query: [..], limit, with_payload: true, with_vector: false,
 * filter?: {must: [{key: "doc_id", match: {any}}?, {must|should: [conditions]}]}}; and
 * POST /collections/{c}/points/delete {filter: {must: [{key: "doc_id", match: {value}}]}} (no
 * wait: Qdrant may answer "acknowledged" before the points are gone). The payload is LlamaIndex's node metadata plus _node_content (the node as JSON),
 * _node_type, document_id, doc_id and ref_doc_id.
 */
import { QdrantVectorStore } from '@llamaindex/qdrant';
import { BaseEmbedding } from '@llamaindex/core/embeddings';
import { MetadataMode, NodeRelationship, TextNode } from '@llamaindex/core/schema';
import { FilterCondition, FilterOperator } from '@llamaindex/core/vector-store';
import { QdrantClient } from '@qdrant/js-client-rest';
import {
    check, checkClose, checkEqual, collectionName, dot, embed, runScript, topK, uuid,
} from './support.mjs';

/** LlamaIndex's embedding contract over the shared fake embedding. */
class HashEmbedding extends BaseEmbedding {
    async getTextEmbedding(text) {
        return embed(text);
    }
}

const NODES = [
    { id: uuid(201), doc: 'doc-fruit', text: 'red apple fruit sweet crisp', metadata: { topic: 'fruit', rank: 1 } },
    { id: uuid(202), doc: 'doc-fruit', text: 'yellow banana fruit soft', metadata: { topic: 'fruit', rank: 2 } },
    { id: uuid(203), doc: 'doc-fruit', text: 'orange citrus fruit juicy', metadata: { topic: 'fruit', rank: 3 } },
    { id: uuid(204), doc: 'doc-road', text: 'fast red car engine', metadata: { topic: 'vehicle', rank: 1 } },
    { id: uuid(205), doc: 'doc-road', text: 'blue bicycle two wheels', metadata: { topic: 'vehicle', rank: 2 } },
    { id: uuid(206), doc: 'doc-cafe', text: 'green tea hot drink', metadata: { topic: 'drink', rank: 1 } },
    { id: uuid(207), doc: 'doc-cafe', text: 'black coffee hot drink bitter', metadata: { topic: 'drink', rank: 2 } },
];

/** Waits until the collection counts {@code expected} points: the store deletes without wait=true. */
async function settle(client, collection, expected) {
    const deadline = Date.now() + 10000;
    let count;
    do {
        count = (await client.count(collection, { exact: true })).count;
        if (count === expected) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    check(false, `expected ${expected} points within 10 s, the collection counts ${count}`, count);
}

runScript('llamaindex-qdrant', async ({ baseUrl, step }) => {
    const collection = collectionName('llamaindex_ts');
    const client = new QdrantClient({ url: baseUrl, checkCompatibility: false, timeout: 30000 });
    const embedModel = new HashEmbedding();
    const store = new QdrantVectorStore({ collectionName: collection, client, embedModel });
    /** The live nodes by id, each with the vector the store was given. */
    const live = new Map();
    const items = (accept = () => true) => [...live.values()].filter((n) => accept(n));

    const query = async (text, k, extra = {}) => {
        const queryEmbedding = await embedModel.getTextEmbedding(text);
        return store.query({ queryEmbedding, similarityTopK: k, mode: 'default', ...extra });
    };
    /** Exact top k (ties in either order), scores equal to the cosine, nodes rebuilt intact. */
    const checkResult = (result, text, k, accept, what) => {
        const expected = topK(items(accept), embed(text), k);
        checkEqual(result.ids.length, expected.length, `${what} result count`);
        result.ids.forEach((id, i) => {
            const n = live.get(id);
            check(n !== undefined && accept(n), `${what}: node ${id} should not be returned`, result.ids);
            checkClose(result.similarities[i], expected[i].score, `${what} score at position ${i}`);
            checkClose(result.similarities[i], dot(embed(text), n.vector), `${what} score of ${id}`);
            const node = result.nodes[i];
            checkEqual(node.id_, id, `${what} node id at position ${i}`);
            checkEqual(node.getContent(MetadataMode.NONE), n.text, `${what} text of ${id}`);
            checkEqual(node.metadata, n.metadata, `${what} metadata of ${id}`);
            checkEqual(node.sourceNode && node.sourceNode.nodeId, n.doc, `${what} source document of ${id}`);
        });
    };

    await step('add nodes embedded by the fake embedding model', async () => {
        const nodes = NODES.map((n) => new TextNode({
            id_: n.id,
            text: n.text,
            metadata: n.metadata,
            relationships: { [NodeRelationship.SOURCE]: { nodeId: n.doc } },
        }));
        const vectors = await embedModel.getTextEmbeddingsBatch(nodes.map((n) => n.getContent(MetadataMode.EMBED)));
        nodes.forEach((node, i) => {
            node.embedding = vectors[i];
            live.set(NODES[i].id, { ...NODES[i], vector: vectors[i] });
        });
        const ids = await store.add(nodes);
        checkEqual(ids, NODES.map((n) => n.id), 'ids returned by add');
        await settle(client, collection, NODES.length);
        const info = await client.getCollection(collection);
        checkEqual(info.config.params.vectors, { size: 32, distance: 'Cosine' }, 'collection vectors config');
        const [stored] = await client.retrieve(collection, { ids: [NODES[0].id], with_payload: true });
        check(stored && typeof stored.payload._node_content === 'string', 'payload keeps _node_content', stored);
        checkEqual([stored.payload.doc_id, stored.payload.ref_doc_id, stored.payload.document_id,
            stored.payload._node_type], ['doc-fruit', 'doc-fruit', 'doc-fruit', 'TextNode'], 'payload bookkeeping keys');
    });

    await step('query returns the exact top 3, the node with the query text first', async () => {
        const text = 'fast red car engine';
        const result = await query(text, 3);
        checkEqual(result.ids[0], uuid(204), 'top node');
        checkClose(result.similarities[0], dot(embed(text), live.get(uuid(204)).vector), 'top similarity');
        checkResult(result, text, 3, () => true, 'query');
    });

    await step('query with an equality metadata filter (match.value)', async () => {
        const text = 'hot red drink';
        const filters = { filters: [{ key: 'topic', value: 'drink', operator: FilterOperator.EQ }] };
        checkResult(await query(text, 5, { filters }), text, 5, (n) => n.metadata.topic === 'drink', 'EQ filter');
    });

    await step('query with numeric and IN filters combined by OR (range, match.any in a nested should)', async () => {
        const text = 'red apple fruit sweet crisp';
        const filters = {
            condition: FilterCondition.OR,
            filters: [
                { key: 'rank', value: 3, operator: FilterOperator.EQ },
                { key: 'topic', value: ['vehicle'], operator: FilterOperator.IN },
            ],
        };
        checkResult(await query(text, 10, { filters }), text, 10,
            (n) => n.metadata.rank === 3 || n.metadata.topic === 'vehicle', 'OR filter');
    });

    await step('query restricted to documents (docIds: match.any on doc_id)', async () => {
        const text = 'green tea hot drink';
        checkResult(await query(text, 10, { docIds: ['doc-road', 'doc-cafe'] }), text, 10,
            (n) => n.doc === 'doc-road' || n.doc === 'doc-cafe', 'docIds query');
    });

    await step('query with NE and range filters (match.except, range.gt)', async () => {
        const text = 'yellow banana fruit soft';
        const filters = {
            filters: [
                { key: 'topic', value: 'vehicle', operator: FilterOperator.NE },
                { key: 'rank', value: 1, operator: FilterOperator.GT },
            ],
        };
        checkResult(await query(text, 10, { filters }), text, 10,
            (n) => n.metadata.topic !== 'vehicle' && n.metadata.rank > 1, 'NE and GT filter');
    });

    await step('delete by ref doc id removes that document\'s nodes', async () => {
        await store.delete('doc-fruit');
        for (const [id, n] of [...live.entries()]) {
            if (n.doc === 'doc-fruit') {
                live.delete(id);
            }
        }
        await settle(client, collection, live.size);
        const text = 'red apple fruit sweet crisp';
        const result = await query(text, 10);
        check(result.ids.every((id) => live.has(id)), 'no node of doc-fruit survives', result.ids);
        checkResult(result, text, 10, () => true, 'query after delete');
    });

    await client.deleteCollection(collection).catch(() => undefined);
});
