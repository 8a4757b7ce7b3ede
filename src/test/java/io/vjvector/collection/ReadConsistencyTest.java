package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import org.junit.jupiter.api.Test;

class ReadConsistencyTest {

    @Test
    void absentAndOneAreTheDefault() {
        assertTrue(ReadConsistency.parse(null).isDefault());
        assertTrue(ReadConsistency.parse("1").isDefault());
        assertEquals(ReadConsistency.DEFAULT, ReadConsistency.parse("1"));
    }

    @Test
    void namedRulesAndNumbersParse() {
        assertEquals(ReadConsistency.Kind.MAJORITY, ReadConsistency.parse("majority").kind());
        assertEquals(ReadConsistency.Kind.QUORUM, ReadConsistency.parse("quorum").kind());
        assertEquals(ReadConsistency.Kind.ALL, ReadConsistency.parse("all").kind());
        assertEquals(3, ReadConsistency.parse("3").factor());
        assertEquals("all", ReadConsistency.parse("all").toString());
        assertEquals("2", ReadConsistency.parse("2").toString());
    }

    @Test
    void anyOtherValueIsABadRequestNamingTheParameter() {
        for (String bad : new String[] {"0", "-1", "most", "", "1.5", "two"}) {
            VJVectorException e = assertThrows(VJVectorException.class, () -> ReadConsistency.parse(bad), bad);
            assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            assertEquals("consistency", e.field());
        }
    }

    @Test
    void copiesAskedFollowQdrantsReplicaSet() {
        assertEquals(2, ReadConsistency.parse("2").copiesToAsk(3));
        assertEquals(2, ReadConsistency.parse("5").copiesToAsk(2), "a number is capped at the copies there are");
        assertEquals(3, ReadConsistency.parse("all").copiesToAsk(3));
        assertEquals(3, ReadConsistency.parse("majority").copiesToAsk(3));
        assertEquals(2, ReadConsistency.parse("quorum").copiesToAsk(3));
        assertEquals(3, ReadConsistency.parse("quorum").copiesToAsk(4));
        assertEquals(1, ReadConsistency.parse("all").copiesToAsk(1));
    }

    @Test
    void onlyMajorityAcceptsItemsSomeAnswersLack() {
        assertEquals(3, ReadConsistency.parse("all").agreement(3));
        assertEquals(2, ReadConsistency.parse("quorum").agreement(2));
        assertEquals(2, ReadConsistency.parse("majority").agreement(3));
        assertEquals(3, ReadConsistency.parse("majority").agreement(4));
        assertEquals(2, ReadConsistency.parse("2").agreement(2));
    }
}
