package io.vjvector.document;

import io.vjvector.collection.CollectionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link DocumentVisibility} of each document collection, by collection name (an alias is
 * resolved first, so it shares its collection's). A collection's is created, and the collection
 * repaired by {@link ChunkRecovery}, on first use.
 */
@ApplicationScoped
public class DocumentVisibilities {

    private final CollectionService service;
    private final ConcurrentMap<String, DocumentVisibility> byCollection = new ConcurrentHashMap<>();

    public DocumentVisibilities(CollectionService service) {
        this.service = service;
    }

    /** The visibility of {@code collection} (a name or an alias), recovered if this is its first use. */
    public DocumentVisibility of(String collection) {
        String name = resolve(collection);
        DocumentVisibility v = byCollection.computeIfAbsent(name, k -> new DocumentVisibility());
        v.recoverOnce(() -> ChunkRecovery.run(service, name));
        return v;
    }

    /** The collection {@code name} stands for. */
    String resolve(String name) {
        return service.aliases().getOrDefault(name, name);
    }
}
