package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Catalog} does, whatever keeps it: a subclass supplies an empty catalog and a
 * way to open the same one again (a restart), and inherits these tests.
 */
public abstract class CatalogContract {

    /** An empty catalog, fresh for each test. */
    protected abstract Catalog catalog() throws Exception;

    /** The same catalog opened anew, as after a restart. */
    protected abstract Catalog reopen() throws Exception;

    protected static CollectionParams params(int size, int shards) {
        return params(size, shards, 1);
    }

    protected static CollectionParams params(int size, int shards, int replicationFactor) {
        return new CollectionParams(size, Distance.COSINE, shards, replicationFactor, 1, 16, 100, 1000);
    }

    @Test
    void recordedEntriesSurviveReopeningInTheOrderRecorded() throws Exception {
        Catalog catalog = catalog();
        Catalog.Entry b = catalog.newEntry("b", params(4, 1));
        Catalog.Entry a = catalog.newEntry("a", params(8, 2));
        catalog.put(b);
        catalog.put(a);
        assertEquals(List.of(b, a), catalog.entries());
        assertEquals(List.of(b, a), reopen().entries());
    }

    @Test
    void replacingAnEntryKeepsItsPlaceAndTakesTheNewSettings() throws Exception {
        Catalog catalog = catalog();
        Catalog.Entry first = catalog.newEntry("first", params(4, 1));
        catalog.put(first);
        catalog.put(catalog.newEntry("second", params(4, 1)));
        Catalog.Entry changed = new Catalog.Entry("first", first.directory(), params(4, 1).withOptimizers(
                new OptimizerSettings(0.5, 700)));
        catalog.put(changed);
        List<Catalog.Entry> entries = reopen().entries();
        assertEquals(List.of("first", "second"), entries.stream().map(Catalog.Entry::name).toList());
        assertEquals(changed, entries.get(0));
    }

    @Test
    void removingAnEntryRecordsTheRemainingAliasesWithIt() throws Exception {
        Catalog catalog = catalog();
        catalog.put(catalog.newEntry("a", params(4, 1)));
        catalog.put(catalog.newEntry("b", params(4, 1)));
        catalog.putAliases(Map.of("x", "a", "y", "b"));
        catalog.remove("a", Map.of("y", "b"));
        Catalog reopened = reopen();
        assertEquals(List.of("b"), reopened.entries().stream().map(Catalog.Entry::name).toList());
        assertEquals(Map.of("y", "b"), reopened.aliases());
    }

    @Test
    void aliasesAreEmptyUntilRecordedAndReplacedWhole() throws Exception {
        Catalog catalog = catalog();
        assertEquals(Map.of(), catalog.aliases());
        catalog.put(catalog.newEntry("a", params(4, 1)));
        catalog.putAliases(Map.of("x", "a", "z", "a"));
        catalog.putAliases(Map.of("x", "a"));
        assertEquals(Map.of("x", "a"), catalog.aliases());
        assertEquals(Map.of("x", "a"), reopen().aliases());
    }

    @Test
    void aChangeRecordsTheNewSettingsAtTheNextConfigVersion() throws Exception {
        Catalog catalog = catalog();
        Catalog.Entry created = catalog.newEntry("c", params(4, 1));
        catalog.put(created);
        assertEquals(0, created.configVersion());
        Catalog.Entry first = catalog.change("c", p -> p.withOptimizers(new OptimizerSettings(0.5, 700)));
        Catalog.Entry second = catalog.change("c", p -> p.withOptimizers(new OptimizerSettings(0.25, p.optimizers()
                .vacuumMinVectorNumber())));
        assertEquals(1, first.configVersion());
        assertEquals(2, second.configVersion());
        assertEquals(created.directory(), second.directory());
        assertEquals(new OptimizerSettings(0.25, 700), second.params().optimizers(),
                "each change starts from the settings the one before recorded");
        assertEquals(List.of(second), reopen().entries());
    }

    @Test
    void aChangeOfAMissingCollectionIsNotFoundAndABadChangeRecordsNothing() throws Exception {
        Catalog catalog = catalog();
        io.vjvector.error.VJVectorException missing = org.junit.jupiter.api.Assertions.assertThrows(
                io.vjvector.error.VJVectorException.class, () -> catalog.change("nope", p -> p));
        assertEquals(io.vjvector.error.ErrorKind.NOT_FOUND, missing.kind());
        Catalog.Entry created = catalog.newEntry("c", params(4, 1));
        catalog.put(created);
        org.junit.jupiter.api.Assertions.assertThrows(io.vjvector.error.VJVectorException.class,
                () -> catalog.change("c", p -> CollectionChanges.dropVector(p, "c", "")));
        assertEquals(List.of(created), reopen().entries());
    }

    @Test
    void newEntriesOfOneNameGetDistinctReadableDirectories() throws Exception {
        Catalog catalog = catalog();
        Catalog.Entry one = catalog.newEntry("my collection/ü", params(4, 1));
        Catalog.Entry two = catalog.newEntry("my collection/ü", params(4, 1));
        assertNotEquals(one.directory(), two.directory());
        assertTrue(one.directory().startsWith("my_collection__-"), one.directory());
        assertTrue(catalog.entries().isEmpty(), "newEntry records nothing");
    }
}
