package io.vjvector.collection;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The local {@code catalog.json} keeps the {@link Catalog} contract. */
class CollectionCatalogContractTest extends CatalogContract {

    @TempDir
    Path root;

    @Override
    protected Catalog catalog() throws Exception {
        return CollectionCatalog.open(root);
    }

    @Override
    protected Catalog reopen() throws Exception {
        return CollectionCatalog.open(root);
    }
}
