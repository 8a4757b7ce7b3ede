package io.vjvector.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** Tokenizer names and the fold-then-lowercase step, in their string and token-stream forms. */
class TextProcessingTest {

    private record Settings(boolean lowercases, boolean foldsAscii) implements TextProcessing {
        @Override
        public Tokenizer tokenizer() {
            return Tokenizer.WORD;
        }
    }

    @Test
    void tokenizersParseQdrantsNames() {
        for (TextProcessing.Tokenizer t : TextProcessing.Tokenizer.values()) {
            assertEquals(t, TextProcessing.Tokenizer.fromQdrantName(t.qdrantName()));
        }
        assertNull(TextProcessing.Tokenizer.fromQdrantName("WORD"));
    }

    @Test
    void foldingComesBeforeLowercasingInBothForms() throws IOException {
        assertEquals("aeroskobing", new Settings(true, true).normalize("Ærøskøbing"));
        assertEquals("AEroskobing", new Settings(false, true).normalize("Ærøskøbing"));
        assertEquals("ærøskøbing", new Settings(true, false).normalize("Ærøskøbing"));
        assertEquals("aeroskobing", streamed(new Settings(true, true), "Ærøskøbing"));
        assertEquals("AEroskobing", streamed(new Settings(false, true), "Ærøskøbing"));
    }

    @Test
    void wholeTokenLowercasingGivesAFinalSigmaWhereTheStreamDoesNot() throws IOException {
        Settings lower = new Settings(true, false);
        assertEquals("οδος", lower.normalize("ΟΔΟΣ"));
        assertEquals("οδοσ", streamed(lower, "ΟΔΟΣ"));
    }

    private static String streamed(TextProcessing settings, String text) throws IOException {
        WhitespaceTokenizer source = new WhitespaceTokenizer();
        source.setReader(new StringReader(text));
        try (TokenStream stream = TextProcessing.normalize(source, settings)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            stream.incrementToken();
            String out = term.toString();
            stream.end();
            return out;
        }
    }
}
