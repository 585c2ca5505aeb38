package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.InvalidAddressException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the two-level map the txpool methods answer with: sender address, then the nonce as a
 * decimal string, then one entry. The nonces come back in ascending order whatever order the
 * node wrote them in, since a sender's transactions are mined in nonce order.
 */
final class TxpoolSenders {
    private TxpoolSenders() {
    }

    /** The map under {@code name} of {@code f}; empty when absent. */
    static <T> Map<Address, Map<BigInteger, T>> read(JsonFields f, String name, JsonFields.ElementReader<T> entry) {
        JsonNode senders = f.optional(name);
        if (senders == null) {
            return Map.of();
        }
        String path = f.path(name);
        Map<Address, Map<BigInteger, T>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> sender : object(senders, path).properties()) {
            String senderPath = path + "." + sender.getKey();
            Address address;
            try {
                address = Address.ofAnyCase(sender.getKey());
            } catch (InvalidAddressException e) {
                throw new InvalidAddressException(path + ": " + e.getMessage());
            }
            Map<BigInteger, T> byNonce = new TreeMap<>();
            for (Map.Entry<String, JsonNode> tx : object(sender.getValue(), senderPath).properties()) {
                String txPath = senderPath + "." + tx.getKey();
                if (tx.getValue().isNull()) {
                    throw malformed(txPath + " is null");
                }
                byNonce.put(nonce(tx.getKey(), txPath), entry.read(tx.getValue(), txPath));
            }
            out.put(address, Collections.unmodifiableMap(byNonce));
        }
        return out;
    }

    private static JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw malformed(path + " must be an object, got " + Excerpt.of(node.toString()));
        }
        return node;
    }

    private static BigInteger nonce(String key, String path) {
        if (key.isEmpty() || key.length() > 20 || !key.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw malformed(path + ": nonce '" + Excerpt.of(key) + "' is not a decimal number");
        }
        return new BigInteger(key);
    }

    private static MalformedResponseException malformed(String reason) {
        return new MalformedResponseException(null, null, reason);
    }
}
