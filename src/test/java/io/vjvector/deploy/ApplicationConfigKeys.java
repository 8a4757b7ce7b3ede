package io.vjvector.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import io.vjvector.config.ClusterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys the application reads, derived from its code rather than listed by hand:
 * every {@code @ConfigMapping} interface under {@code io.vjvector} (found in the compiled classes)
 * and every key of {@code application.properties} (profile prefixes removed).
 *
 * <p>An environment variable sets a key when it equals the key with every character other than a
 * letter or digit replaced by {@code _}, upper-cased: SmallRye Config's environment rule
 * ({@code vjvector.cluster.etcd-endpoints} → {@code VJVECTOR_CLUSTER_ETCD_ENDPOINTS}). A map
 * member ({@code Map<String, ...>}) stands for any key segment there.
 */
final class ApplicationConfigKeys {

    /** The annotation's descriptor as it appears in the constant pool of an annotated class file. */
    private static final byte[] CONFIG_MAPPING_DESCRIPTOR =
            ("L" + ConfigMapping.class.getName().replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);

    /** Read by Quarkus itself before any configuration source; no mapping or properties file names it. */
    private static final Set<String> QUARKUS_BUILT_IN = Set.of("quarkus.profile");

    private final Set<String> keys;
    private final List<Pattern> environmentNames;
    private final Properties properties;

    private ApplicationConfigKeys(Set<String> keys, Properties properties) {
        this.keys = keys;
        this.properties = properties;
        this.environmentNames = keys.stream().map(ApplicationConfigKeys::environmentPattern).toList();
    }

    /** Reads the compiled mappings next to {@link ClusterConfig} and {@code application.properties}. */
    static ApplicationConfigKeys load() {
        Set<String> keys = new TreeSet<>(QUARKUS_BUILT_IN);
        for (Class<?> mapping : configMappings()) {
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            if (annotation.namingStrategy() != ConfigMapping.NamingStrategy.KEBAB_CASE) {
                throw new IllegalStateException(mapping + ": only kebab-case mappings are understood here");
            }
            collectMembers(annotation.prefix(), mapping, keys);
        }
        Properties properties = applicationProperties(classesDirectory());
        for (String key : properties.stringPropertyNames()) {
            keys.add(withoutProfile(key));
        }
        return new ApplicationConfigKeys(keys, properties);
    }

    /** Every key, in its property form. */
    Set<String> keys() {
        return keys;
    }

    /** Whether {@code name}, as an environment variable, sets one of the application's keys. */
    boolean acceptsEnvironmentName(String name) {
        return environmentNames.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** A key's value in {@code application.properties} for the default profile, or {@code null}. */
    String property(String key) {
        return properties.getProperty(key);
    }

    /** The profiles that {@code application.properties} gives a {@code vjvector.role}: the cluster roles. */
    Set<String> roleProfiles() {
        Set<String> profiles = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && key.endsWith(".vjvector.role")) {
                profiles.add(key.substring(1, key.indexOf('.')));
            }
        }
        return profiles;
    }

    /** SmallRye Config's environment form of a property name. */
    static String environmentName(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    private static Pattern environmentPattern(String key) {
        String[] literal = key.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literal.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(environmentName(literal[i])));
        }
        return Pattern.compile(regex.toString());
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static void collectMembers(String prefix, Class<?> group, Set<String> into) {
        for (Method member : group.getMethods()) {
            if (member.isDefault() || Modifier.isStatic(member.getModifiers()) || member.getParameterCount() > 0) {
                continue;
            }
            String name;
            if (member.isAnnotationPresent(WithParentName.class)) {
                name = prefix;
            } else {
                WithName withName = member.getAnnotation(WithName.class);
                name = prefix + "." + (withName != null ? withName.value() : kebabCase(member.getName()));
            }
            collectValue(name, member.getGenericReturnType(), into);
        }
    }

    private static void collectValue(String name, Type type, Set<String> into) {
        Class<?> raw = rawClass(type);
        if (raw == Optional.class) {
            collectValue(name, typeArgument(type, 0), into);
        } else if (Map.class.isAssignableFrom(raw)) {
            collectValue(name + ".*", typeArgument(type, 1), into);
        } else if (raw.isInterface() && !raw.getName().startsWith("java.")) {
            collectMembers(name, raw, into);
        } else {
            // A value: scalars, enums, durations, sizes, paths, and lists given as comma-separated text.
            into.add(name);
        }
    }

    /** {@code electionTtl} → {@code election-ttl}, SmallRye's default naming of mapping members. */
    static String kebabCase(String member) {
        StringBuilder name = new StringBuilder(member.length() + 4);
        for (char c : member.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unexpected configuration member type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    /** Every compiled class under {@code io/vjvector} whose class file names the annotation, loaded without initialising it. */
    private static List<Class<?>> configMappings() {
        Path classes = classesDirectory();
        List<Class<?>> mappings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/vjvector"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (!contains(Files.readAllBytes(file), CONFIG_MAPPING_DESCRIPTOR)) {
                    continue;
                }
                String relative = classes.relativize(file).toString();
                String className = relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(className, false, ApplicationConfigKeys.class.getClassLoader());
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (mappings.isEmpty()) {
            throw new IllegalStateException("no @ConfigMapping interface found under " + classes);
        }
        return mappings;
    }

    private static Path classesDirectory() {
        try {
            Path path = Path.of(ClusterConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(path)) {
                throw new IllegalStateException("the application's classes are not a directory: " + path);
            }
            return path;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The application's own file (not a test resource of the same name). */
    private static Properties applicationProperties(Path classes) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(classes.resolve("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
