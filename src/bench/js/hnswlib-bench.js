'use strict';
// hnswlib (through hnswlib-node) on the ANN benchmark's files, single thread, driven by the Java
// harness (io.vjvector.bench.ann.AnnBenchmark) so that its passes interleave with ours: on a shared
// machine, load drifts over minutes, and alternating pass by pass exposes both to the same drift.
//
// usage: node hnswlib-bench.js base.fvecs queries.fvecs truth.ivecs space m efConstruction k
// Builds the index, prints {"buildSeconds", "buildCpuSeconds"} on one line, then for each line
// "EF" read from stdin runs one pass over all queries and prints
// {"ef", "found", "seconds", "cpuSeconds", "latenciesUs": [...]}; "quit" ends it.
const fs = require('fs');
const readline = require('readline');
const { HierarchicalNSW } = require('hnswlib-node');

function readVecs(file) {
  const buf = fs.readFileSync(file);
  const dim = buf.readInt32LE(0);
  const stride = 4 + 4 * dim;
  const n = buf.length / stride;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = new Float32Array(buf.buffer, buf.byteOffset + i * stride + 4, dim);
  }
  return { dim, vectors: out };
}

function readTruth(file) {
  const buf = fs.readFileSync(file);
  const k = buf.readInt32LE(0);
  const stride = 4 + 4 * k;
  const n = buf.length / stride;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = new Set(new Int32Array(buf.buffer.slice(buf.byteOffset + i * stride + 4, buf.byteOffset + (i + 1) * stride)));
  }
  return out;
}

const [baseFile, queryFile, truthFile, space, m, efc, k] = process.argv.slice(2);
const base = readVecs(baseFile);
// The binding takes plain arrays only: convert the queries before any timing.
const queries = readVecs(queryFile).vectors.map((q) => Array.from(q));
const truth = readTruth(truthFile);
const K = Number(k);

const index = new HierarchicalNSW(space, base.dim);
index.initIndex(base.vectors.length, Number(m), Number(efc), 100);
const buildStart = process.hrtime.bigint();
const buildCpuStart = process.cpuUsage();
for (let i = 0; i < base.vectors.length; i++) {
  // The copy to a plain array is part of what a caller of hnswlib-node pays.
  index.addPoint(Array.from(base.vectors[i]), i);
}
const buildSeconds = Number(process.hrtime.bigint() - buildStart) / 1e9;
const buildCpu = process.cpuUsage(buildCpuStart);
process.stdout.write(JSON.stringify({ buildSeconds, buildCpuSeconds: (buildCpu.user + buildCpu.system) / 1e6 }) + '\n');

function pass(ef) {
  index.setEf(Math.max(ef, K));
  let found = 0;
  const latenciesUs = new Array(queries.length);
  const answers = new Array(queries.length);
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let q = 0; q < queries.length; q++) {
    const t0 = process.hrtime.bigint();
    answers[q] = index.searchKnn(queries[q], K).neighbors;
    latenciesUs[q] = Number(process.hrtime.bigint() - t0) / 1e3;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  for (let q = 0; q < queries.length; q++) {
    for (const n of answers[q]) {
      if (truth[q].has(n)) found++;
    }
  }
  return { ef, found, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, latenciesUs };
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('close', () => process.exit(0));
rl.on('line', (line) => {
  const cmd = line.trim();
  if (cmd === 'quit') {
    process.exit(0);
  }
  process.stdout.write(JSON.stringify(pass(Number(cmd))) + '\n');
});
