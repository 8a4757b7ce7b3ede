package io.vjvector.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.deploy.KubernetesManifests.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds every kustomization with {@code kubectl kustomize} where kubectl is installed (no cluster
 * is contacted) and checks what comes out: patches that kustomize rejects or that leave the
 * replica counts inconsistent fail here, beyond what the structural {@link KubernetesManifestsTest}
 * sees. Without kubectl on the PATH the build is skipped and says so.
 */
class KustomizeBuildTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kustomizationBuilds(String dir, @TempDir Path temp) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed: the kustomize build is not checked here");
        Path out = temp.resolve("built.yaml");
        Path err = temp.resolve("stderr.txt");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", KubernetesManifests.ROOT.resolve(dir).toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + dir + ": " + Files.readString(err));

        List<Document> built = KubernetesManifests.documents(out);
        int etcdMembers = KubernetesManifests.find(built, "StatefulSet", "etcd").node().path("spec").path("replicas").asInt();
        String initialCluster = KubernetesManifests.envValueAnywhere(
                KubernetesManifests.find(built, "StatefulSet", "etcd").node(), "INITIAL_CLUSTER").orElseThrow();
        assertEquals(etcdMembers, initialCluster.split(",").length, dir + ": INITIAL_CLUSTER " + initialCluster);
        String endpoints = KubernetesManifests.find(built, "ConfigMap", "vjvector-config").node()
                .path("data").path("VJVECTOR_CLUSTER_ETCD_ENDPOINTS").asText();
        assertEquals(etcdMembers, endpoints.split(",").length, dir + ": VJVECTOR_CLUSTER_ETCD_ENDPOINTS " + endpoints);
        boolean hasSecret = built.stream().anyMatch(d -> d.kind().equals("Secret"));
        assertEquals(!dir.equals("overlays/prod"), hasSecret, dir + ": placeholder Secret present");
        assertFalse(dir.equals("overlays/prod") && Files.readString(out).contains("REPLACE-ME"), "prod output holds a placeholder");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
