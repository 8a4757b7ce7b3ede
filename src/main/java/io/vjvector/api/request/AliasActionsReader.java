package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.ChangeAliasesBody;
import io.vjvector.collection.AliasAction;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads Qdrant's alias actions: each element of {@code actions} is an object with exactly one of
 * {@code create_alias}, {@code delete_alias}, {@code rename_alias}. Names must be strings; whether
 * they are valid and exist is the collection service's to say.
 */
public final class AliasActionsReader {

    private static final String KINDS = "create_alias, delete_alias, rename_alias";

    private AliasActionsReader() {
    }

    public static List<AliasAction> read(ChangeAliasesBody body) {
        if (body == null || !JsonValues.present(body.actions())) {
            throw VJVectorException.badRequest("actions", "is required: a list of " + KINDS + " actions");
        }
        if (!body.actions().isArray()) {
            throw VJVectorException.format("actions", "must be a list");
        }
        List<AliasAction> actions = new ArrayList<>();
        for (int i = 0; i < body.actions().size(); i++) {
            actions.add(action(body.actions().get(i), "actions[" + i + "]"));
        }
        return actions;
    }

    private static AliasAction action(JsonNode node, String at) {
        if (!node.isObject() || node.size() != 1) {
            throw VJVectorException.badRequest(at, "must be an object with exactly one of " + KINDS);
        }
        Iterator<String> names = node.fieldNames();
        String kind = names.next();
        JsonNode args = node.get(kind);
        String field = at + "." + kind;
        if (!args.isObject()) {
            throw VJVectorException.format(field, "must be an object");
        }
        return switch (kind) {
            case "create_alias" -> new AliasAction.Create(name(args, field, "collection_name"), name(args, field, "alias_name"));
            case "delete_alias" -> new AliasAction.Delete(name(args, field, "alias_name"));
            case "rename_alias" -> new AliasAction.Rename(name(args, field, "old_alias_name"),
                    name(args, field, "new_alias_name"));
            default -> throw VJVectorException.badRequest(at, "unknown action \"" + kind + "\"; expected one of " + KINDS);
        };
    }

    private static String name(JsonNode args, String at, String key) {
        JsonNode value = args.get(key);
        if (!JsonValues.present(value)) {
            throw VJVectorException.badRequest(at + "." + key, "is required");
        }
        if (!value.isTextual()) {
            throw VJVectorException.format(at + "." + key, "must be a string");
        }
        return value.textValue();
    }
}
