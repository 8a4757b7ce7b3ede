package io.vjvector.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read endpoint that honours Qdrant's {@code consistency} query parameter: the
 * {@link ReadConsistencyFilter} checks it and binds it to the request, and checks the read's
 * {@code timeout}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ConsistentRead {
}
