package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a change leads to, and the steps that bring a copy to the catalog's settings. */
class CollectionChangesTest {

    private static VectorsConfig.DenseVector dense(int size) {
        return new VectorsConfig.DenseVector(size, Distance.COSINE, null, null, null, null, null);
    }

    private static CollectionParams params(Map<String, VectorsConfig.DenseVector> dense,
                                           Map<String, VectorsConfig.SparseVector> sparse) {
        return new CollectionParams(0, null, 2, 1, 1, 16, 100, 1000, null, null, new VectorsConfig(true, dense, sparse));
    }

    private static final VectorsConfig.SparseVector SPARSE = new VectorsConfig.SparseVector(false, null, null, null);

    @Test
    void anUpdateChangesOnlyWhatItNames() {
        CollectionParams p = params(Map.of("a", dense(4)), Map.of());
        CollectionParams next = CollectionChanges.update(p, new CollectionParamsUpdate(null, null, 32, null, null));
        assertEquals(32, next.m());
        assertEquals(p.efConstruct(), next.efConstruct());
        assertEquals(p.vectors(), next.vectors());
    }

    @Test
    void anUpdateOfAnUnknownVectorsQuantizationIsABadRequestNamingIt() {
        CollectionParams p = params(Map.of("a", dense(4)), Map.of());
        VJVectorException e = assertThrows(VJVectorException.class, () -> CollectionChanges.update(p,
                new CollectionParamsUpdate(null, null, null, null, null, null, null, null, null,
                        Map.of("b", QuantizationSettings.REMOVE))));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("vectors.b", e.field());
    }

    @Test
    void addingAnExistingNameOrDroppingTheLastOrAnUnknownOneIsRefused() {
        CollectionParams p = params(Map.of("a", dense(4)), Map.of());
        assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class,
                () -> CollectionChanges.addVector(p, "a", dense(2), null)).kind());
        assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class,
                () -> CollectionChanges.dropVector(p, "c", "a")).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VJVectorException.class,
                () -> CollectionChanges.dropVector(p, "c", "x")).kind());
        CollectionParams two = CollectionChanges.addVector(p, "s", null, SPARSE);
        assertTrue(two.vectors().sparse().containsKey("s"));
        assertEquals(p.vectors(), CollectionChanges.dropVector(two, "c", "s").vectors());
    }

    @Test
    void aPlanDropsRemovedNamesThenAddsNewOnesAndEndsAtTheTarget() {
        CollectionParams current = params(Map.of("a", dense(4), "gone", dense(2)), Map.of());
        CollectionParams target = CollectionChanges.update(params(Map.of("a", dense(4), "new", dense(3)),
                Map.of("s", SPARSE)), new CollectionParamsUpdate(null, null, 24, null, null));
        CollectionChanges.Plan plan = CollectionChanges.plan(current, target);
        assertEquals(List.of("gone"), plan.drops());
        assertEquals(List.of("new", "s"), List.copyOf(plan.adds().keySet()));
        assertEquals(target.vectors(), plan.adds().get("s").vectors(), "the last add holds every target vector");
        assertEquals(24, plan.adds().get("new").m(), "fields are added with the target's index settings");
        assertFalse(plan.settingsOnly());
    }

    @Test
    void aNameDroppedAndAddedAgainWithAnotherDefinitionIsDroppedAndAddedBack() {
        CollectionParams current = params(Map.of("a", dense(4), "b", dense(2)), Map.of());
        CollectionParams target = params(Map.of("a", dense(4), "b", dense(8)), Map.of());
        CollectionChanges.Plan plan = CollectionChanges.plan(current, target);
        assertEquals(List.of("b"), plan.drops());
        assertEquals(List.of("b"), List.copyOf(plan.adds().keySet()));
    }

    @Test
    void aQuantizationChangeAloneIsASettingsChange() {
        CollectionParams current = params(Map.of("a", dense(4)), Map.of());
        CollectionParams target = CollectionChanges.update(current, new CollectionParamsUpdate(null, null, null, null,
                null, null, null, null, null, Map.of("a", new QuantizationSettings(QuantizationSettings.SCALAR, 0.99f, true))));
        assertTrue(CollectionChanges.plan(current, target).settingsOnly());
    }

    @Test
    void aValueWaitsWhileTheCopyLacksOrHoldsAnotherDefinitionOfItsName() {
        CollectionParams copy = params(Map.of("a", dense(4), "b", dense(2)), Map.of());
        CollectionParams catalog = params(Map.of("a", dense(4), "b", dense(8), "c", dense(3)), Map.of());
        assertFalse(CollectionChanges.vectorPending(copy, catalog, "a"));
        assertTrue(CollectionChanges.vectorPending(copy, catalog, "b"), "redefined");
        assertTrue(CollectionChanges.vectorPending(copy, catalog, "c"), "added");
        assertFalse(CollectionChanges.vectorPending(catalog, copy, "c"),
                "a name the catalog dropped does not wait: the value is dropped with it");
    }
}
