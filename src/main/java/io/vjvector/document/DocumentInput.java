package io.vjvector.document;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One document to store: its id (given or generated), text and metadata (null for none). */
public record DocumentInput(String id, String text, ObjectNode metadata) {
}
