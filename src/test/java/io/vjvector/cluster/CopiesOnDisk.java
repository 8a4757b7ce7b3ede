package io.vjvector.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** What a stopped cluster node's files hold, read by a standalone node started on a copy of them. */
final class CopiesOnDisk {

    private CopiesOnDisk() {
    }

    /** Every point of {@code collection} on {@code node} (id, payload and vector as JSON), by id. */
    static Map<Long, String> points(LocalCluster.Node node, String collection, Path scratch) throws Exception {
        copyTree(node.dataDirectory(), scratch);
        try (ServiceProcess standalone = ServiceProcess.start(scratch, Map.of(),
                scratch.resolveSibling(scratch.getFileName() + ".log"), Duration.ofMinutes(2))) {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            Map<Long, String> points = new TreeMap<>();
            String offset = null;
            do {
                String body = "{\"limit\":1000,\"with_payload\":true,\"with_vector\":true"
                        + (offset == null ? "" : ",\"offset\":" + offset) + "}";
                String text = http.send(HttpRequest.newBuilder(standalone.uri("/collections/" + collection
                                + "/points/scroll")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                JsonNode result = json.readTree(text).get("result");
                for (JsonNode p : result.get("points")) {
                    points.put(p.get("id").asLong(), p.toString());
                }
                JsonNode next = result.get("next_page_offset");
                offset = next == null || next.isNull() ? null : next.toString();
            } while (offset != null);
            return points;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
