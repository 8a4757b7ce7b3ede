package io.vjvector.security;

/** The outcome of checking a credential: a caller, or the reason it was refused (never both). */
record Authentication(Caller caller, String refusal) {

    static Authentication of(Caller caller) {
        return new Authentication(caller, null);
    }

    static Authentication refused(String why) {
        return new Authentication(null, why);
    }
}
