package io.ethbus.eth;

import io.ethbus.rpc.JsonCursor;
import io.ethbus.rpc.MemberNames;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The member names one record's {@code fromJson} reads, so that a streaming reader can take
 * the record's JSON object straight off a {@link JsonCursor}: names are matched as bytes,
 * string values become Strings in one copy, and no tree is built for the object (nested
 * arrays and objects still are). Why: building a tree per transaction and looking its
 * fields up again by name was most of the typed client's decoding time. Members not listed
 * are stepped over; a name written with escapes is matched as decoded, as in a tree.
 */
final class RecordMembers {
    /** A member that was there with the value JSON null. */
    static final Object NULL = new Object();

    private final String type;
    private final MemberNames names;
    private final Map<String, Integer> index = new HashMap<>();

    private RecordMembers(String type, String... names) {
        this.type = type;
        this.names = MemberNames.of(names);
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
    }

    /** @param type names the record in errors, as {@link JsonFields#of} does */
    static RecordMembers of(String type, String... names) {
        return new RecordMembers(type, names);
    }

    /**
     * Reads the object at the cursor into fields; anything but an object is read as a tree,
     * so that the error is worded as on the tree path.
     */
    JsonFields read(JsonCursor c) {
        return read(c, -1, null);
    }

    /**
     * As {@link #read(JsonCursor)}, the value of member {@code nested} handed to {@code reader}
     * instead of kept (a tree of nested call frames would cost the heap a copy of the answer);
     * {@code reader} is not called when the member is absent. The fields hold JSON null for it.
     */
    JsonFields read(JsonCursor c, String nested, Consumer<JsonCursor> reader) {
        return read(c, slot(nested), reader);
    }

    private JsonFields read(JsonCursor c, int nestedSlot, Consumer<JsonCursor> reader) {
        if (c.peek() != '{') {
            return JsonFields.of(c.readTree(), type);
        }
        c.next();
        Object[] values = new Object[names.size()];
        for (boolean first = true; c.nextMember(first); first = false) {
            int slot = c.memberName(names);
            if (slot < 0) {
                c.skipValue();
                continue;
            }
            if (slot == nestedSlot) {
                reader.accept(c);
                values[slot] = NULL;
                continue;
            }
            switch (c.peek()) {
                case '"' -> values[slot] = c.string();
                case 'n' -> {
                    c.skipValue(); // checks the literal
                    values[slot] = NULL;
                }
                default -> values[slot] = c.readTree();
            }
        }
        return JsonFields.of(this, values);
    }

    String type() {
        return type;
    }

    /** The slot of {@code name}; asking for a name not listed is a mistake in the record's code. */
    int slot(String name) {
        Integer slot = index.get(name);
        if (slot == null) {
            throw new IllegalStateException(type + " reads '" + name + "', which its member list lacks");
        }
        return slot;
    }
}
