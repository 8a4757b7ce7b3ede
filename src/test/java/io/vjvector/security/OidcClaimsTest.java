package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OidcClaimsTest {

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void dottedPathsReachNestedClaimsAndAClaimNamedWithDotsWins() throws Exception {
        JsonNode claims = json("{\"realm_access\":{\"roles\":[\"reader\"]},\"a.b\":\"flat\",\"a\":{\"b\":\"nested\"}}");
        assertEquals("reader", OidcTokens.at(claims, "realm_access.roles").get(0).asText());
        assertEquals("flat", OidcTokens.at(claims, "a.b").asText());
        assertNull(OidcTokens.at(claims, "realm_access.missing.deeper"));
    }

    @Test
    void theHighestKnownRoleCountsFromAnArrayOrAString() throws Exception {
        assertEquals(Optional.of(AccessRole.WRITER), OidcTokens.highestRole(json("[\"offline_access\",\"reader\",\"Writer\"]")));
        assertEquals(Optional.of(AccessRole.ADMIN), OidcTokens.highestRole(json("\"reader admin\"")));
        assertEquals(Optional.empty(), OidcTokens.highestRole(json("[\"uma_authorization\"]")));
        assertEquals(Optional.empty(), OidcTokens.highestRole(null));
    }
}
