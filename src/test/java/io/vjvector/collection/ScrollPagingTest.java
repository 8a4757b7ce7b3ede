package io.vjvector.collection;

import static io.vjvector.collection.Collections.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScrollPagingTest {

    private static List<PointId> scrollAll(LocalCollectionService service, Filter filter, int pageSize) {
        List<PointId> seen = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollResult page = service.scroll("s", new ScrollRequest(filter, pageSize, offset, WithPayload.ALL, false));
            assertTrue(page.points().size() <= pageSize);
            page.points().forEach(p -> {
                assertNotNull(p.payload());
                if (filter != null) {
                    assertTrue(filter.test(p.id(), p.payload()), "scroll returned a point outside its filter");
                }
                seen.add(p.id());
            });
            if (page.nextPageOffset() != null) {
                assertEquals(pageSize, page.points().size(), "only the last page may be short");
            }
            offset = page.nextPageOffset();
        } while (offset != null);
        return seen;
    }

    @Test
    void pagesVisitEveryPointExactlyOnceInIdOrderAcrossShards() {
        LocalCollectionService service = Collections.service();
        service.create("s", Collections.params(3, Distance.DOT, 3, 10_000));
        List<PointStruct> points = new ArrayList<>(Collections.randomPoints(250, 3, new Random(5)));
        for (int i = 0; i < 20; i++) {
            points.add(new PointStruct(PointId.of(new UUID(i * 31L, i)), new float[] {1, 2, 3},
                    JsonNodeFactory.instance.objectNode().put("color", "red")));
        }
        service.upsert("s", points);
        List<PointId> expected = points.stream().map(PointStruct::id).sorted().toList();
        for (int pageSize : new int[] {1, 7, 50, 270, 1000}) {
            assertEquals(expected, scrollAll(service, null, pageSize), "page size " + pageSize);
        }
    }

    @Test
    void filteredPagesVisitEveryMatchExactlyOnceWithAndWithoutAnIndex() {
        LocalCollectionService service = Collections.service();
        service.create("s", Collections.params(3, Distance.DOT, 3, 10_000));
        List<PointStruct> points = Collections.randomPoints(400, 3, new Random(9));
        service.upsert("s", points);
        Filter red = filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
        List<PointId> expected = points.stream().filter(p -> red.test(p.id(), p.payload())).map(PointStruct::id).sorted().toList();
        assertEquals(expected.size(), service.count("s", red));
        assertEquals(expected, scrollAll(service, red, 13));
        service.createFieldIndex("s", "color", PayloadSchemaType.KEYWORD);
        assertEquals(expected, scrollAll(service, red, 13));
        assertEquals(expected.size(), service.count("s", red));
        Set<PointId> distinct = new HashSet<>(scrollAll(service, red, 1));
        assertEquals(expected.size(), distinct.size());
    }

    @Test
    void lastPageHasNoNextOffsetAndAnOffsetPastTheEndIsEmpty() {
        LocalCollectionService service = Collections.service();
        service.create("s", Collections.params(3, Distance.DOT, 2, 10_000));
        service.upsert("s", Collections.randomPoints(10, 3, new Random(1)));
        ScrollResult all = service.scroll("s", new ScrollRequest(null, 10, null, WithPayload.NONE, true));
        assertEquals(10, all.points().size());
        assertNull(all.nextPageOffset());
        assertNotNull(all.points().get(0).vector());
        ScrollResult past = service.scroll("s", new ScrollRequest(null, 10, PointId.of(10), WithPayload.NONE, false));
        assertTrue(past.points().isEmpty());
        assertNull(past.nextPageOffset());
    }
}
