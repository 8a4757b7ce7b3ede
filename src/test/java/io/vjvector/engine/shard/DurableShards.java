package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Durable shards, their settings, and a comparable picture of a shard's state for the persistence tests. */
final class DurableShards {

    static final int DIM = 8;
    static final String KEY_1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String KEY_2 = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

    private DurableShards() {
    }

    /** An HNSW spec whose searches always use the graph (full-scan threshold 0). */
    static ShardSpec spec() {
        return new ShardSpec(new IndexConfig(DIM, Distance.COSINE, 8, 40, false),
                VectorKernelsProvider.fromSystemProperty(), new SearchDefaults(0, 40, 8), new AtomicLong(1)::getAndIncrement);
    }

    /** No fsync of appends (these tests crash nothing but the files they edit); small segments. */
    static WalOptions options() {
        return WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withSegmentBytes(16 << 10);
    }

    static WalOptions encrypted(String keyId, String key) {
        return options().withKeys(EncryptionKeys.of(keyId, key));
    }

    static DurableShard open(Path dir) throws IOException {
        return DurableShard.open(dir, spec(), options());
    }

    static float[] vector(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static PointId id(Random rnd, int n) {
        return n % 7 == 0 ? PointId.of(new UUID(n, rnd.nextLong())) : PointId.of(n);
    }

    /** Points with ids {@code from..to-1}, payloads with a text, a number, a nested object and an array. */
    static List<PointWrite> points(Random rnd, int from, int to) {
        List<PointWrite> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                    .put("city", "city-" + (n % 13)).put("n", n).put("ratio", n / 7.0);
            payload.putObject("nested").put("flag", n % 2 == 0).putArray("tags").add("t" + n % 3).add(n);
            out.add(new PointWrite(id(rnd, n), vector(rnd), n % 5 == 0 ? null : payload));
        }
        return out;
    }

    /** Every point (id, version, payload, vector) in id order, as text. */
    static List<String> contents(Shard shard) {
        List<String> out = new ArrayList<>();
        for (StoredPoint p : shard.scroll(null, null, Integer.MAX_VALUE, true, true)) {
            out.add(p.id() + " v" + p.version() + " " + p.payload() + " " + java.util.Arrays.toString(p.vector()));
        }
        return out;
    }

    /** Ids and scores of a search, as text. */
    static List<String> hits(Shard shard, float[] query, boolean exact) {
        List<String> out = new ArrayList<>();
        for (ScoredHit h : shard.search(new ShardSearch(query, 10, null, 64, exact, null, false, false))) {
            out.add(h.point().id() + "=" + h.score());
        }
        return out;
    }
}
