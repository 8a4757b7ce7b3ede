package io.vjvector.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.point.PointId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    @Test
    void chunksNeverExceedTheSizeAndEndAtSentences() {
        String text = "One short sentence here. ".repeat(40);
        List<String> chunks = new TextChunker(120, 20).chunks(text);
        assertTrue(chunks.size() > 5);
        for (String c : chunks) {
            assertTrue(c.length() <= 120, c.length() + ": " + c);
            assertTrue(c.endsWith("."), "ends at a sentence: " + c);
        }
    }

    @Test
    void consecutiveChunksOverlapByWholeWords() {
        List<String> chunks = new TextChunker(100, 30).chunks("Alpha beta gamma delta. Epsilon zeta eta theta. ".repeat(10));
        for (int i = 1; i < chunks.size(); i++) {
            String prev = chunks.get(i - 1);
            String firstWord = chunks.get(i).split(" ")[0];
            assertTrue(prev.substring(prev.length() - 30).contains(firstWord), "chunk " + i + " starts inside the overlap");
        }
    }

    @Test
    void aParagraphBreakEndsAChunkThatIsHalfFull() {
        String text = "First paragraph has some words in it. And a second sentence.\n\nSecond paragraph starts here.";
        List<String> chunks = new TextChunker(100, 10).chunks(text);
        assertEquals(2, chunks.size(), chunks.toString());
        assertTrue(chunks.get(1).startsWith("Second paragraph"));
    }

    @Test
    void aSentenceLongerThanAChunkIsCutAtSpaces() {
        String word = "word ";
        List<String> chunks = new TextChunker(60, 0).chunks(word.repeat(50));
        for (String c : chunks) {
            assertTrue(c.length() <= 60);
            assertTrue(c.matches("(word ?)+"), c);
        }
        assertTrue(new TextChunker(60, 0).chunks("   \n\n ").isEmpty());
    }

    @Test
    void sameInputGivesSameChunkIdsAndEveryGenerationItsOwn() {
        assertEquals(DocumentIds.chunk("doc", 7, 3), DocumentIds.chunk("doc", 7, 3));
        assertTrue(!DocumentIds.chunk("doc", 7, 3).equals(DocumentIds.chunk("doc", 7, 4)));
        assertTrue(!DocumentIds.chunk("doc", 7, 3).equals(DocumentIds.chunk("doc", 8, 3)));
    }

    @Test
    void chunkIdsKeepTheirOrderFromOneGenerationToTheNext() {
        for (int a = 0; a < 20; a++) {
            for (int b = 0; b < 20; b++) {
                PointId first = PointId.of(DocumentIds.chunk("doc" + a, 1_700_000_000_000_000L, a % 3));
                PointId second = PointId.of(DocumentIds.chunk("doc" + b, 1_700_000_000_000_000L, b % 4));
                PointId firstLater = PointId.of(DocumentIds.chunk("doc" + a, 1_800_000_000_000_001L, a % 3));
                PointId secondLater = PointId.of(DocumentIds.chunk("doc" + b, 1_800_000_000_000_001L, b % 4));
                assertEquals(Integer.signum(first.compareTo(second)), Integer.signum(firstLater.compareTo(secondLater)),
                        "doc" + a + " against doc" + b);
            }
        }
        assertEquals(3, DocumentIds.chunk("doc", 7, 3).version(), "a name-based UUID");
    }
}
