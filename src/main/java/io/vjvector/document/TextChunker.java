package io.vjvector.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a text into chunks of at most {@code chunkSize} characters along paragraph and sentence
 * boundaries where it can: a chunk ends at a paragraph break once it is half full, otherwise
 * after the last sentence that fits; only a sentence longer than a chunk is cut inside, at a
 * space. Each chunk but the first of a paragraph run starts with up to {@code overlap} characters
 * (whole words) from the end of the one before, so a fact that straddles a cut is whole in one.
 */
public final class TextChunker {

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?;])\\s+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");

    private final int chunkSize;
    private final int overlap;

    /** @param overlap less than half of {@code chunkSize} */
    public TextChunker(int chunkSize, int overlap) {
        if (chunkSize < 2 || overlap < 0 || overlap >= chunkSize / 2) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " and overlap " + overlap);
        }
        this.chunkSize = chunkSize;
        this.overlap = overlap;
    }

    /** The chunks of {@code text}, in order; none for a blank text. */
    public List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String paragraph : PARAGRAPHS.split(text.strip())) {
            String p = SPACES.matcher(paragraph.strip()).replaceAll(" ");
            if (p.isEmpty()) {
                continue;
            }
            if (cur.length() >= chunkSize / 2) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            boolean paragraphStart = true;
            for (String sentence : SENTENCES.split(p)) {
                for (String piece : pieces(sentence)) {
                    String sep = cur.length() == 0 ? "" : paragraphStart ? "\n\n" : " ";
                    if (cur.length() + sep.length() + piece.length() > chunkSize) {
                        String done = cur.toString();
                        out.add(done);
                        cur.setLength(0);
                        cur.append(tail(done));
                        sep = cur.length() == 0 ? "" : " ";
                    }
                    cur.append(sep).append(piece);
                    paragraphStart = false;
                }
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** A sentence cut at spaces into pieces that fit after an overlap tail. */
    private List<String> pieces(String sentence) {
        int max = chunkSize - overlap - 1;
        List<String> out = new ArrayList<>();
        String rest = sentence.strip();
        while (rest.length() > max) {
            int cut = rest.lastIndexOf(' ', max);
            if (cut <= 0) {
                cut = max;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    /** The last whole words of {@code chunk} within {@code overlap} characters. */
    private String tail(String chunk) {
        if (overlap == 0 || chunk.length() <= overlap) {
            return "";
        }
        int from = chunk.length() - overlap;
        int space = chunk.indexOf(' ', from);
        return space < 0 ? "" : chunk.substring(space + 1).replace("\n\n", " ");
    }
}
