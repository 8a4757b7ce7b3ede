package io.vjvector.bench.sparse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Short English passages cut from a text that a Debian package ships: by default the GNU
 * Collaborative International Dictionary of English ({@code dict-gcide}: Webster's 1913 and later
 * additions, ~5.4 million words, gzip-compatible dictzip). Definitions, quotations and etymologies
 * are read in file order, their markup dropped, and cut into passages of 8 to 24 words (seeded
 * lengths). Every {@code stride}-th passage is a document; the passage after it is held out, and
 * queries are drawn from those, so no query text is in the corpus.
 *
 * @param documents passages to index, spread over the whole file (A to Z)
 * @param heldOut   passages not indexed, shuffled (seeded)
 */
public record TextCorpus(List<String> documents, List<String> heldOut) {

    public static final Path DEFAULT_FILE = Path.of("/usr/share/dictd/gcide.dict.dz");
    private static final int MIN_WORDS = 8;
    private static final int MAX_WORDS = 24;
    /** Source tags on a line of their own, e.g. {@code [1913 Webster]}. */
    private static final Pattern SOURCE_LINE = Pattern.compile("^\\s*\\[[^\\]]*\\]\\s*$");
    /** Pronunciations between backslashes ({@code \Ab"so*lute\}) and the braces of cross references. */
    private static final Pattern MARKUP = Pattern.compile("\\\\[^\\\\]*\\\\|[{}]");

    /**
     * @throws IOException if the file cannot be read (with the Debian package to install), or holds
     *                     too few passages for {@code documents}
     */
    public static TextCorpus load(Path file, int documents, long seed) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(file + " is not readable: install the Debian package dict-gcide"
                    + " (apt-get install -y --no-install-recommends dict-gcide) or pass --corpus=<a gzip or plain text file>");
        }
        int[] total = {0};
        passages(file, seed, p -> total[0]++);
        int stride = total[0] / documents;
        if (stride < 2) {
            throw new IOException(file + " gives " + total[0] + " passages, fewer than twice the " + documents
                    + " documents asked for");
        }
        List<String> docs = new ArrayList<>(documents);
        List<String> held = new ArrayList<>(documents);
        int[] index = {0};
        passages(file, seed, p -> {
            int i = index[0]++;
            if (i % stride == 0 && docs.size() < documents) {
                docs.add(p);
            } else if (i % stride == 1 && held.size() < documents) {
                held.add(p);
            }
        });
        Collections.shuffle(held, new Random(seed));
        return new TextCorpus(List.copyOf(docs), List.copyOf(held));
    }

    /** A window of 2 to 5 consecutive words of {@code passage}, chosen by {@code random}: a short query. */
    public static String queryWindow(String passage, Random random) {
        String[] words = passage.split(" ");
        int length = Math.min(words.length, 2 + random.nextInt(4));
        int from = random.nextInt(words.length - length + 1);
        return String.join(" ", Arrays.copyOfRange(words, from, from + length));
    }

    private static void passages(Path file, long seed, Consumer<String> out) throws IOException {
        Random lengths = new Random(seed);
        int target = nextLength(lengths);
        List<String> words = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") || file.toString().endsWith(".dz")
                     ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (SOURCE_LINE.matcher(line).matches()) {
                    continue;
                }
                for (String word : MARKUP.matcher(line).replaceAll(" ").trim().split("\\s+")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    words.add(word);
                    if (words.size() == target) {
                        out.accept(String.join(" ", words));
                        words.clear();
                        target = nextLength(lengths);
                    }
                }
            }
        }
    }

    private static int nextLength(Random random) {
        return MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
    }
}
