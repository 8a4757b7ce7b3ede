package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.CreateCollectionBody;
import io.vjvector.api.dto.HnswConfigBody;
import io.vjvector.api.dto.UpdateCollectionBody;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionParamsUpdate;
import io.vjvector.collection.CollectionSettings;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.collection.QuantizationSettings;
import io.vjvector.collection.TextConfig;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.index.Distance;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns create/update collection bodies into {@link CollectionParams}, filling configured defaults. */
@ApplicationScoped
public class CollectionParamsReader {

    static final String DISTANCES = Arrays.stream(Distance.values()).map(Distance::qdrantName)
            .collect(Collectors.joining(", "));
    /** Members of a single-vector {@code vectors} object that VJVector implements. */

    private final VJVectorConfig.CollectionDefaults defaults;
    private final RequestLimits limits;

    public CollectionParamsReader(VJVectorConfig config, RequestLimits limits) {
        this.defaults = config.collections();
        this.limits = limits;
    }

    public CollectionParams create(CreateCollectionBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object with \"vectors\": {\"size\", \"distance\"} is required");
        }
        UnknownFields.reject(body.unknown(), "");
        OptimizerSettings.OptimizersDiff optimizers = OptimizersConfig.read(body.optimizersConfig());
        QuantizationSettings quantization = QuantizationConfigReader.read(body.quantizationConfig(),
                "quantization_config", false);
        if (body.shardingMethod() != null && !body.shardingMethod().equals("auto")) {
            throw VJVectorException.badRequest("sharding_method", "only \"auto\" is supported");
        }
        TextConfig text = TextConfigReader.read(body.textConfig());
        boolean vectorsGiven = JsonValues.present(body.vectors()) || JsonValues.present(body.sparseVectors());
        VectorsConfig vectors = text != null && !vectorsGiven ? TextConfigReader.vectors(text, null, false)
                : VectorsConfigReader.read(body.vectors(), body.sparseVectors(), limits);
        if (text != null && vectorsGiven) {
            TextConfigReader.vectors(text, vectors, true);
        }

        HnswConfigBody hnsw = body.hnswConfig();
        rejectUnsupportedHnsw(hnsw);
        CollectionSettings settings = CollectionSettingsReader.create(body.onDiskPayload(), hnsw, body.walConfig(),
                body.strictModeConfig(), body.metadata());
        if (text != null) {
            settings = new CollectionSettings(settings.onDiskPayload(), settings.hnsw(), settings.wal(),
                    settings.strictMode(), settings.metadata(), text);
        }
        return new CollectionParams(0, null,
                limits.shardNumber(orDefault(body.shardNumber(), defaults.shardNumber()), "shard_number"),
                orDefault(body.replicationFactor(), 1),
                orDefault(body.writeConsistencyFactor(), 1),
                hnsw == null ? defaults.hnswM() : orDefault(hnsw.m(), defaults.hnswM()),
                hnsw == null ? defaults.hnswEfConstruct() : orDefault(hnsw.efConstruct(), defaults.hnswEfConstruct()),
                hnsw == null ? defaults.fullScanThreshold()
                        : orDefault(hnsw.fullScanThreshold(), defaults.fullScanThreshold()),
                optimizers.over(new OptimizerSettings(defaults.deletedThreshold(), defaults.vacuumMinVectorNumber())),
                settings, vectors, quantization);
    }

    /**
     * The collection whose points a new collection starts with (Qdrant's {@code init_from}), or null.
     *
     * @throws VJVectorException BAD_REQUEST when {@code init_from} is not {@code {"collection": name}}
     */
    public String initFrom(CreateCollectionBody body) {
        return body == null ? null : CollectionSettingsReader.initFrom(body.initFrom());
    }

    public CollectionParamsUpdate update(UpdateCollectionBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object is required");
        }
        UnknownFields.reject(body.unknown(), "");
        Map<String, QuantizationSettings> vectorQuantization = vectorsDiff(body.vectors());
        OptimizerSettings.OptimizersDiff optimizers = OptimizersConfig.read(body.optimizersConfig());
        QuantizationSettings quantization = QuantizationConfigReader.read(body.quantizationConfig(),
                "quantization_config", true);
        UnsupportedOptions.reject(body.sparseVectors(), "sparse_vectors");
        UpdateCollectionBody.Params params = body.params();
        if (params != null) {
            UnknownFields.reject(params.unknown(), "params");
            UnsupportedOptions.reject(params.readFanOutFactor(), "params.read_fan_out_factor");
            UnsupportedOptions.reject(params.readFanOutDelayMs(), "params.read_fan_out_delay_ms");
        }
        HnswConfigBody hnsw = body.hnswConfig();
        rejectUnsupportedHnsw(hnsw);
        return new CollectionParamsUpdate(
                params == null ? null : params.replicationFactor(),
                params == null ? null : params.writeConsistencyFactor(),
                hnsw == null ? null : hnsw.m(),
                hnsw == null ? null : hnsw.efConstruct(),
                hnsw == null ? null : hnsw.fullScanThreshold(),
                optimizers.deletedThreshold(),
                optimizers.vacuumMinVectorNumber(),
                CollectionSettingsReader.update(params == null ? null : params.onDiskPayload(), hnsw, optimizers,
                        body.strictModeConfig(), body.metadata()),
                quantization, vectorQuantization);
    }

    /**
     * Qdrant's {@code vectors} of a PATCH: per vector name, a VectorParamsDiff. VJVector applies its
     * {@code quantization_config}; changing a vector's {@code hnsw_config} or {@code on_disk} this
     * way is refused.
     */
    private static Map<String, QuantizationSettings> vectorsDiff(JsonNode vectors) {
        Map<String, QuantizationSettings> out = new LinkedHashMap<>();
        if (!JsonValues.present(vectors)) {
            return out;
        }
        if (!vectors.isObject()) {
            throw VJVectorException.badRequest("vectors", "must be a map of vector names to "
                    + "{\"quantization_config\"}");
        }
        vectors.fields().forEachRemaining(e -> {
            String at = field("vectors", e.getKey());
            JsonNode diff = e.getValue();
            if (diff == null || !diff.isObject()) {
                throw VJVectorException.badRequest(at, "must be an object {\"quantization_config\"}");
            }
            diff.fieldNames().forEachRemaining(name -> {
                if (name.equals("hnsw_config") || name.equals("on_disk")) {
                    UnsupportedOptions.reject(diff.get(name), field(at, name));
                } else if (!name.equals("quantization_config")) {
                    throw VJVectorException.badRequest(field(at, name), "unknown field; expected one of "
                            + "hnsw_config, on_disk, quantization_config");
                }
            });
            QuantizationSettings q = QuantizationConfigReader.read(diff.get("quantization_config"),
                    field(at, "quantization_config"), true);
            if (q != null) {
                out.put(e.getKey(), q);
            }
        });
        return out;
    }

    private static void rejectUnsupportedHnsw(HnswConfigBody hnsw) {
        if (hnsw != null) {
            UnknownFields.reject(hnsw.unknown(), "hnsw_config");
            UnsupportedOptions.rejectTrue(hnsw.inlineStorage(), field("hnsw_config", "inline_storage"));
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
