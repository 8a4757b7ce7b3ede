package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;

/** Booleans → ordinals; answers {@code match} {@code value} with a boolean. */
final class BoolIndex extends FieldIndex {

    private final OrdinalSet trues = new OrdinalSet();
    private final OrdinalSet falses = new OrdinalSet();

    BoolIndex(JsonPath path) {
        super(path, PayloadSchemaType.BOOL);
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        if (!value.isBoolean()) {
            return false;
        }
        (value.booleanValue() ? trues : falses).add(ordinal);
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        if (value.isBoolean()) {
            (value.booleanValue() ? trues : falses).remove(ordinal);
        }
    }

    @Override
    BitSet candidates(Match match) {
        if (!(match instanceof Match.Bool b)) {
            return null;
        }
        BitSet out = new BitSet();
        (b.value() ? trues : falses).orInto(out);
        return out;
    }

    @Override
    long estimate(Match match) {
        return match instanceof Match.Bool b ? (b.value() ? trues : falses).size() : -1;
    }
}
