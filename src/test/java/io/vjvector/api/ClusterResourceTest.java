package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Qdrant's distributed-mode endpoints on a standalone node: answered as Qdrant answers with distributed mode off. */
@QuarkusTest
class ClusterResourceTest {

    @Test
    void aStandaloneNodeSaysDistributedModeIsDisabled() {
        get("/cluster").then().statusCode(200).body("status", equalTo("ok"))
                .body("result.status", equalTo("disabled"))
                .body("result.size()", equalTo(1));
        get("/cluster/vjvector").then().statusCode(400).body("status.error", containsString("distributed mode is disabled"));
    }

    @Test
    void everyShardOfAStandaloneCollectionIsLocalAndActive() {
        Qdrant.json("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"},\"shard_number\":3}").put("/collections/cluster_info")
                .then().statusCode(200);
        Qdrant.json("{\"points\":[{\"id\":1,\"vector\":[1,0]},{\"id\":2,\"vector\":[0,1]}]}")
                .put("/collections/cluster_info/points?wait=true").then().statusCode(200);
        get("/collections/cluster_info/cluster").then().statusCode(200)
                .body("result.shard_count", equalTo(3))
                .body("result.local_shards", hasSize(3))
                .body("result.local_shards.state", equalTo(java.util.List.of("Active", "Active", "Active")))
                .body("result.local_shards.points_count.sum()", equalTo(2))
                .body("result.remote_shards", empty())
                .body("result.shard_transfers", empty());
        get("/collections/no_such_collection/cluster").then().statusCode(404);
    }

    @Test
    void shardChangesAreRefusedWithTheFieldAndTheRule() {
        Qdrant.json("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/cluster_ops").then().statusCode(200);
        Qdrant.json("{\"replicate_shard\":{\"shard_id\":0,\"from_peer_id\":1,\"to_peer_id\":2}}")
                .post("/collections/cluster_ops/cluster").then().statusCode(400)
                .body("status.error", containsString("distributed mode is disabled"));
        Qdrant.json("{\"drop_replica\":{\"shard_id\":-1,\"peer_id\":1}}")
                .post("/collections/cluster_ops/cluster").then().statusCode(400)
                .body("status.error", containsString("drop_replica.shard_id"));
        Qdrant.json("{\"create_sharding_key\":{\"shard_key\":\"a\"}}")
                .post("/collections/cluster_ops/cluster").then().statusCode(400)
                .body("status.error", containsString("create_sharding_key"));
        Qdrant.json("{\"move_shard\":{\"shard_id\":0,\"from_peer_id\":1,\"to_peer_id\":2,\"speed\":1}}")
                .post("/collections/cluster_ops/cluster").then().statusCode(400)
                .body("status.error", containsString("move_shard.speed"));
    }
}
