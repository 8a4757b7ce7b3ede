package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the OpenAPI document the service publishes has a rule, and every role gets
 * exactly the answers its rule allows: 403 below the rule's role, never 401/403 at or above it,
 * 401 without a token. Generated from {@code /q/openapi}, so a new endpoint without a rule fails here.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class RoleMatrixTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private record Endpoint(String method, String template) {
        String path() {
            return template.replace("{collection_name}", "matrix_missing").replace("{field_name}", "f")
                    .replace("{snapshot_name}", "s.snapshot").replace("{id}", "1")
                    .replace("{document_id}", "d").replace("{vector_name}", "v").replace("{operation_id}", "1");
        }
    }

    private static List<Endpoint> endpoints() throws Exception {
        String document = given().auth().oauth2(OidcTokensFixture.role("admin")).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(document).get("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    endpoints.add(new Endpoint(method.toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
        assertTrue(endpoints.size() > 40, "the OpenAPI document lists " + endpoints.size() + " operations");
        return endpoints;
    }

    @Test
    void everyEndpointOfTheOpenApiDocumentHasItsOwnRule() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            EndpointRules.Match match = EndpointRules.match(endpoint.method(), endpoint.path()).orElse(null);
            if (match == null || !match.rule().template().equals(endpoint.template())) {
                missing.add(endpoint.method() + " " + endpoint.template());
            }
        }
        assertEquals(List.of(), missing, "endpoints without a rule in EndpointRules");
    }

    @Test
    void eachRoleIsAllowedExactlyWhatItsRuleSays() throws Exception {
        Map<AccessRole, String> tokens = Map.of(AccessRole.READER, OidcTokensFixture.role("reader"),
                AccessRole.WRITER, OidcTokensFixture.role("writer"), AccessRole.ADMIN, OidcTokensFixture.role("admin"));
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            Permission permission = EndpointRules.match(endpoint.method(), endpoint.path()).orElseThrow().rule().permission();
            int anonymous = given().contentType(ContentType.JSON).body("{}").request(endpoint.method(), endpoint.path()).statusCode();
            if ((permission == Permission.OPEN) == (anonymous == 401)) {
                wrong.add(endpoint + " without a token: " + anonymous);
            }
            for (AccessRole role : AccessRole.values()) {
                int status = given().auth().oauth2(tokens.get(role)).contentType(ContentType.JSON).body("{}")
                        .request(endpoint.method(), endpoint.path()).statusCode();
                AccessRole needed = permission.leastRole();
                boolean allowed = needed == null || role.covers(needed);
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(endpoint + " as " + role + " (" + permission + "): " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aTokenWithoutAKnownRoleReachesOnlyOpenEndpoints() {
        String noRole = OidcTokensFixture.rsa(OidcTokensFixture.claims("nobody", "offline_access"));
        given().auth().oauth2(noRole).get("/collections").then().statusCode(403);
        given().auth().oauth2(noRole).get("/healthz").then().statusCode(200);
        assertFalse(noRole.isEmpty());
    }
}
