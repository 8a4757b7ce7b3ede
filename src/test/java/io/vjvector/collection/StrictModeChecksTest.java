package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict mode checks on their own: which index types each condition asks for, and Qdrant's number format. */
class StrictModeChecksTest {

    private static final StrictModeConfig UNINDEXED_READS_REFUSED = StrictModeConfig.DISABLED.merge(new StrictModeConfig(
            true, null, null, false, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null));

    private static String refusal(String filter, Map<String, PayloadSchemaType> indexed) {
        SearchOptions options = new SearchOptions(Collections.filter(filter), 10, 0, null, null, false, WithPayload.NONE, false);
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> StrictModeChecks.search(UNINDEXED_READS_REFUSED, options, () -> indexed));
        assertEquals(ErrorKind.STRICT_MODE, e.kind());
        return e.getMessage().substring(0, e.getMessage().indexOf(". Help: "));
    }

    @Test
    void eachConditionAsksForTheIndexTypesQdrantInfers() {
        assertEquals("Index required but not found for \"id\" of one of the following types: [uuid, keyword]",
                refusal("{'must':[{'key':'id','match':{'value':'f47ac10b-58cc-4372-a567-0e02b2c3d479'}}]}", Map.of()));
        assertEquals("Index required but not found for \"tags\" of one of the following types: [integer]",
                refusal("{'should':[{'key':'tags','match':{'any':[1, 2]}}]}", Map.of()));
        assertEquals("Index required but not found for \"at\" of one of the following types: [datetime]",
                refusal("{'must_not':[{'key':'at','range':{'gte':'2025-01-01T00:00:00Z'}}]}", Map.of()));
        assertEquals("Index required but not found for \"reviews[].stars\" of one of the following types: [float, integer]",
                refusal("{'must':[{'nested':{'key':'reviews','filter':{'must':[{'key':'stars','range':{'gte':4}}]}}}]}",
                        Map.of()));
        assertEquals("Index required but not found for \"b\" of one of the following types: [keyword, integer, float, geo, "
                + "text, bool, datetime, uuid]", refusal("{'must':[{'is_empty':{'key':'b'}}]}", Map.of("a", PayloadSchemaType.BOOL)));
    }

    @Test
    void anIndexOfAFittingTypeSatisfiesTheCheck() {
        SearchOptions options = new SearchOptions(Collections.filter(
                "{'must':[{'key':'n','range':{'gte':4}}, {'has_id':[1]}, {'is_null':{'key':'c'}}]}"), 10, 0, null, null, false,
                WithPayload.NONE, false);
        StrictModeChecks.search(UNINDEXED_READS_REFUSED, options,
                () -> Map.of("n", PayloadSchemaType.FLOAT, "c", PayloadSchemaType.KEYWORD));
    }

    @Test
    void megabytesArePrintedAsQdrantPrintsThem() {
        assertEquals("1", StrictModeChecks.megabytes(1 << 20));
        assertEquals("1.5", StrictModeChecks.megabytes(3 << 19));
        assertEquals("0.00022888184", StrictModeChecks.megabytes(240));
    }
}
