package io.ethbus.crawl;

import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.JsonRpcCodec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The eth_getLogs filter that finds every log the event datasets of a crawl may decode: the
 * union of their contracts and of their topic0s, either left out when one dataset takes any
 * (no contract filter, an anonymous event). Also what every log of the answer must satisfy.
 *
 * @param addresses lowercase 0x addresses; empty for any
 * @param topic0s   lowercase 0x topics; empty for any
 */
record LogQuery(Set<String> addresses, Set<String> topic0s) {
    LogQuery {
        addresses = Set.copyOf(addresses);
        topic0s = Set.copyOf(topic0s);
    }

    /** The query of the event datasets among {@code datasets}; null when there are none. */
    static LogQuery of(List<Dataset> datasets) {
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> topics = new LinkedHashSet<>();
        boolean anyAddress = false;
        boolean anyTopic = false;
        boolean some = false;
        for (Dataset d : datasets) {
            LogDecoder decoder = d.decoder();
            if (decoder == null) {
                continue;
            }
            some = true;
            anyAddress |= decoder.contracts().isEmpty();
            anyTopic |= decoder.topic0s().isEmpty();
            addresses.addAll(decoder.contracts());
            topics.addAll(decoder.topic0s());
        }
        if (!some) {
            return null;
        }
        return new LogQuery(anyAddress ? Set.of() : addresses, anyTopic ? Set.of() : topics);
    }

    /** The eth_getLogs parameter for blocks {@code first..last}. */
    ObjectNode filter(long first, long last) {
        ObjectNode f = JsonRpcCodec.mapper().createObjectNode().put("fromBlock", Hex.quantity(first))
                .put("toBlock", Hex.quantity(last));
        if (!addresses.isEmpty()) {
            ArrayNode a = f.putArray("address");
            addresses.forEach(a::add);
        }
        if (!topic0s.isEmpty()) {
            ArrayNode t = f.putArray("topics").addArray();
            topic0s.forEach(t::add);
        }
        return f;
    }

    /** True when a log of this contract and first topic is one the filter asked for. */
    boolean admits(String address, String topic0) {
        return (addresses.isEmpty() || addresses.contains(address)) && (topic0s.isEmpty() || topic0s.contains(topic0));
    }
}
