package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointRulesTest {

    private static EndpointRules.Match match(String method, String path) {
        return EndpointRules.match(method, path).orElseThrow(() -> new AssertionError("no rule for " + method + " " + path));
    }

    @Test
    void literalSegmentsWinOverParameters() {
        assertEquals(Permission.MANAGE, match("POST", "/collections/aliases").rule().permission());
        assertNull(match("POST", "/collections/aliases").collection());
        assertEquals(Permission.READ, match("GET", "/collections/aliases").rule().permission());
        assertEquals(Permission.MANAGE, match("PUT", "/collections/demo/snapshots/recover").rule().permission());
        assertEquals(Permission.WRITE, match("POST", "/collections/demo/points/delete").rule().permission());
        assertEquals(Permission.READ, match("GET", "/collections/demo/points/delete").rule().permission());
    }

    @Test
    void theCollectionIsTakenFromThePathDecoded() {
        assertEquals("my docs", match("POST", "/collections/my%20docs/points/search").collection());
        assertEquals("a+b", match("GET", "/collections/a+b").collection());
        assertEquals("demo", match("PUT", "/collections/demo/points/").collection());
    }

    @Test
    void headIsJudgedAsGetAndPrefixRulesCoverSubPaths() {
        assertEquals(Permission.READ, match("HEAD", "/collections").rule().permission());
        assertEquals(Permission.OPEN, match("GET", "/q/health/ready").rule().permission());
        assertEquals(Permission.SERVICE, match("GET", "/q/swagger-ui/index.html").rule().permission());
    }

    @Test
    void shardCallsBetweenNodesAskForTheClusterCredentialNotAUserRole() {
        EndpointRules.Match m = match("POST", "/internal/v1/collections/my%20docs/shards/2/search");
        assertEquals(Permission.CLUSTER, m.rule().permission());
        assertEquals("my docs", m.collection());
        assertEquals(null, Permission.CLUSTER.leastRole());
        assertTrue(EndpointRules.match("GET", "/internal/v1/collections/c/shards/2/search").isEmpty());
    }

    @Test
    void unknownRoutesMatchNoRule() {
        assertTrue(EndpointRules.match("POST", "/nowhere").isEmpty());
        assertTrue(EndpointRules.match("DELETE", "/collections").isEmpty());
        assertTrue(EndpointRules.match("GET", "/collections//points/1").isEmpty());
    }
}
