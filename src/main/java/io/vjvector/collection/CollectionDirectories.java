package io.vjvector.collection;

import java.nio.file.Path;

/** Where the files of a collection live on a node with disks (only such nodes have one). */
@FunctionalInterface
interface CollectionDirectories {

    /** The directory of the collection {@code entry} names. */
    Path directory(Catalog.Entry entry);
}
