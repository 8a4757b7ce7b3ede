package io.vjvector.tenant;

import io.vjvector.collection.snapshot.SnapshotDescription;
import io.vjvector.collection.snapshot.Snapshots;
import io.vjvector.error.VJVectorException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collection snapshots as one caller sees them, as {@link TenantCollections} sees collections:
 * the collection and snapshot names it passes in are mapped into its tenant's namespace and the
 * names it gets back out of it. A snapshot file lives in its collection's directory
 * ({@code snapshots/<tenant>~<name>/}) and its name starts with the collection's stored name, so
 * a tenant's snapshots are its own.
 *
 * <p>A tenant restores from its own snapshots only: a snapshot name (of the target collection)
 * or {@code <collection>/<snapshot name>} (of another of its collections). File locations
 * ({@code file://} URLs, absolute paths) reach the whole snapshots directory and the configured
 * recovery directories, so they are for callers without a tenant; uploads work for everyone.
 */
public final class TenantSnapshots {

    private final Snapshots all;
    private final Supplier<TenantNamespace> namespace;

    public TenantSnapshots(Snapshots all, Supplier<TenantNamespace> namespace) {
        this.all = all;
        this.namespace = namespace;
    }

    private <T> T in(Function<TenantNamespace, T> op) {
        TenantNamespace ns = namespace.get();
        try {
            return op.apply(ns);
        } catch (VJVectorException e) {
            throw ns.externalize(e);
        }
    }

    /** See {@link Snapshots#create}. */
    public SnapshotDescription create(String collection) {
        return in(ns -> external(ns, all.create(ns.internal(collection))));
    }

    /** See {@link Snapshots#list}. */
    public List<SnapshotDescription> list(String collection) {
        return in(ns -> all.list(ns.internal(collection)).stream().map(d -> external(ns, d)).toList());
    }

    /** See {@link Snapshots#file}; the file is served under the name asked for. */
    public Path file(String collection, String snapshot) {
        return in(ns -> all.file(ns.internal(collection), ns.internal(snapshot)));
    }

    /** See {@link Snapshots#delete}. */
    public void delete(String collection, String snapshot) {
        in(ns -> {
            all.delete(ns.internal(collection), ns.internal(snapshot));
            return null;
        });
    }

    /** See {@link Snapshots#recover}; a tenant names its own snapshots only. */
    public void recover(String collection, String location, String checksum, String priority) {
        in(ns -> {
            all.recover(ns.internalNew(collection, "collection_name"), internalLocation(ns, location), checksum, priority);
            return null;
        });
    }

    /** See {@link Snapshots#recoverUploaded}. */
    public void recoverUploaded(String collection, Path file, String checksum, String priority) {
        in(ns -> {
            all.recoverUploaded(ns.internalNew(collection, "collection_name"), file, checksum, priority);
            return null;
        });
    }

    private static String internalLocation(TenantNamespace ns, String location) {
        if (ns.isGlobal() || location == null || location.isBlank()) {
            return location;
        }
        String[] parts = location.strip().split("/", -1);
        boolean plain = location.indexOf(':') < 0 && location.indexOf('\\') < 0 && parts.length <= 2;
        for (String part : parts) {
            plain &= !part.isEmpty() && !part.equals(".") && !part.equals("..");
        }
        if (!plain) {
            throw VJVectorException.badRequest("location", "a caller of a tenant restores from its own snapshots:"
                    + " a snapshot name, or <collection>/<snapshot name>; file locations need a caller without a tenant");
        }
        return parts.length == 1 ? ns.internal(parts[0]) : ns.internal(parts[0]) + "/" + ns.internal(parts[1]);
    }

    private static SnapshotDescription external(TenantNamespace ns, SnapshotDescription d) {
        String name = ns.external(d.name());
        return name == null ? d : new SnapshotDescription(name, d.creationTime(), d.size(), d.checksum());
    }
}
