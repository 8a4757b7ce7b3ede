package io.vjvector.engine.index.multi;

/**
 * A multivector (Qdrant's "multi-dense" vector): one or more rows of the same dimension, such as
 * the per-token embeddings of a late-interaction (ColBERT) model. The rows are not copied; callers
 * hand over arrays they no longer change.
 *
 * @param rows at least one row, every row of the same non-zero length, every value finite
 */
public record MultiVector(float[][] rows) {

    public MultiVector {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("a multivector needs at least one row");
        }
        int dimension = -1;
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            if (row == null || row.length == 0) {
                throw new IllegalArgumentException("row " + r + " of the multivector is empty");
            }
            if (dimension < 0) {
                dimension = row.length;
            } else if (row.length != dimension) {
                throw new IllegalArgumentException("every row of a multivector must have the same dimension: row "
                        + r + " has " + row.length + ", row 0 has " + dimension);
            }
            for (int i = 0; i < row.length; i++) {
                if (!Float.isFinite(row[i])) {
                    throw new IllegalArgumentException("row " + r + " of the multivector holds a non-finite value ("
                            + row[i] + ") at position " + i);
                }
            }
        }
    }

    /**
     * A checked multivector whose rows have {@code dimension} components.
     *
     * @throws IllegalArgumentException naming the broken rule: no rows, rows of different or wrong
     *                                  dimension, or a non-finite value
     */
    public static MultiVector of(float[][] rows, int dimension) {
        MultiVector v = new MultiVector(rows);
        if (v.dimension() != dimension) {
            throw new IllegalArgumentException("multivector rows have " + v.dimension()
                    + " dimensions, expected " + dimension);
        }
        return v;
    }

    public int rowCount() {
        return rows.length;
    }

    /** Components per row. */
    public int dimension() {
        return rows[0].length;
    }
}
