package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OrdinalSetTest {

    @Test
    void behavesAsASetThroughTheSparseToDenseSwitch() {
        long seed = System.nanoTime();
        System.out.println("OrdinalSetTest seed=" + seed);
        Random r = new Random(seed);
        for (int round = 0; round < 20; round++) {
            OrdinalSet set = new OrdinalSet();
            TreeSet<Integer> reference = new TreeSet<>();
            int universe = 1 + r.nextInt(r.nextBoolean() ? 100 : 100_000);
            for (int op = 0; op < 5_000; op++) {
                int o = r.nextInt(universe);
                String context = "seed=" + seed + " round=" + round + " op=" + op;
                if (r.nextInt(3) > 0) {
                    assertEquals(reference.add(o), set.add(o), context);
                } else {
                    assertEquals(reference.remove(o), set.remove(o), context);
                }
                assertEquals(reference.size(), set.size(), context);
                assertEquals(reference.contains(o), set.contains(o), context);
            }
            BitSet expected = new BitSet();
            reference.forEach(expected::set);
            BitSet actual = new BitSet();
            set.orInto(actual);
            assertEquals(expected, actual, "seed=" + seed + " round=" + round);
        }
    }

    @Test
    void appendsInIncreasingOrderAndSwitchesToABitmapWhenDense() {
        OrdinalSet set = new OrdinalSet();
        for (int i = 0; i < 1_000; i++) {
            set.add(i * 2);
        }
        assertEquals(1_000, set.size());
        set.remove(10);
        BitSet out = new BitSet();
        set.orInto(out);
        assertEquals(999, out.cardinality());
        assertEquals(false, out.get(10));
    }
}
