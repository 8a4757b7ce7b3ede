package io.vjvector.engine.replication;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.PointWrite;
import io.vjvector.engine.shard.SearchDefaults;
import io.vjvector.engine.shard.Shard;
import io.vjvector.engine.shard.ShardSpec;
import io.vjvector.engine.shard.StoredPoint;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Replicas of one small shard, their settings, and in-process plumbing between them. */
final class Replicas {

    static final int DIM = 4;
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private Replicas() {
    }

    /** Exact search (no graph), so that contents alone decide results. */
    static ShardSpec spec() {
        return new ShardSpec(new IndexConfig(DIM, Distance.COSINE, 8, 40, true),
                VectorKernelsProvider.fromSystemProperty(), new SearchDefaults(0, 40, 8), new AtomicLong(1)::getAndIncrement);
    }

    /** No fsync (nothing crashes the machine here), small segments so logs roll. */
    static WalOptions options() {
        return WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withSegmentBytes(8 << 10);
    }

    static WalOptions encrypted() {
        return options().withKeys(EncryptionKeys.of("k1", KEY));
    }

    static ShardReplica open(Path dir) throws IOException {
        return ShardReplica.open(dir, spec(), options());
    }

    /** One point whose payload names the write that put it there. */
    static PointWrite point(Random rnd, long id, String write) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian() + 0.01f;
        }
        return new PointWrite(PointId.of(id), v, JsonNodeFactory.instance.objectNode().put("write", write));
    }

    /** Upserts one point on the leader's shard; returns the write's sequence. */
    static long write(ShardReplica leader, Random rnd, long id, String write) {
        Shard shard = leader.shard();
        shard.upsert(List.of(point(rnd, id, write)));
        return shard.appliedSequence();
    }

    /** Every point (id, payload, vector) in id order, as text. */
    static List<String> contents(Shard shard) {
        List<String> out = new ArrayList<>();
        for (StoredPoint p : shard.scroll(null, null, Integer.MAX_VALUE, true, true)) {
            out.add(p.id() + " " + p.payload() + " " + Arrays.toString(p.vector()));
        }
        return out;
    }

    /** A channel that hands batches straight to {@code follower}, through the wire encoding. */
    static ReplicationChannel direct(ReplicationFollower follower) {
        return batch -> ReplicationCodec.decodeResult(ReplicationCodec.encode(
                follower.apply(ReplicationCodec.decodeBatch(ReplicationCodec.encode(batch)))));
    }

    /** Ships until the follower is current (or the feed stops for another reason); returns the last step. */
    static FollowerFeed.Step drain(FollowerFeed feed, ReplicationLeader leader) throws IOException {
        for (int round = 0; round < 100_000; round++) {
            FollowerFeed.Step step = feed.shipOnce();
            if (step != FollowerFeed.Step.SHIPPED && step != FollowerFeed.Step.IDLE) {
                return step;
            }
            if (step == FollowerFeed.Step.IDLE && feed.nextSequence() == leader.lastSequence() + 1) {
                return step;
            }
        }
        throw new AssertionError("the feed never caught up");
    }

    static final Duration NO_WAIT = Duration.ZERO;
}
