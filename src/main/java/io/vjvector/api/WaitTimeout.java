package io.vjvector.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a collection operation that takes Qdrant's {@code timeout} query parameter (create,
 * update and delete a collection, change aliases, change shard placement): the
 * {@link WaitTimeoutFilter} checks it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WaitTimeout {
}
