package io.ethbus.eth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.ResultReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Streaming counterparts of {@link ResultDecoders} for the results that grow large: lists of
 * logs or receipts, blocks with full transactions. They walk the answer with the parser and
 * build a tree for one element at a time only (one log, one transaction), which is then read
 * by the same {@code fromJson} as on the tree path: the records and the typed errors are the
 * same, and the memory held is the records plus one element, not a tree of the whole answer.
 */
final class ResultReaders {
    private ResultReaders() {
    }

    /** A JSON array read element by element; each element decoded by {@code fromJson}. */
    static <T> ResultReader<List<T>> list(Function<JsonNode, T> fromJson) {
        return p -> {
            expectArray(p);
            List<T> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(fromJson.apply(element(p)));
            }
            return List.copyOf(items);
        };
    }

    /**
     * A JSON array of logs, read as {@link #list} does; each log holds the values it shares
     * with the log before it (contract, event topic, block, transaction) as that log's
     * instances, so 200,000 logs of a few transactions do not carry 200,000 copies of each.
     */
    static ResultReader<List<Log>> logs() {
        return p -> {
            expectArray(p);
            List<Log> logs = new ArrayList<>();
            Log previous = null;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Log log = Log.fromJson(element(p));
                previous = previous == null ? log : log.sharingValuesOf(previous);
                logs.add(previous);
            }
            return List.copyOf(logs);
        };
    }

    /** JSON null (an unknown block, a pending receipt) becomes an empty Optional. */
    static <T> ResultReader<Optional<T>> optional(ResultReader<T> reader) {
        return p -> p.currentToken() == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(reader.read(p));
    }

    /**
     * A block, its {@code transactions} array streamed one transaction at a time when it holds
     * full objects; every other field (and an array of hashes) is small and read as a tree.
     */
    static Block block(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return Block.fromJson(element(p)); // not an object: the tree path words the error
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        List<Transaction> transactions = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("transactions") && p.currentToken() == JsonToken.START_ARRAY) {
                transactions = transactions(p, fields);
            } else {
                fields.set(name, element(p));
            }
        }
        return Block.fromJson(fields, transactions);
    }

    /**
     * A block's transactions as records when the first is an object; else (hashes, or
     * empty) null, with the array left in {@code fields} for the tree path.
     */
    private static List<Transaction> transactions(JsonParser p, ObjectNode fields) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            var array = fields.putArray("transactions");
            for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                array.add(element(p));
            }
            return null;
        }
        List<Transaction> out = new ArrayList<>();
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String path = "block.transactions[" + out.size() + "]";
            if (t == JsonToken.VALUE_NULL) {
                throw new MalformedResponseException(null, null, path + " is null");
            }
            out.add(Transaction.fromJson(element(p)));
        }
        return out;
    }

    private static void expectArray(JsonParser p) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedResponseException(null, null, "expected an array, got " + JsonRpcCodec.typeName(p.currentToken()));
        }
    }

    /** The value the parser stands on, as a tree (JSON null as a NullNode). */
    private static JsonNode element(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? NullNode.getInstance() : p.readValueAsTree();
    }
}
