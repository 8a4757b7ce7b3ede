package io.vjvector.deploy;

import static io.vjvector.deploy.KubernetesManifests.ROOT;
import static io.vjvector.deploy.KubernetesManifests.containers;
import static io.vjvector.deploy.KubernetesManifests.env;
import static io.vjvector.deploy.KubernetesManifests.find;
import static io.vjvector.deploy.KubernetesManifests.kustomization;
import static io.vjvector.deploy.KubernetesManifests.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.deploy.KubernetesManifests.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests under {@code kubernetes/} against the application they deploy: kinds, probes,
 * ports and environment names are checked against the application's own configuration (its
 * config mappings and application.properties), and the overlays against the base they patch.
 * Structural only: no cluster and no kubectl needed ({@link KustomizeBuildTest} adds a real build
 * where kubectl is installed).
 */
class KubernetesManifestsTest {

    private static final Path BASE = ROOT.resolve("base");
    private static final List<Path> OVERLAYS = List.of(ROOT.resolve("overlays/dev"), ROOT.resolve("overlays/prod"));

    /** Environment variables of VJVector containers that are not configuration keys, and why they are there. */
    private static final Set<String> OTHER_ENVIRONMENT = Set.of(
            "POD_NAME", "POD_IP", // downward API, referenced by the node id and advertise URL
            "DJL_CACHE_DIR", // where the embedding model's tokenizer library is unpacked (read-only root)
            "JAVA_OPTS_APPEND"); // the image's hook for extra JVM options

    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static ApplicationConfigKeys config;
    private static List<Document> base;
    private static int appPort;

    @BeforeAll
    static void load() {
        config = ApplicationConfigKeys.load();
        base = resources(BASE);
        appPort = Integer.parseInt(config.property("quarkus.http.port"));
    }

    @Test
    void everyManifestParsesAndSaysWhatItIs() {
        List<Path> files = KubernetesManifests.yamlFiles(ROOT);
        assertTrue(files.size() >= 10, "manifests found: " + files);
        for (Path file : files) {
            List<Document> documents = KubernetesManifests.documents(file);
            assertFalse(documents.isEmpty(), file + " holds no document");
            for (Document document : documents) {
                if (document.node().isArray()) { // a JSON patch: a list of operations
                    document.node().forEach(op -> assertTrue(op.has("op") && op.has("path"), file + ": " + op));
                } else {
                    assertTrue(document.node().hasNonNull("apiVersion") && !document.kind().isEmpty(),
                            file + ": a document without apiVersion or kind");
                    assertTrue(document.kind().equals("Kustomization") || !document.name().isEmpty(),
                            file + ": " + document.kind() + " without metadata.name");
                }
            }
        }
    }

    @Test
    void baseHoldsEveryKindOfObjectTheClusterNeeds() {
        Map<String, Long> kinds = base.stream().collect(Collectors.groupingBy(Document::kind, TreeMap::new, Collectors.counting()));
        assertTrue(kinds.getOrDefault("StatefulSet", 0L) >= 3, "etcd, masters, replicas: " + kinds);
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget",
                "NetworkPolicy", "HorizontalPodAutoscaler")) {
            assertTrue(kinds.containsKey(kind), kind + " missing: " + kinds);
        }
        JsonNode target = find(base, "HorizontalPodAutoscaler", "vjvector-gateway").node().path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        find(base, "Deployment", target.path("name").asText());
        assertTrue(find(base, "Deployment", target.path("name").asText()).node().path("spec").path("replicas").isMissingNode(),
                "the autoscaler owns the gateway count; a fixed replicas field would be reset on every apply");

        Set<Path> listed = base.stream().map(Document::file).map(Path::normalize).collect(Collectors.toSet());
        for (Path file : KubernetesManifests.yamlFiles(BASE)) {
            assertTrue(file.endsWith("kustomization.yaml") || listed.contains(file.normalize()),
                    file + " is not listed in base/kustomization.yaml");
        }
    }

    @Test
    void everyVJVectorContainerProbesTheHealthEndpointsOnTheApplicationsPort() {
        String health = "/" + property("quarkus.http.non-application-root-path", "q")
                + "/" + property("quarkus.smallrye-health.root-path", "health");
        List<Document> workloads = vjvectorWorkloads();
        assertEquals(3, workloads.size(), "gateway, masters, replicas: " + workloads);
        for (Document workload : workloads) {
            for (JsonNode container : containers(workload)) {
                String where = workload + " container " + container.path("name").asText();
                assertEquals(appPort, namedPort(container, "http"), where + ": containerPort http");
                assertProbe(container, "livenessProbe", Set.of(health + "/live"), where);
                assertProbe(container, "readinessProbe", Set.of(health + "/ready"), where);
                assertProbe(container, "startupProbe", Set.of(health + "/started", health + "/live"), where);
            }
        }
    }

    @Test
    void everyApplicationEnvironmentNameSetsAConfigKey() {
        List<String> unknown = new ArrayList<>();
        for (Document document : KubernetesManifests.allDocuments(ROOT)) {
            if (isEtcd(document)) {
                continue;
            }
            KubernetesManifests.forEachContainer(document.node(), container -> {
                for (JsonNode entry : container.path("env")) {
                    checkEnvironmentName(entry.path("name").asText(), document, unknown);
                }
            });
            if (document.kind().equals("ConfigMap")) {
                document.node().path("data").fieldNames().forEachRemaining(name -> checkEnvironmentName(name, document, unknown));
            }
        }
        assertTrue(unknown.isEmpty(), "environment names that set no configuration key of the application: " + unknown);
    }

    @Test
    void theEnvironmentFormFollowsSmallRyesRule() {
        assertEquals("VJVECTOR_CLUSTER_ETCD_ENDPOINTS", ApplicationConfigKeys.environmentName("vjvector.cluster.etcd-endpoints"));
        assertEquals("election-ttl", ApplicationConfigKeys.kebabCase("electionTtl"));
        for (String key : List.of("vjvector.cluster.etcd-endpoints", "vjvector.cluster.node-id", "vjvector.cluster.advertise-url",
                "vjvector.cluster.secret", "vjvector.cluster.election-ttl", "vjvector.auth.mode", "vjvector.auth.api-key",
                "vjvector.storage.path", "vjvector.storage.encryption.key", "vjvector.rate-limit.reader.burst",
                "quarkus.http.host", "quarkus.profile")) {
            assertTrue(config.keys().contains(key), key + " not derived from the application: " + config.keys());
        }
        assertTrue(config.acceptsEnvironmentName("VJVECTOR_STORAGE_ENCRYPTION_PREVIOUS_KEYS"));
        assertFalse(config.acceptsEnvironmentName("VJVECTOR_CLUSTER_NODEID"));
        assertFalse(config.acceptsEnvironmentName("VJVECTOR_CLUSTER"));
    }

    @Test
    void eachWorkloadRunsTheProfileOfItsRole() {
        assertEquals(Set.of("gateway", "master", "replica"), config.roleProfiles());
        assertEquals("gateway", profile(find(base, "Deployment", "vjvector-gateway")));
        for (String role : List.of("master", "replica")) {
            Document set = find(base, "StatefulSet", "vjvector-" + role);
            assertEquals(role, profile(set));
            assertEquals(role, set.node().path("spec").path("template").path("metadata").path("labels").path("vjvector/role").asText());
        }
    }

    @Test
    void referencedSecretsAndConfigMapsExistWithTheirKeys() {
        for (Document workload : base) {
            for (JsonNode container : containers(workload)) {
                for (JsonNode source : container.path("envFrom")) {
                    if (source.has("configMapRef")) {
                        find(base, "ConfigMap", source.path("configMapRef").path("name").asText());
                    } else {
                        fail(workload + ": envFrom other than a ConfigMap (secrets are referenced key by key)");
                    }
                }
                for (JsonNode entry : container.path("env")) {
                    JsonNode from = entry.path("valueFrom");
                    for (String kind : List.of("Secret", "ConfigMap")) {
                        JsonNode ref = from.path(kind.equals("Secret") ? "secretKeyRef" : "configMapKeyRef");
                        if (!ref.isMissingNode()) {
                            JsonNode object = find(base, kind, ref.path("name").asText()).node();
                            String key = ref.path("key").asText();
                            assertTrue(object.path("data").has(key) || object.path("stringData").has(key),
                                    workload + ": " + kind + " " + ref.path("name").asText() + " has no key " + key);
                        }
                    }
                }
            }
        }
    }

    @Test
    void variableReferencesNameVariablesDefinedBeforeThem() {
        for (Document workload : base) {
            for (JsonNode container : containers(workload)) {
                Set<String> defined = new HashSet<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode entry : container.path("env")) {
                    assertReferencesDefined(entry.path("value").asText(), defined, workload);
                    defined.add(entry.path("name").asText());
                }
                container.path("command").forEach(t -> texts.add(t.asText()));
                container.path("args").forEach(t -> texts.add(t.asText()));
                texts.forEach(text -> assertReferencesDefined(text, defined, workload));
            }
        }
    }

    @Test
    void dataNodesAreNamedByTheirPodAndReachedByItsStableName() {
        String storagePath = find(base, "ConfigMap", "vjvector-config").node().path("data").path("VJVECTOR_STORAGE_PATH").asText();
        assertTrue(storagePath.startsWith("/"), "VJVECTOR_STORAGE_PATH: " + storagePath);
        for (String role : List.of("master", "replica")) {
            Document set = find(base, "StatefulSet", "vjvector-" + role);
            JsonNode container = containers(set).get(0);
            assertEquals("metadata.name", env(container, "POD_NAME").orElseThrow().path("valueFrom").path("fieldRef").path("fieldPath").asText());
            assertEquals("$(POD_NAME)", envValue(container, "VJVECTOR_CLUSTER_NODE_ID"));

            String service = set.node().path("spec").path("serviceName").asText();
            assertEquals("http://$(POD_NAME)." + service + ":" + appPort, envValue(container, "VJVECTOR_CLUSTER_ADVERTISE_URL"));
            assertHeadlessServiceSelects(service, set);

            String claim = set.node().path("spec").path("volumeClaimTemplates").path(0).path("metadata").path("name").asText();
            assertFalse(claim.isEmpty(), set + ": no volume claim template");
            boolean mounted = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                mounted |= mount.path("name").asText().equals(claim) && mount.path("mountPath").asText().equals(storagePath);
            }
            assertTrue(mounted, set + ": the claimed volume is not mounted at vjvector.storage.path " + storagePath);
            for (String key : List.of("VJVECTOR_CLUSTER_SECRET", "VJVECTOR_AUTH_API_KEY", "VJVECTOR_STORAGE_ENCRYPTION_KEY")) {
                assertTrue(env(container, key).isPresent(), set + ": " + key);
            }
        }
    }

    @Test
    void masterAndReplicaPodsDifferOnlyInTheirRole() {
        JsonNode master = comparablePodTemplate(find(base, "StatefulSet", "vjvector-master"));
        JsonNode replica = comparablePodTemplate(find(base, "StatefulSet", "vjvector-replica"));
        assertEquals(master, replica, "the two data-node sets drifted apart beyond profile and role label");
    }

    @Test
    void etcdRunsThreeMembersWithPreVoteInTheBase() {
        Document etcd = find(base, "StatefulSet", "etcd");
        assertEquals(3, etcd.node().path("spec").path("replicas").asInt());
        assertEquals("Parallel", etcd.node().path("spec").path("podManagementPolicy").asText(),
                "members must start together to form their first quorum");
        JsonNode container = containers(etcd).get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        assertTrue(args.contains("--pre-vote=true"), "etcd args: " + args);
        assertHeadlessServiceSelects(etcd.node().path("spec").path("serviceName").asText(), etcd);
        find(base, "PodDisruptionBudget", "etcd");
    }

    @Test
    void everyKustomizationListsTheSameEtcdMembersToEtcdAndToVJVector() {
        List<Path> dirs = new ArrayList<>(OVERLAYS);
        dirs.add(BASE);
        for (Path dir : dirs) {
            int members = replicas(dir, "etcd");
            JsonNode container = containers(find(base, "StatefulSet", "etcd")).get(0);
            String service = find(base, "StatefulSet", "etcd").node().path("spec").path("serviceName").asText();
            String initialCluster = effective(dir, "StatefulSet", "etcd",
                    d -> KubernetesManifests.envValueAnywhere(d.node(), "INITIAL_CLUSTER"));
            String endpoints = effective(dir, "ConfigMap", "vjvector-config",
                    d -> Optional.ofNullable(d.node().path("data").get("VJVECTOR_CLUSTER_ETCD_ENDPOINTS")).map(JsonNode::asText));
            assertEquals(memberList(members, i -> "etcd-" + i + "=http://etcd-" + i + "." + service + ":" + namedPort(container, "peer")),
                    initialCluster, dir + ": INITIAL_CLUSTER for " + members + " member(s)");
            assertEquals(memberList(members, i -> "http://etcd-" + i + "." + service + ":" + namedPort(container, "client")),
                    endpoints, dir + ": VJVECTOR_CLUSTER_ETCD_ENDPOINTS for " + members + " member(s)");
        }
    }

    @Test
    void networkPoliciesLetOnlyVJVectorReachDataNodesAndOnlyVJVectorAndEtcdReachEtcd() {
        Map<String, Document> workloads = new TreeMap<>();
        base.stream().filter(d -> d.node().path("spec").has("template")).forEach(d -> workloads.put(d.name(), d));
        Set<String> dataNodes = Set.of("vjvector-master", "vjvector-replica");
        Set<String> vjvector = Set.of("vjvector-master", "vjvector-replica", "vjvector-gateway");
        Set<String> guarded = new HashSet<>();
        for (Document policy : base.stream().filter(d -> d.kind().equals("NetworkPolicy")).toList()) {
            Set<String> targets = selected(workloads, policy.node().path("spec").path("podSelector"));
            if (!dataNodes.containsAll(targets) && !targets.equals(Set.of("etcd"))) {
                continue; // the gateways' policy: open to clients on the application port only
            }
            guarded.addAll(targets);
            for (JsonNode rule : policy.node().path("spec").path("ingress")) {
                assertFalse(rule.path("from").isEmpty(), policy + ": a rule without 'from' admits everyone");
                Set<String> sources = new HashSet<>();
                for (JsonNode peer : rule.path("from")) {
                    assertEquals(List.of("podSelector"), fieldNames(peer), policy + ": peers are pods of this namespace only");
                    sources.addAll(selected(workloads, peer.path("podSelector")));
                }
                Set<Integer> ports = new HashSet<>();
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
                if (targets.equals(Set.of("etcd"))) {
                    Set<String> allowed = new HashSet<>(vjvector);
                    allowed.add("etcd");
                    assertTrue(allowed.containsAll(sources), policy + ": " + sources);
                    assertTrue(ports.contains(2379) || sources.equals(Set.of("etcd")), policy + ": peer port open to " + sources);
                } else {
                    assertTrue(vjvector.containsAll(sources) && !sources.isEmpty(), policy + ": " + sources);
                    assertEquals(Set.of(appPort), ports, policy + ": ports");
                }
            }
        }
        assertEquals(Set.of("vjvector-master", "vjvector-replica", "etcd"), guarded, "workloads under an ingress policy");
    }

    @Test
    void containersRunAsNonRootWithReadOnlyRootAndSizedResources() {
        for (Document workload : base.stream().filter(d -> d.node().path("spec").has("template")).toList()) {
            JsonNode pod = workload.node().path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), workload + ": runAsNonRoot");
            for (JsonNode container : containers(workload)) {
                JsonNode security = container.path("securityContext");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), workload + ": readOnlyRootFilesystem");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), workload + ": allowPrivilegeEscalation");
                JsonNode resources = container.path("resources");
                assertTrue(resources.path("requests").has("cpu") && resources.path("requests").has("memory"), workload + ": requests");
                assertTrue(resources.path("limits").has("memory"), workload + ": memory limit");
            }
        }
    }

    @Test
    void overlaysReferenceExistingFilesAndObjects() {
        for (Path overlay : OVERLAYS) {
            Document kustomization = kustomization(overlay);
            for (JsonNode resource : kustomization.node().path("resources")) {
                Path path = overlay.resolve(resource.asText()).normalize();
                assertTrue(Files.isRegularFile(path) || Files.isRegularFile(path.resolve("kustomization.yaml")),
                        overlay + ": resource " + resource.asText() + " does not exist");
            }
            List<Document> built = resources(overlay);
            for (JsonNode replicas : kustomization.node().path("replicas")) {
                assertTrue(built.stream().anyMatch(d -> d.name().equals(replicas.path("name").asText())
                        && d.node().path("spec").has("replicas")), overlay + ": replicas of unknown " + replicas);
            }
            for (JsonNode patch : kustomization.node().path("patches")) {
                Path file = overlay.resolve(patch.path("path").asText());
                assertTrue(Files.isRegularFile(file), overlay + ": patch " + file + " does not exist");
                for (Document document : KubernetesManifests.documents(file)) {
                    if (document.node().isArray()) {
                        assertJsonPatchApplies(document, patch.path("target"), built);
                    } else {
                        assertTrue(built.stream().anyMatch(d -> d.is(document.kind(), document.name())),
                                file + " patches " + document.kind() + "/" + document.name() + ", which the base does not have");
                    }
                }
            }
            Set<Path> used = new HashSet<>();
            kustomization.node().path("patches").forEach(p -> used.add(overlay.resolve(p.path("path").asText()).normalize()));
            for (Path file : KubernetesManifests.yamlFiles(overlay)) {
                assertTrue(file.endsWith("kustomization.yaml") || used.contains(file.normalize()), file + " is not used by its overlay");
            }
        }
    }

    @Test
    void prodAppliesNoPlaceholderSecret() {
        Path prod = ROOT.resolve("overlays/prod");
        boolean deleted = false;
        for (JsonNode patch : kustomization(prod).node().path("patches")) {
            for (Document document : KubernetesManifests.documents(prod.resolve(patch.path("path").asText()))) {
                deleted |= document.is("Secret", "vjvector-secrets") && document.node().path("$patch").asText().equals("delete");
            }
        }
        assertTrue(deleted, "the prod overlay must delete the base's placeholder Secret");
        find(base, "Secret", "vjvector-secrets").node().path("stringData").forEach(value -> assertTrue(
                value.asText().isEmpty() || value.asText().startsWith("REPLACE-ME"), "the base Secret holds placeholders only: " + value));
    }

    // ---------------------------------------------------------------------------------------------

    private static String property(String key, String fallback) {
        String value = config.property(key);
        return value == null ? fallback : value.replaceAll("^/+|/+$", "");
    }

    private static List<Document> vjvectorWorkloads() {
        return base.stream().filter(d -> d.node().path("spec").has("template")
                && d.node().path("metadata").path("labels").path("app.kubernetes.io/name").asText().equals("vjvector")).toList();
    }

    private static boolean isEtcd(Document document) {
        return document.name().equals("etcd");
    }

    private static int namedPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named " + name);
    }

    private static void assertProbe(JsonNode container, String probe, Set<String> paths, String where) {
        JsonNode get = container.path(probe).path("httpGet");
        assertTrue(paths.contains(get.path("path").asText()), where + ": " + probe + " path " + get.path("path") + ", expected one of " + paths);
        JsonNode port = get.path("port");
        assertEquals(appPort, port.isInt() ? port.asInt() : namedPort(container, port.asText()), where + ": " + probe + " port");
    }

    private static void checkEnvironmentName(String name, Document document, List<String> unknown) {
        boolean application = name.startsWith("VJVECTOR_") || name.startsWith("QUARKUS_");
        if (application ? !config.acceptsEnvironmentName(name) : !OTHER_ENVIRONMENT.contains(name)) {
            unknown.add(name + " in " + document);
        }
    }

    private static String profile(Document workload) {
        return envValue(containers(workload).get(0), "QUARKUS_PROFILE");
    }

    private static String envValue(JsonNode container, String name) {
        return env(container, name).orElseThrow(() -> new AssertionError(container.path("name") + " has no " + name)).path("value").asText();
    }

    private static void assertReferencesDefined(String text, Set<String> defined, Document workload) {
        Matcher reference = VARIABLE_REFERENCE.matcher(text);
        while (reference.find()) {
            assertTrue(defined.contains(reference.group(1)),
                    workload + ": $(" + reference.group(1) + ") in '" + text + "' is not defined before it (Kubernetes leaves it as is)");
        }
    }

    private static void assertHeadlessServiceSelects(String serviceName, Document set) {
        JsonNode service = find(base, "Service", serviceName).node().path("spec");
        assertEquals("None", service.path("clusterIP").asText(), serviceName + " must be headless to give pods stable names");
        JsonNode labels = set.node().path("spec").path("template").path("metadata").path("labels");
        service.path("selector").fields().forEachRemaining(l -> assertEquals(l.getValue().asText(), labels.path(l.getKey()).asText(),
                serviceName + " does not select " + set + " (" + l.getKey() + ")"));
    }

    private static JsonNode comparablePodTemplate(Document set) {
        ObjectNode template = set.node().path("spec").path("template").deepCopy();
        ((ObjectNode) template.path("metadata").path("labels")).remove("vjvector/role");
        for (JsonNode entry : template.path("spec").path("containers").path(0).path("env")) {
            if (entry.path("name").asText().equals("QUARKUS_PROFILE")) {
                ((ObjectNode) entry).put("value", "<role>");
            }
        }
        return template;
    }

    /** A workload's replica count in a kustomization directory: its replicas entry, else the base's. */
    private static int replicas(Path dir, String name) {
        for (JsonNode entry : kustomization(dir).node().path("replicas")) {
            if (entry.path("name").asText().equals(name)) {
                return entry.path("count").asInt();
            }
        }
        return dir.equals(BASE) ? find(base, "StatefulSet", name).node().path("spec").path("replicas").asInt() : replicas(BASE, name);
    }

    /** A value as a kustomization directory leaves it: from its last patch of that object that sets it, else from the base. */
    private static String effective(Path dir, String kind, String name, Function<Document, Optional<String>> value) {
        String found = null;
        if (!dir.equals(BASE)) {
            for (JsonNode patch : kustomization(dir).node().path("patches")) {
                for (Document document : KubernetesManifests.documents(dir.resolve(patch.path("path").asText()))) {
                    if (document.is(kind, name)) {
                        found = value.apply(document).orElse(found);
                    }
                }
            }
        }
        return found != null ? found : value.apply(find(base, kind, name)).orElseThrow(() -> new AssertionError(kind + "/" + name));
    }

    private static String memberList(int members, java.util.function.IntFunction<String> member) {
        return IntStream.range(0, members).mapToObj(member).collect(Collectors.joining(","));
    }

    private static Set<String> selected(Map<String, Document> workloads, JsonNode selector) {
        Set<String> names = new HashSet<>();
        workloads.forEach((name, workload) -> {
            JsonNode labels = workload.node().path("spec").path("template").path("metadata").path("labels");
            boolean all = true;
            for (var l : (Iterable<Map.Entry<String, JsonNode>>) () -> selector.path("matchLabels").fields()) {
                all &= l.getValue().asText().equals(labels.path(l.getKey()).asText());
            }
            if (all) {
                names.add(name);
            }
        });
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertJsonPatchApplies(Document patch, JsonNode target, List<Document> built) {
        assertFalse(target.isMissingNode(), patch.file() + ": a JSON patch needs a target");
        Pattern name = Pattern.compile(target.path("name").asText(".*"));
        List<Document> targets = built.stream()
                .filter(d -> d.kind().equals(target.path("kind").asText()) && name.matcher(d.name()).matches()).toList();
        assertFalse(targets.isEmpty(), patch.file() + ": target " + target + " matches nothing");
        for (Document document : targets) {
            for (JsonNode op : patch.node()) {
                if (op.path("op").asText().equals("replace") || op.path("op").asText().equals("remove")) {
                    assertFalse(document.node().at(op.path("path").asText()).isMissingNode(),
                            patch.file() + ": " + op.path("path").asText() + " does not exist in " + document);
                }
            }
        }
    }
}
