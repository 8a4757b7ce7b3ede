#!/usr/bin/env node
/*
 * Drives VJVector through LangChain.js's QdrantVectorStore (@langchain/qdrant 1.0.3 on
 * @langchain/core 1.4.0) with a deterministic fake embedding, and checks every answer against an
 * exact reference computed here.
 *
 *   node langchain-qdrant.mjs http://127.0.0.1:6333
 *
 * What the package sends (read from its dist/vectorstores.js): GET /collections to decide whether
 * to create the collection; PUT /collections/{c} {vectors: {size, distance: "Cosine"}};
 * PUT /collections/{c}/points?wait=true {points: [{id, vector, payload: {content, metadata}}]};
 * POST /collections/{c}/points/query {query: [..], limit, filter?, with_payload: ["metadata",
 * "content"], with_vector: false} for similarity search; the same with query {nearest: [..],
 * mmr: {diversity, candidates_limit}} and with_vector: true for MMR; POST
 * /collections/{c}/points/delete?wait=true&ordering=weak {points: [..]} or {filter}.
 */
import { QdrantVectorStore } from '@langchain/qdrant';
import { Embeddings } from '@langchain/core/embeddings';
import { Document } from '@langchain/core/documents';
import { QdrantClient } from '@qdrant/js-client-rest';
import {
    check, checkClose, checkEqual, collectionName, dot, embed, runScript, topK, uuid,
} from './support.mjs';

/** LangChain's Embeddings contract over the shared fake embedding. */
class HashEmbeddings extends Embeddings {
    constructor() {
        super({});
    }

    async embedDocuments(texts) {
        return texts.map(embed);
    }

    async embedQuery(text) {
        return embed(text);
    }
}

const FIRST = [
    { text: 'red apple fruit sweet crisp', metadata: { topic: 'fruit', n: 1 } },
    { text: 'red apple fruit sweet crisp juicy', metadata: { topic: 'fruit', n: 2 } },
    { text: 'yellow banana fruit soft', metadata: { topic: 'fruit', n: 3 } },
    { text: 'fast red car engine', metadata: { topic: 'vehicle', n: 4 } },
    { text: 'blue bicycle two wheels', metadata: { topic: 'vehicle', n: 5 } },
    { text: 'green tea hot drink', metadata: { topic: 'drink', n: 6 } },
];
const SECOND = [
    { id: uuid(101), text: 'black coffee hot drink bitter', metadata: { topic: 'drink', n: 7 } },
    { id: uuid(102), text: 'orange citrus fruit juicy', metadata: { topic: 'fruit', n: 8 } },
    { id: uuid(103), text: 'old truck diesel engine', metadata: { topic: 'vehicle', n: 9 } },
];

runScript('langchain-qdrant', async ({ baseUrl, step }) => {
    const collection = collectionName('langchain_js');
    const client = new QdrantClient({ url: baseUrl, checkCompatibility: false, timeout: 30000 });
    const embeddings = new HashEmbeddings();
    const config = { client, collectionName: collection };
    /** The live documents by text, as the reference for every search. */
    const live = new Map();
    const remember = (docs) => docs.forEach((d) => live.set(d.text, { ...d, vector: embed(d.text) }));
    const liveItems = (accept = () => true) => [...live.values()].filter((d) => accept(d.metadata));
    let store = new QdrantVectorStore(embeddings, config);

    /**
     * The results must be the exact top k: position i scores what the i-th best live document
     * scores (documents with equal scores may come in either order), and each returned score is
     * the cosine of that very document.
     */
    const checkRanking = (results, query, k, accept, what) => {
        const expected = topK(liveItems(accept), embed(query), k);
        checkEqual(results.length, expected.length, `${what} result count`);
        results.forEach(([doc, score], i) => {
            const d = live.get(doc.pageContent);
            check(d !== undefined && accept(d.metadata), `${what}: "${doc.pageContent}" should not be returned`, doc);
            checkClose(score, expected[i].score, `${what} score at position ${i}`);
            checkClose(score, dot(embed(query), d.vector), `${what} score of "${doc.pageContent}"`);
            checkEqual(doc.metadata, d.metadata, `${what} metadata of "${doc.pageContent}"`);
        });
    };

    await step('fromTexts creates the collection and stores texts with metadata', async () => {
        store = await QdrantVectorStore.fromTexts(
            FIRST.map((d) => d.text), FIRST.map((d) => d.metadata), embeddings, config);
        remember(FIRST);
        const info = await client.getCollection(collection);
        checkEqual(info.config.params.vectors, { size: 32, distance: 'Cosine' }, 'collection vectors config');
        checkEqual((await client.count(collection, { exact: true })).count, FIRST.length, 'count after fromTexts');
    });

    await step('addDocuments with explicit ids', async () => {
        await store.addDocuments(SECOND.map((d) => new Document({ pageContent: d.text, metadata: d.metadata })),
            { ids: SECOND.map((d) => d.id) });
        remember(SECOND);
        const records = await client.retrieve(collection, { ids: SECOND.map((d) => d.id), with_payload: true });
        checkEqual(records.map((r) => r.id).sort(), SECOND.map((d) => d.id).sort(), 'retrieve the given ids');
        records.forEach((r) => {
            const d = SECOND.find((s) => s.id === r.id);
            checkEqual(r.payload, { content: d.text, metadata: d.metadata }, `payload of ${r.id}`);
        });
    });

    await step('similaritySearch ranks the document with the exact text first', async () => {
        const docs = await store.similaritySearch('yellow banana fruit soft', 3);
        check(docs.length === 3, 'similaritySearch: expected 3 documents', docs);
        checkEqual(docs[0].pageContent, 'yellow banana fruit soft', 'top document');
        checkEqual(docs[0].metadata, { topic: 'fruit', n: 3 }, 'top document metadata');
        check(typeof docs[0].id === 'string' && docs[0].id.length === 36, 'top document id (a UUID)', docs[0].id);
    });

    await step('similaritySearchWithScore returns the exact top 4 with cosine scores', async () => {
        const query = 'fast red car engine';
        const results = await store.similaritySearchWithScore(query, 4);
        checkClose(results[0][1], 1, 'score of the exact text');
        checkRanking(results, query, 4, () => true, 'similaritySearchWithScore');
    });

    await step('similaritySearchWithScore with a Qdrant filter on metadata', async () => {
        const query = 'hot red drink';
        const filter = { must: [{ key: 'metadata.topic', match: { value: 'drink' } }] };
        const results = await store.similaritySearchWithScore(query, 5, filter);
        check(results.every(([doc]) => doc.metadata.topic === 'drink'), 'filtered results must all be drinks', results);
        checkRanking(results, query, 5, (m) => m.topic === 'drink', 'filtered similaritySearchWithScore');
    });

    await step('similaritySearch with a range filter on a numeric metadata field', async () => {
        const filter = { must: [{ key: 'metadata.n', range: { gte: 2, lte: 5 } }] };
        const results = await store.similaritySearchWithScore('red apple fruit sweet crisp', 10, filter);
        checkRanking(results, 'red apple fruit sweet crisp', 10, (m) => m.n >= 2 && m.n <= 5, 'range-filtered search');
    });

    await step('maxMarginalRelevanceSearch picks the best match, then the most diverse candidate', async () => {
        // LangChain passes lambda straight through as Qdrant's mmr.diversity. With the query equal
        // to a stored text, the first pick is that text and each candidate's relevance equals its
        // similarity to it, so with diversity 0.8 the second pick is the least relevant candidate.
        const query = 'red apple fruit sweet crisp';
        const fetchK = 4;
        const docs = await store.maxMarginalRelevanceSearch(query, { k: 2, fetchK, lambda: 0.8 });
        const candidates = topK(liveItems(), embed(query), fetchK);
        checkEqual(docs.map((d) => d.pageContent), [candidates[0].text, candidates[fetchK - 1].text], 'MMR picks');
    });

    await step('maxMarginalRelevanceSearch with diversity 0 is plain similarity order', async () => {
        const query = 'orange citrus fruit';
        const docs = await store.maxMarginalRelevanceSearch(query, { k: 2, fetchK: 6, lambda: 0 });
        checkEqual(docs.map((d) => d.pageContent), topK(liveItems(), embed(query), 2).map((e) => e.text),
            'MMR with diversity 0');
    });

    await step('delete by ids', async () => {
        await store.delete({ ids: [SECOND[0].id, SECOND[2].id] });
        live.delete(SECOND[0].text);
        live.delete(SECOND[2].text);
        checkEqual(await client.retrieve(collection, { ids: [SECOND[0].id, SECOND[2].id] }), [], 'retrieve deleted ids');
        const results = await store.similaritySearchWithScore('black coffee hot drink bitter', 3);
        checkRanking(results, 'black coffee hot drink bitter', 3, () => true, 'search after delete by ids');
    });

    await step('delete by filter', async () => {
        await store.delete({ filter: { must: [{ key: 'metadata.topic', match: { value: 'vehicle' } }] } });
        for (const [text, d] of [...live.entries()]) {
            if (d.metadata.topic === 'vehicle') {
                live.delete(text);
            }
        }
        checkEqual((await client.count(collection, { exact: true })).count, live.size, 'count after delete by filter');
        const results = await store.similaritySearchWithScore('fast red car engine', 10);
        check(results.every(([doc]) => doc.metadata.topic !== 'vehicle'), 'no vehicle survives', results);
        checkRanking(results, 'fast red car engine', 10, () => true, 'search after delete by filter');
    });

    await step('fromExistingCollection reuses the collection', async () => {
        const again = await QdrantVectorStore.fromExistingCollection(embeddings, config);
        const [top] = await again.similaritySearch('green tea hot drink', 1);
        checkEqual(top && top.pageContent, 'green tea hot drink', 'top document through the reused store');
    });

    await client.deleteCollection(collection).catch(() => undefined);
});
