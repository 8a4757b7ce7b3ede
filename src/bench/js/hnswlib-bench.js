'use strict';
// Runs hnswlib (through hnswlib-node) on the ANN benchmark's files, single thread, and prints one
// JSON object: build time (wall and CPU) and, per ef, recall@k, QPS (per wall second and per CPU
// second: the machine is shared, and CPU time is what preemption does not inflate) and latency
// percentiles. The Java harness
// (io.vjvector.bench.ann.AnnBenchmark) starts this script and prints ratios against its figures.
//
// usage: node hnswlib-bench.js base.fvecs queries.fvecs truth.ivecs space m efConstruction k efs repeats
const fs = require('fs');
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
    out[i] = new Int32Array(buf.buffer.slice(buf.byteOffset + i * stride + 4, buf.byteOffset + (i + 1) * stride));
  }
  return out;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const [baseFile, queryFile, truthFile, space, m, efc, k, efList, repeats] = process.argv.slice(2);
const base = readVecs(baseFile);
const queries = readVecs(queryFile).vectors.map((q) => Array.from(q));
const truth = readTruth(truthFile);
const K = Number(k);

const index = new HierarchicalNSW(space, base.dim);
index.initIndex(base.vectors.length, Number(m), Number(efc), 100);
const buildStart = process.hrtime.bigint();
const buildCpuStart = process.cpuUsage();
for (let i = 0; i < base.vectors.length; i++) {
  // The binding takes plain arrays only; the copy is part of what a caller of hnswlib-node pays.
  index.addPoint(Array.from(base.vectors[i]), i);
}
const buildSeconds = Number(process.hrtime.bigint() - buildStart) / 1e9;
const buildCpu = process.cpuUsage(buildCpuStart);
const buildCpuSeconds = (buildCpu.user + buildCpu.system) / 1e6;

const sweep = [];
for (const ef of efList.split(',').map(Number)) {
  index.setEf(Math.max(ef, K));
  let found = 0;
  const qpsRuns = [];
  const cpuQpsRuns = [];
  const latencies = [];
  for (let r = 0; r < Number(repeats); r++) {
    const runStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (let q = 0; q < queries.length; q++) {
      const t0 = process.hrtime.bigint();
      const res = index.searchKnn(queries[q], K);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e3);
      if (r === 0) {
        const want = new Set(truth[q].subarray(0, K));
        for (const n of res.neighbors) {
          if (want.has(n)) found++;
        }
      }
    }
    qpsRuns.push(queries.length / (Number(process.hrtime.bigint() - runStart) / 1e9));
    const cpu = process.cpuUsage(cpuStart);
    cpuQpsRuns.push(queries.length / ((cpu.user + cpu.system) / 1e6));
  }
  latencies.sort((a, b) => a - b);
  sweep.push({
    ef,
    recall: found / (queries.length * K),
    qps: median(qpsRuns),
    cpuQps: median(cpuQpsRuns),
    p50us: percentile(latencies, 0.5),
    p99us: percentile(latencies, 0.99),
  });
}
process.stdout.write(JSON.stringify({ buildSeconds, buildCpuSeconds, sweep }) + '\n');
