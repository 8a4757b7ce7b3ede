package io.vjvector.security;

/**
 * The outcome of checking a credential: a caller, or the reason it was refused (never both).
 * {@code unavailable} marks a refusal that says nothing about the credential: what it is checked
 * against could not be relied on at the time (answered 503, not 401).
 */
record Authentication(Caller caller, String refusal, boolean unavailable) {

    static Authentication of(Caller caller) {
        return new Authentication(caller, null, false);
    }

    static Authentication refused(String why) {
        return new Authentication(null, why, false);
    }

    /** The credential cannot be checked now; it may be valid. */
    static Authentication unavailable(String why) {
        return new Authentication(null, why, true);
    }

    /** How a refusal is answered. */
    AuthFailure failure() {
        return unavailable ? AuthFailure.unavailable(refusal) : AuthFailure.invalid(refusal);
    }
}
