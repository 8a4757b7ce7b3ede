package io.vjvector.bench.kernels;

import io.vjvector.engine.kernels.KernelMode;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time per distance of each kernel, Vector API against scalar loops. One query is scored against
 * stored vectors visited in a random order, as a graph search visits them: the stored vectors
 * ({@link #dataMiB}, far more than any L2 cache) come from L3 or memory, the query stays in L1,
 * and the hardware prefetcher only helps within one vector. Scores per vector, not per batch
 * ({@link OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelBenchmark {

    /** Distances per invocation: enough to make JMH's per-call overhead negligible. */
    static final int BATCH = 64;

    @Param({"128", "768", "1536"})
    public int dims;

    /** {@code vector} (Vector API, failing if unusable) or {@code scalar}. */
    @Param({"vector", "scalar"})
    public String implementation;

    /** Size of each stored data set (floats and int8 separately). */
    @Param({"64"})
    public int dataMiB;

    private VectorKernels kernels;
    private float[] query;
    private float[] vectors;
    private int[] vectorOffsets;
    private byte[] byteQuery;
    private byte[] byteVectors;
    private int[] byteVectorOffsets;
    private int cursor;
    private int byteCursor;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = VectorKernelsProvider.select(KernelMode.parse(implementation), false);
        SplittableRandom random = new SplittableRandom(42);
        query = randomFloats(dims, random);
        vectors = randomFloats(count(Float.BYTES) * dims, random);
        vectorOffsets = shuffledOffsets(count(Float.BYTES), random);
        byteQuery = randomBytes(dims, random);
        byteVectors = randomBytes(count(Byte.BYTES) * dims, random);
        byteVectorOffsets = shuffledOffsets(count(Byte.BYTES), random);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float dot() {
        float sum = 0f;
        int first = cursor;
        cursor = afterBatch(first, vectorOffsets.length);
        for (int k = first; k < first + BATCH; k++) {
            sum += kernels.dot(query, 0, vectors, vectorOffsets[k], dims);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float squareDistance() {
        float sum = 0f;
        int first = cursor;
        cursor = afterBatch(first, vectorOffsets.length);
        for (int k = first; k < first + BATCH; k++) {
            sum += kernels.squareDistance(query, 0, vectors, vectorOffsets[k], dims);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float cosine() {
        float sum = 0f;
        int first = cursor;
        cursor = afterBatch(first, vectorOffsets.length);
        for (int k = first; k < first + BATCH; k++) {
            sum += kernels.cosine(query, 0, vectors, vectorOffsets[k], dims);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float l1Distance() {
        float sum = 0f;
        int first = cursor;
        cursor = afterBatch(first, vectorOffsets.length);
        for (int k = first; k < first + BATCH; k++) {
            sum += kernels.l1Distance(query, 0, vectors, vectorOffsets[k], dims);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int int8Dot() {
        int sum = 0;
        int first = byteCursor;
        byteCursor = afterBatch(first, byteVectorOffsets.length);
        for (int k = first; k < first + BATCH; k++) {
            sum += kernels.int8Dot(byteQuery, 0, byteVectors, byteVectorOffsets[k], dims);
        }
        return sum;
    }

    /** Start of the batch after the one at {@code first}, wrapping around at the end. */
    private static int afterBatch(int first, int length) {
        return first + BATCH == length ? 0 : first + BATCH;
    }

    /** Vectors in {@link #dataMiB}, rounded down to whole batches so a batch never wraps. */
    private int count(int bytesPerElement) {
        long vectorsInData = ((long) dataMiB << 20) / ((long) bytesPerElement * dims);
        return (int) Math.max(BATCH, vectorsInData / BATCH * BATCH);
    }

    private int[] shuffledOffsets(int count, SplittableRandom random) {
        int[] offsets = new int[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = i * dims;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = offsets[i];
            offsets[i] = offsets[j];
            offsets[j] = t;
        }
        return offsets;
    }

    private static float[] randomFloats(int length, SplittableRandom random) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static byte[] randomBytes(int length, SplittableRandom random) {
        byte[] values = new byte[length];
        random.nextBytes(values);
        return values;
    }
}
