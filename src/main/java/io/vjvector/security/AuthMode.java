package io.vjvector.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How callers prove who they are ({@code vjvector.auth.mode}). */
public enum AuthMode {
    /** Anyone who reaches the port may do anything: standalone on loopback only. */
    NONE("none"),
    /** OIDC bearer tokens. */
    OIDC("oidc"),
    /** Qdrant's schemes: the static keys and JWTs signed with the admin key. */
    API_KEY("api-key"),
    /** Either of the above. */
    OIDC_AND_API_KEY("oidc+api-key");

    private final String configName;

    AuthMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean acceptsOidc() {
        return this == OIDC || this == OIDC_AND_API_KEY;
    }

    public boolean acceptsApiKeys() {
        return this == API_KEY || this == OIDC_AND_API_KEY;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AuthMode parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (AuthMode mode : values()) {
            if (mode.configName.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("vjvector.auth.mode=" + value + " is not one of "
                + Arrays.stream(values()).map(AuthMode::configName).collect(Collectors.joining(", ")));
    }
}
