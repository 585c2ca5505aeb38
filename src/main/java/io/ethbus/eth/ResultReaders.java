package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.JsonCursor;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.ResultReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Streaming counterparts of {@link ResultDecoders} for the results that grow large: lists of
 * logs or receipts, blocks with full transactions. They walk the answer with a
 * {@link JsonCursor} and read each element (one log, one transaction) straight off it with
 * the record's member list ({@link RecordMembers}), through the same field reading as the
 * tree path's {@code fromJson}: the records and the typed errors are the same, and the memory
 * held is the records, not a tree of the answer or of an element.
 */
final class ResultReaders {
    private ResultReaders() {
    }

    /** A JSON array read element by element; each element read off the cursor by {@code element}. */
    static <T> ResultReader<List<T>> list(Function<JsonCursor, T> element) {
        return c -> {
            openArray(c);
            List<T> items = new ArrayList<>();
            for (boolean first = true; c.nextElement(first); first = false) {
                items.add(element.apply(c));
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
        return c -> {
            openArray(c);
            List<Log> logs = new ArrayList<>();
            Log previous = null;
            for (boolean first = true; c.nextElement(first); first = false) {
                Log log = Log.read(c);
                previous = previous == null ? log : log.sharingValuesOf(previous);
                logs.add(previous);
            }
            return List.copyOf(logs);
        };
    }

    /** JSON null (an unknown block, a pending receipt) becomes an empty Optional. */
    static <T> ResultReader<Optional<T>> optional(ResultReader<T> reader) {
        return c -> {
            if (c.peek() == 'n') {
                c.skipValue();
                return Optional.empty();
            }
            return Optional.of(reader.read(c));
        };
    }

    /**
     * A block, its {@code transactions} array streamed one transaction at a time when it holds
     * full objects; every other field (and an array of hashes) is small and read as a tree.
     */
    static Block block(JsonCursor c) {
        if (c.peek() != '{') {
            return Block.fromJson(c.readTree()); // not an object: the tree path words the error
        }
        c.next();
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        List<Transaction> transactions = null;
        for (boolean first = true; c.nextMember(first); first = false) {
            String name = c.name();
            if (name.equals("transactions") && c.peek() == '[') {
                transactions = transactions(c, fields);
            } else {
                fields.set(name, c.readTree());
            }
        }
        return Block.fromJson(fields, transactions);
    }

    /**
     * A block's transactions as records when the first is an object; else (hashes, or
     * empty) null, with the array left in {@code fields} for the tree path.
     */
    private static List<Transaction> transactions(JsonCursor c, ObjectNode fields) {
        c.next();
        if (!c.nextElement(true)) {
            fields.putArray("transactions");
            return null;
        }
        if (c.peek() != '{') {
            ArrayNode array = fields.putArray("transactions");
            for (boolean first = true; first || c.nextElement(false); first = false) {
                array.add(c.readTree());
            }
            return null;
        }
        List<Transaction> out = new ArrayList<>();
        for (boolean first = true; first || c.nextElement(false); first = false) {
            if (c.peek() == 'n') {
                throw new MalformedResponseException(null, null, "block.transactions[" + out.size() + "] is null");
            }
            out.add(Transaction.read(c));
        }
        return out;
    }

    private static void openArray(JsonCursor c) {
        if (c.peek() != '[') {
            throw new MalformedResponseException(null, null, "expected an array, got " + JsonCursor.kind(c.peek()));
        }
        c.next();
    }
}
