package io.ethbus.heads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiException;
import io.ethbus.eth.Log;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.Excerpt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events of one named log filter of the subscription configuration, decoded with the
 * filter's {@code abi}: a JSON ABI array, or an array of human-readable signatures. A log is
 * recognised by its topic0 (anonymous events, which a log does not name, are not); a log of
 * no event of the ABI is not an event to publish; a log whose topic0 is known but that does
 * not decode is counted and logged with its position, never published.
 */
final class NamedFilterEvents {
    private static final System.Logger LOG = System.getLogger(NamedFilterEvents.class.getName());

    private final String endpoint;
    private final String filterName;
    private final Abi abi;
    private final AtomicLong undecodable = new AtomicLong();

    private NamedFilterEvents(String endpoint, String filterName, Abi abi) {
        this.endpoint = endpoint;
        this.filterName = filterName;
        this.abi = abi;
    }

    /**
     * The events of {@code filter}, empty when it has no {@code abi}. Throws
     * {@link IllegalArgumentException} naming the filter when its {@code abi} is not an ABI.
     */
    static Optional<NamedFilterEvents> of(String endpoint, String filterName, JsonObject filter) {
        if (!filter.containsKey("abi")) {
            return Optional.empty();
        }
        String key = "endpoints." + endpoint + ".logs." + filterName + ".abi";
        Object config = filter.getValue("abi");
        if (!(config instanceof JsonArray entries) || entries.isEmpty()) {
            throw new IllegalArgumentException(key + ": expected a non-empty JSON ABI array or an array of signatures, got "
                    + (config == null ? "null" : config));
        }
        try {
            return Optional.of(new NamedFilterEvents(endpoint, filterName, read(entries)));
        } catch (AbiException | ClassCastException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Abi read(JsonArray entries) {
        if (entries.getValue(0) instanceof String) {
            String[] signatures = new String[entries.size()];
            for (int i = 0; i < signatures.length; i++) {
                signatures[i] = entries.getString(i); // a non-string among signatures: ClassCastException
            }
            return Abi.parse(signatures);
        }
        return Abi.fromJson(entries.encode());
    }

    /** The log's event as {@link DecodedEventJson} writes it; empty when it is none of the ABI's (by topic0 and topic count) or does not decode. */
    Optional<JsonObject> decode(ObjectNode logJson) {
        Log log;
        try {
            log = Log.fromJson(logJson);
        } catch (EthbusException e) {
            return skipped(e.getMessage(), "a log the node wrote as " + Excerpt.of(logJson.toString()));
        }
        try {
            // a log of another shape under a known topic0 is another contract's event: not ours, not counted
            return abi.eventOf(log).map(event -> DecodedEventJson.encode(event.decode(log)));
        } catch (AbiDecodingException e) {
            return skipped(e.getMessage(), log.position());
        }
    }

    private Optional<JsonObject> skipped(String reason, String position) {
        undecodable.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "logs." + filterName + " of " + endpoint + ": not published as an event, "
                + reason + ", at " + position);
        return Optional.empty();
    }

    /** Logs of a known event that did not decode. */
    long undecodable() {
        return undecodable.get();
    }

    String filterName() {
        return filterName;
    }
}
