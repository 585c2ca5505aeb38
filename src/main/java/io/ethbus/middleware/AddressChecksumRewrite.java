package io.ethbus.middleware;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.ethbus.primitives.Address;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RawJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies a raw JSON result token by token, writing the address strings found at given
 * places in EIP-55 checksum form: the streaming form of {@link ValidationMiddleware}'s
 * result tidying, so that a large result (hundreds of thousands of logs) is never turned
 * into a tree on the node. A place is a path of field names where {@code []} stands for any
 * element of an array: {@code "miner"}, {@code "[].address"}, {@code "transactions[].from"}.
 */
record AddressChecksumRewrite(Set<String> places) {

    /** The rewritten copy of {@code result}; an invalid address fails with {@code InvalidAddressException}. */
    RawJson apply(RawJson result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(result.length() + 64);
        // one Keccak per distinct address: the logs of one answer mostly share a few contracts
        Map<String, String> checksummed = new HashMap<>();
        try (JsonParser p = result.parser(); JsonGenerator g = JsonRpcCodec.mapper().getFactory().createGenerator(out)) {
            Deque<String> containers = new ArrayDeque<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) {
                    containers.push(path(p.getParsingContext().getParent(), containers));
                    g.copyCurrentEvent(p);
                } else if (t.isStructEnd()) {
                    containers.pop();
                    g.copyCurrentEvent(p);
                } else if (t == JsonToken.VALUE_STRING && places.contains(path(p.getParsingContext(), containers))) {
                    g.writeString(checksummed.computeIfAbsent(p.getText().toLowerCase(Locale.ROOT),
                            lower -> Address.of(lower).toChecksumHex()));
                } else {
                    g.copyCurrentEventExact(p);
                }
            }
        } catch (IOException e) {
            // The codec has scanned the result already: not expected.
            throw new UncheckedIOException(e);
        }
        return RawJson.wrap(out.toByteArray());
    }

    /** The place of a value whose enclosing context is {@code context}. */
    private static String path(JsonStreamContext context, Deque<String> containers) {
        if (context.inRoot()) {
            return "";
        }
        String parent = containers.peek();
        if (context.inArray()) {
            return parent + "[]";
        }
        return parent.isEmpty() ? context.getCurrentName() : parent + "." + context.getCurrentName();
    }
}
