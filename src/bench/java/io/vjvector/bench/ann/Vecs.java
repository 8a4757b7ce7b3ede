package io.vjvector.bench.ann;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fvecs / ivecs files of the ANN benchmarks: per vector, its length then its values, little-endian. */
final class Vecs {

    private Vecs() {
    }

    static void writeFvecs(Path file, float[][] vectors) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (float[] v : vectors) {
                ByteBuffer b = ByteBuffer.allocate(4 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(v.length);
                for (float x : v) {
                    b.putFloat(x);
                }
                out.write(b.array());
            }
        }
    }

    static void writeIvecs(Path file, int[][] rows) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int[] row : rows) {
                ByteBuffer b = ByteBuffer.allocate(4 + 4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(row.length);
                for (int x : row) {
                    b.putInt(x);
                }
                out.write(b.array());
            }
        }
    }

    static float[][] readFvecs(Path file) throws IOException {
        return (float[][]) read(file, true);
    }

    static int[][] readIvecs(Path file) throws IOException {
        return (int[][]) read(file, false);
    }

    private static Object read(Path file, boolean floats) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
             DataInputStream in = new DataInputStream(raw)) {
            byte[] head = new byte[4];
            in.readFully(head);
            int dim = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int rows = (int) (Files.size(file) / (4L + 4L * dim));
            float[][] f = floats ? new float[rows][dim] : null;
            int[][] i = floats ? null : new int[rows][dim];
            byte[] body = new byte[4 * dim];
            for (int r = 0; r < rows; r++) {
                if (r > 0) {
                    in.readFully(head);
                }
                in.readFully(body);
                ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < dim; c++) {
                    if (floats) {
                        f[r][c] = b.getFloat();
                    } else {
                        i[r][c] = b.getInt();
                    }
                }
            }
            return floats ? f : i;
        }
    }
}
