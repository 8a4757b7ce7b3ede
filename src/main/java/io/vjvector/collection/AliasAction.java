package io.vjvector.collection;

/**
 * One action of a change of aliases (Qdrant's {@code create_alias}, {@code delete_alias},
 * {@code rename_alias}). The actions of one change apply in order and all or none.
 */
public sealed interface AliasAction {

    /** Points {@code aliasName} at {@code collectionName}, re-pointing the alias if it exists. */
    record Create(String collectionName, String aliasName) implements AliasAction {
    }

    /** Removes {@code aliasName}; removing an alias that does not exist changes nothing. */
    record Delete(String aliasName) implements AliasAction {
    }

    /** Gives the collection of {@code oldAliasName} the name {@code newAliasName} instead, replacing an alias of that name. */
    record Rename(String oldAliasName, String newAliasName) implements AliasAction {
    }
}
