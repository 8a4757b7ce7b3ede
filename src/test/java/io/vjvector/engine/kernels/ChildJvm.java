package io.vjvector.engine.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the test classpath in a fresh JVM, for behaviour fixed at class
 * initialisation or by the JVM's command line (modules, JIT flags, {@code static final} tuning).
 *
 * @param exitCode the child's exit status
 * @param output   its standard output and error, interleaved
 */
record ChildJvm(int exitCode, String output) {

    static ChildJvm run(List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        // As in the application (and surefire): System.Logger output then goes through JBoss LogManager.
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ChildJvm(child.waitFor(), output);
    }

    /** How often {@code text} occurs in the output. */
    int count(String text) {
        int count = 0;
        for (int at = output.indexOf(text); at >= 0; at = output.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }
}
