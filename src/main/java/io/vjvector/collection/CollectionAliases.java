package io.vjvector.collection;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The aliases of a node's collections: alias name to collection name. The map is immutable and
 * replaced whole, so a reader resolving a name sees every action of a change or none of them (a
 * swap of an alias between two collections never resolves to nothing). Changes are serialised on
 * this object and recorded before they become visible.
 *
 * <p>Invariants, kept with the owner's help: an alias names a collection that exists, and no name
 * is both an alias and a collection (hence {@link #claim} for collection names).
 */
public final class CollectionAliases {

    /** Records the aliases durably (or not at all, in memory). */
    @FunctionalInterface
    public interface Store {
        void save(SortedMap<String, String> aliases) throws IOException;
    }

    private volatile SortedMap<String, String> byAlias;

    public CollectionAliases(Map<String, String> initial) {
        this.byAlias = Collections.unmodifiableSortedMap(new TreeMap<>(initial));
    }

    /** The collection {@code name} stands for: its alias target, or {@code name} itself. */
    String resolve(String name) {
        String target = name == null ? null : byAlias.get(name);
        return target == null ? name : target;
    }

    boolean isAlias(String name) {
        return name != null && byAlias.containsKey(name);
    }

    /** Every alias and its collection, by alias name. */
    SortedMap<String, String> all() {
        return byAlias;
    }

    /** The aliases of {@code collection}, by alias name. */
    SortedMap<String, String> of(String collection) {
        TreeMap<String, String> aliases = new TreeMap<>();
        byAlias.forEach((alias, target) -> {
            if (target.equals(collection)) {
                aliases.put(alias, target);
            }
        });
        return aliases;
    }

    /**
     * Runs {@code claim} (taking {@code name} for a new collection) while no alias can be
     * created, so that the name never ends up both.
     *
     * @return what {@code claim} returned
     * @throws VJVectorException CONFLICT if {@code name} is an alias
     */
    synchronized boolean claim(String name, BooleanSupplier claim) {
        if (isAlias(name)) {
            throw VJVectorException.conflict("Alias with the same name `" + name + "` already exists!");
        }
        return claim.getAsBoolean();
    }

    /**
     * Applies {@code actions} in order, all or none: the first one that fails throws, naming its
     * field ({@code actions[i].create_alias.alias_name}), and leaves every alias as it was.
     *
     * @throws VJVectorException BAD_REQUEST for a missing or invalid name, NOT_FOUND for a missing
     *                           collection or renamed alias, CONFLICT for an alias named like a
     *                           collection, UNAVAILABLE if the change cannot be recorded
     * @param isCollection whether a name is a collection an alias may name (listed: loading, failed or ready)
     * @param isTaken      whether a name is taken by a collection, including one still being created
     */
    public synchronized void update(List<AliasAction> actions, Predicate<String> isCollection, Predicate<String> isTaken,
                             Store store) {
        TreeMap<String, String> next = new TreeMap<>(byAlias);
        for (int i = 0; i < actions.size(); i++) {
            String at = "actions[" + i + "]";
            AliasAction action = actions.get(i);
            if (action instanceof AliasAction.Create c) {
                create(c, at + ".create_alias.", next, isCollection, isTaken);
            } else if (action instanceof AliasAction.Delete d) {
                if (d.aliasName() == null) {
                    throw VJVectorException.badRequest(at + ".delete_alias.alias_name", "is required");
                }
                next.remove(d.aliasName());
            } else if (action instanceof AliasAction.Rename r) {
                rename(r, at + ".rename_alias.", next, isTaken);
            }
        }
        publish(next, store);
    }

    private static void create(AliasAction.Create c, String field, Map<String, String> next,
                               Predicate<String> isCollection, Predicate<String> isTaken) {
        CollectionValidation.name(c.aliasName(), field + "alias_name");
        if (c.collectionName() == null) {
            throw VJVectorException.badRequest(field + "collection_name", "is required");
        }
        if (!isCollection.test(c.collectionName())) {
            throw new VJVectorException(ErrorKind.NOT_FOUND, field + "collection_name",
                    "Collection `" + c.collectionName() + "` doesn't exist!");
        }
        notACollection(c.aliasName(), field + "alias_name", isTaken);
        next.put(c.aliasName(), c.collectionName());
    }

    private static void rename(AliasAction.Rename r, String field, Map<String, String> next, Predicate<String> isTaken) {
        if (r.oldAliasName() == null) {
            throw VJVectorException.badRequest(field + "old_alias_name", "is required");
        }
        CollectionValidation.name(r.newAliasName(), field + "new_alias_name");
        String target = next.remove(r.oldAliasName());
        if (target == null) {
            throw new VJVectorException(ErrorKind.NOT_FOUND, field + "old_alias_name",
                    "Alias `" + r.oldAliasName() + "` doesn't exist!");
        }
        notACollection(r.newAliasName(), field + "new_alias_name", isTaken);
        next.put(r.newAliasName(), target);
    }

    private static void notACollection(String alias, String field, Predicate<String> isTaken) {
        if (isTaken.test(alias)) {
            throw new VJVectorException(ErrorKind.CONFLICT, field, "Collection `" + alias + "` already exists!");
        }
    }

    /** Removes the aliases of a deleted collection, recording the rest through {@code store}. */
    synchronized void dropCollection(String collection, Store store) {
        TreeMap<String, String> next = new TreeMap<>(byAlias);
        next.values().removeIf(collection::equals);
        publish(next, store);
    }

    private void publish(TreeMap<String, String> next, Store store) {
        SortedMap<String, String> frozen = Collections.unmodifiableSortedMap(next);
        try {
            store.save(frozen);
        } catch (IOException e) {
            throw new VJVectorException(ErrorKind.UNAVAILABLE, null, "could not record the aliases: " + e.getMessage(), e);
        }
        byAlias = frozen;
    }
}
