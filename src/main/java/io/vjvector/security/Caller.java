package io.vjvector.security;

import java.util.Optional;

/**
 * An authenticated caller.
 *
 * @param subject who it is, for rate limits and the audit log; never a secret
 * @param scheme  how it proved it
 * @param access  what it may do
 * @param tenant  its tenant, when its token names one
 * @param bearer  whether it sent a bearer token (RFC 6750 asks for WWW-Authenticate on refusals)
 */
public record Caller(String subject, Scheme scheme, Access access, Optional<String> tenant, boolean bearer) {

    public enum Scheme {
        API_KEY("api-key"), QDRANT_JWT("jwt"), OIDC("oidc");

        private final String label;

        Scheme(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The role that sizes its rate limit: its global role, or the highest of its per-collection roles. */
    public AccessRole rateRole() {
        if (access.global() != null) {
            return access.global();
        }
        return access.collections().values().stream().max(Enum::compareTo).orElse(AccessRole.READER);
    }
}
