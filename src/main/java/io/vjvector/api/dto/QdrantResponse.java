package io.vjvector.api.dto;

/** Qdrant's success envelope: {@code {"result": ..., "status": "ok", "time": seconds}}. */
public record QdrantResponse<T>(T result, String status, double time) implements Timed {

    public static <T> QdrantResponse<T> ok(T result) {
        return new QdrantResponse<>(result, "ok", 0);
    }

    @Override
    public QdrantResponse<T> withTime(double seconds) {
        return new QdrantResponse<>(result, status, seconds);
    }
}
