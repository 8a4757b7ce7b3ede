package io.vjvector.collection.snapshot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.Sealer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without encryption a snapshot is sealed by checksums only, which anyone can recompute: these
 * files are well sealed but claim absurd counts and lengths. Each must be refused like a damaged
 * file (400, nothing created), never by running out of memory (500), and the server keeps serving.
 */
@QuarkusTest
class ForgedSnapshotTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int DIMENSION = 4;
    private static final int CHECKPOINT_MAGIC = 0x564A4350;
    private static final byte FLAT = 1;
    private static final byte HNSW = 2;

    private String source;
    private byte[] manifest;
    /** The checkpoint's sequence and last operation id, and the collection's distance as stored. */
    private byte[] positions;
    private String distance;

    @BeforeEach
    void takeARealSnapshot() throws IOException {
        source = "forged_source_" + SEQUENCE.incrementAndGet();
        given().contentType(ContentType.JSON)
                .body("{\"vectors\": {\"size\": " + DIMENSION + ", \"distance\": \"Cosine\"}}")
                .put("/collections/" + source).then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"points\": [{\"id\": 1, \"vector\": [1, 0, 0, 0], \"payload\": {\"a\": 1}}]}")
                .put("/collections/" + source + "/points?wait=true").then().statusCode(200);
        String name = given().post("/collections/" + source + "/snapshots?wait=true")
                .then().statusCode(200).extract().path("result.name");
        byte[] file = given().get("/collections/" + source + "/snapshots/" + name)
                .then().statusCode(200).extract().asByteArray();
        try (InputStream plain = new Sealer(EncryptionKeys.none()).unseal(new ByteArrayInputStream(file), name)) {
            ArchiveReader archive = new ArchiveReader(plain);
            archive.next();
            manifest = archive.content().readAllBytes();
            archive.next();
            byte[] checkpoint = archive.content().readAllBytes();
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint));
            in.skipNBytes(8);
            positions = in.readNBytes(16);
            // The real checkpoint (version 2): no payload indexes, one vector field named "" of kind
            // dense, then the index header up to its distance. The forged ones below use version 1,
            // the single-vector layout, which is still read and must be checked as strictly.
            in.skipNBytes(4 + 4 + 2 + 1 + 4 + 1 + 4);
            distance = in.readUTF();
        }
    }

    @Test
    void hnswIndexOfTwoBillionNodesIsRefused() throws IOException {
        byte[] forged = checkpoint(out -> {
            indexHeader(out, HNSW, Integer.MAX_VALUE);
            out.writeInt(16);
        });
        assertRefused(forged, Integer.MAX_VALUE + " vectors of dimension " + DIMENSION);
    }

    @Test
    void hnswLinksLargerThanTheFileAreRefused() throws IOException {
        // Room for two vectors and their tombstones, not for two nodes of 2 * 4096 links each.
        byte[] forged = checkpoint(out -> {
            indexHeader(out, HNSW, 2);
            out.writeInt(1 << 12);
            out.write(new byte[64]);
        });
        assertRefused(forged, "an HNSW graph of 2 nodes with m 4096");
    }

    @Test
    void flatIndexOfTwoBillionVectorsIsRefused() throws IOException {
        assertRefused(checkpoint(out -> indexHeader(out, FLAT, Integer.MAX_VALUE)),
                Integer.MAX_VALUE + " vectors of dimension " + DIMENSION);
    }

    @Test
    void negativeVectorCountIsRefused() throws IOException {
        assertRefused(checkpoint(out -> indexHeader(out, HNSW, -1)), "holds -1 vectors");
    }

    @Test
    void payloadOfAGigabyteIsRefused() throws IOException {
        assertRefused(checkpoint(out -> onePointWithPayloadLength(out, 1 << 30)), "payload of " + (1 << 30) + " bytes");
    }

    @Test
    void negativePayloadLengthIsRefused() throws IOException {
        assertRefused(checkpoint(out -> onePointWithPayloadLength(out, -7)), "payload of -7 bytes");
    }

    @Test
    void sixtyFiveThousandPayloadIndexesWithoutTheirBytesAreRefused() throws IOException {
        assertRefused(checkpoint(out -> out.writeInt(1 << 16), false), (1 << 16) + " payload indexes");
    }

    @Test
    void billionsOfPointsForOneVectorAreRefused() throws IOException {
        assertRefused(checkpoint(out -> {
            oneVector(out);
            out.writeInt(Integer.MAX_VALUE);
        }), Integer.MAX_VALUE + " points");
    }

    private void assertRefused(byte[] checkpoint, String why) throws IOException {
        String target = "forged_target_" + SEQUENCE.incrementAndGet();
        given().multiPart("snapshot", "forged.snapshot", snapshot(checkpoint), "application/octet-stream")
                .post("/collections/" + target + "/snapshots/upload")
                .then().statusCode(400)
                .body("status.error", startsWith("Wrong input: snapshot: the file is damaged or not a VJVector snapshot"))
                .body("status.error", containsString("at plaintext offset"))
                .body("status.error", containsString(why));
        given().get("/collections/" + target).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"vector\": [1, 0, 0, 0], \"limit\": 1}")
                .post("/collections/" + source + "/points/search")
                .then().statusCode(200).body("result[0].id", equalTo(1));
    }

    private interface Content {
        void write(DataOutputStream out) throws IOException;
    }

    private byte[] checkpoint(Content content) throws IOException {
        return checkpoint(content, true);
    }

    /** A checkpoint header, with no payload indexes when {@code writeNoFieldIndexes}, then {@code content}. */
    private byte[] checkpoint(Content content, boolean writeNoFieldIndexes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(CHECKPOINT_MAGIC);
        out.writeInt(1);
        out.write(positions);
        if (writeNoFieldIndexes) {
            out.writeInt(0);
        }
        content.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private void indexHeader(DataOutputStream out, byte kind, int size) throws IOException {
        out.writeInt(1);
        out.writeByte(kind);
        out.writeInt(DIMENSION);
        out.writeUTF(distance);
        out.writeInt(size);
    }

    /** A flat index of one live vector. */
    private void oneVector(DataOutputStream out) throws IOException {
        indexHeader(out, FLAT, 1);
        out.write(new byte[DIMENSION * Float.BYTES]);
        out.writeInt(1);
        out.writeLong(0);
    }

    private void onePointWithPayloadLength(DataOutputStream out, int length) throws IOException {
        oneVector(out);
        out.writeInt(1);
        out.writeInt(0);
        out.writeByte(0);
        out.writeLong(1);
        out.writeLong(1);
        out.writeInt(length);
        out.write(new byte[64]);
    }

    /** The real snapshot's manifest and the forged checkpoint, archived and sealed as the service does. */
    private byte[] snapshot(byte[] checkpoint) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream sealed = new Sealer(EncryptionKeys.none()).seal(file)) {
            ArchiveWriter archive = new ArchiveWriter(sealed);
            try (OutputStream entry = archive.entry(SnapshotManifest.ENTRY)) {
                entry.write(manifest);
            }
            try (OutputStream entry = archive.entry("shards/0")) {
                entry.write(checkpoint);
            }
            archive.finish();
        }
        return file.toByteArray();
    }
}
