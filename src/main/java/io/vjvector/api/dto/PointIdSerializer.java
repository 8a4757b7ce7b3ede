package io.vjvector.api.dto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vjvector.engine.point.PointId;
import java.io.IOException;

/** Writes ids as Qdrant does: integers as JSON numbers (unsigned, up to 2^64-1), UUIDs as strings. */
public final class PointIdSerializer extends StdSerializer<PointId> {

    public PointIdSerializer() {
        super(PointId.class);
    }

    @Override
    public void serialize(PointId id, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (id instanceof PointId.Num n) {
            // Raw digits: a long above 2^63-1 would otherwise print negative.
            gen.writeNumber(Long.toUnsignedString(n.value()));
        } else {
            gen.writeString(id.toString());
        }
    }
}
