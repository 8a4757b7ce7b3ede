package io.vjvector.collection.snapshot;

import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the {@code location} of a recover request into a snapshot file this node may read.
 *
 * <p>Accepted: a snapshot name (looked up in the target collection's snapshot directory), a path
 * relative to the snapshots directory ({@code other_collection/NAME.snapshot}), or a
 * {@code file://} URL or absolute path inside an allowed directory: the snapshots directory and
 * any directory configured as an extra recovery source. Refused, with 400 naming
 * {@code location}:
 * <ul>
 *   <li>remote URLs ({@code http://}, {@code s3://}, ...): a data node does not fetch from the
 *       network — it would let any client make the server issue requests inside its network,
 *       and it has no egress in the standard deployment; download the file and upload it;</li>
 *   <li>files outside the allowed directories, also through {@code ..} or symbolic links: any
 *       other path would let a client make the server read (and probe for) arbitrary files.</li>
 * </ul>
 */
public final class SnapshotLocations {

    private static final String FIELD = "location";

    private final SnapshotStore store;
    private final List<Path> allowed;

    /**
     * @param store      the snapshots directory, always allowed
     * @param extraRoots further directories snapshots may be recovered from
     */
    public SnapshotLocations(SnapshotStore store, List<Path> extraRoots) {
        this.store = store;
        List<Path> roots = new ArrayList<>();
        roots.add(store.root());
        for (Path p : extraRoots) {
            roots.add(p.toAbsolutePath().normalize());
        }
        this.allowed = List.copyOf(roots);
    }

    /** The directories a location may point into. */
    public List<Path> allowedRoots() {
        return allowed;
    }

    /**
     * The file {@code location} names, for a restore into {@code collection}.
     *
     * @throws VJVectorException BAD_REQUEST (field {@code location}) for a refused location,
     *                           NOT_FOUND when an allowed location holds no file
     */
    public Path resolve(String location, String collection) {
        if (location == null || location.isBlank()) {
            throw VJVectorException.badRequest(FIELD, "location is required: a snapshot name or a file:// URL");
        }
        Path candidate = candidate(location.strip(), collection).normalize();
        Path root = allowedRoot(candidate);
        if (root == null) {
            throw outside(location);
        }
        if (!Files.isRegularFile(candidate)) {
            throw VJVectorException.notFound("Snapshot file `" + location + "` not found");
        }
        try {
            // A symbolic link inside an allowed directory must not lead out of it.
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot(root))) {
                throw outside(location);
            }
            return real;
        } catch (IOException e) {
            throw VJVectorException.notFound("Snapshot file `" + location + "` not found");
        }
    }

    private Path candidate(String location, String collection) {
        int colon = location.indexOf(':');
        int slash = location.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash);
        try {
            if (hasScheme) {
                String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
                if (!scheme.equals("file")) {
                    throw VJVectorException.badRequest(FIELD, "only file:// locations and snapshot names are accepted,"
                            + " not " + scheme + ": this node does not fetch snapshots over the network;"
                            + " download the file and send it to POST /collections/{name}/snapshots/upload");
                }
                URI uri = new URI(location);
                if (uri.getAuthority() != null && !uri.getAuthority().equals("localhost")) {
                    throw VJVectorException.badRequest(FIELD, "a file:// location must name a local file (file:///path)");
                }
                return Path.of(uri.getPath() == null ? "" : uri.getPath());
            }
            Path path = Path.of(location);
            if (path.isAbsolute()) {
                return path;
            }
            // A bare name is one of the target collection's snapshots; a relative path starts at the root.
            return path.getNameCount() == 1 ? store.directory(collection).resolve(path) : store.root().resolve(path);
        } catch (URISyntaxException | IllegalArgumentException e) { // includes InvalidPathException
            throw VJVectorException.badRequest(FIELD, "not a valid snapshot name or file:// URL");
        }
    }

    private Path allowedRoot(Path candidate) {
        for (Path root : allowed) {
            if (candidate.startsWith(root) && !candidate.equals(root)) {
                return root;
            }
        }
        return null;
    }

    private static Path realRoot(Path root) throws IOException {
        return Files.exists(root) ? root.toRealPath() : root;
    }

    private VJVectorException outside(String location) {
        return VJVectorException.badRequest(FIELD, "`" + location + "` is outside the directories snapshots may be"
                + " recovered from (vjvector.storage.snapshots-path and vjvector.storage.snapshots-recovery-paths):"
                + " reading other paths would expose the server's files");
    }
}
