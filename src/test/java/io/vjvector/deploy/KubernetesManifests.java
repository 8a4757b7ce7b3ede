package io.vjvector.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The YAML under {@code kubernetes/}, parsed document by document, and the few walks over it the
 * checks need: a kustomization's resources, the containers of any object or patch.
 */
final class KubernetesManifests {

    /** The folder, relative to the project directory (the working directory of tests). */
    static final Path ROOT = Path.of("kubernetes");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One YAML document and the file it came from. */
    record Document(Path file, JsonNode node) {

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        boolean is(String kind, String name) {
            return kind().equals(kind) && name().equals(name);
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file + ")";
        }
    }

    private KubernetesManifests() {
    }

    /** Every {@code .yaml} / {@code .yml} file under {@code dir}, sorted. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of one file, in order (a file may hold several, separated by {@code ---}). */
    static List<Document> documents(Path file) {
        // A parser rather than readValues: that one would unwrap a top-level list (a JSON patch)
        // into its elements.
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            List<Document> documents = new ArrayList<>();
            while (parser.nextToken() != null) {
                JsonNode node = YAML.readTree(parser);
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(new Document(file, node));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Every document of every YAML file under {@code dir}. */
    static List<Document> allDocuments(Path dir) {
        return yamlFiles(dir).stream().flatMap(f -> documents(f).stream()).toList();
    }

    /** The kustomization file of a directory. */
    static Document kustomization(Path dir) {
        List<Document> documents = documents(dir.resolve("kustomization.yaml"));
        if (documents.size() != 1 || !documents.get(0).kind().equals("Kustomization")) {
            throw new IllegalStateException(dir + "/kustomization.yaml is not one Kustomization");
        }
        return documents.get(0);
    }

    /**
     * The objects a kustomization directory builds before its patches: its resource files, and
     * the resources of the directories it names, recursively.
     */
    static List<Document> resources(Path dir) {
        List<Document> resources = new ArrayList<>();
        for (JsonNode entry : kustomization(dir).node().path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(resources(resource));
            } else {
                resources.addAll(documents(resource));
            }
        }
        return resources;
    }

    /** The one object of that kind and name among {@code documents}. */
    static Document find(List<Document> documents, String kind, String name) {
        List<Document> found = documents.stream().filter(d -> d.is(kind, name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + "/" + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Calls {@code action} with every container of any object or patch ({@code containers} at any depth). */
    static void forEachContainer(JsonNode node, Consumer<JsonNode> action) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("containers") || field.getKey().equals("initContainers")) {
                    field.getValue().forEach(action);
                } else {
                    forEachContainer(field.getValue(), action);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> forEachContainer(element, action));
        }
    }

    /** The value of the last {@code env} entry of that name in any container of an object or patch. */
    static Optional<String> envValueAnywhere(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        forEachContainer(node, container -> env(container, name).ifPresent(e -> values.add(e.path("value").asText())));
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The containers of a workload's pod template. */
    static List<JsonNode> containers(Document workload) {
        List<JsonNode> containers = new ArrayList<>();
        workload.node().path("spec").path("template").path("spec").path("containers").forEach(containers::add);
        return containers;
    }

    /** The {@code env} entry of that name in a container. */
    static Optional<JsonNode> env(JsonNode container, String name) {
        for (JsonNode entry : container.path("env")) {
            if (entry.path("name").asText().equals(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
