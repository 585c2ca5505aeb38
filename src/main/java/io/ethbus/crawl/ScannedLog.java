package io.ethbus.crawl;

import io.ethbus.eth.Log;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.util.ArrayList;
import java.util.List;

/**
 * One log as the crawl read and checked it (a {@link Dataset#LOGS} row), offered to the event
 * decoders: its position, and the {@link Log} the ABI code decodes, made once for every decoder
 * that looks at it and only when one does. Used by one thread at a time.
 */
public final class ScannedLog {
    /** block_number .. address: the columns every event row starts with. */
    static final int POSITION_COLUMNS = 7;
    private static final int ADDRESS = 6;
    private static final int TOPIC0 = 7;
    private static final int DATA = 11;

    private final Row row;
    private Log log;

    ScannedLog(Row row) {
        this.row = row;
    }

    /** The first topic, lowercase 0x hex, or null when the log has none. */
    public String topic0() {
        return (String) row.get(TOPIC0);
    }

    /** The emitting contract, lowercase 0x hex. */
    public String address() {
        return (String) row.get(ADDRESS);
    }

    /**
     * A new row array of {@code width} values whose first {@value #POSITION_COLUMNS} are the log's
     * position (block number, hash and time, transaction index and hash, log index, address).
     */
    public Object[] positionRow(int width) {
        Object[] out = new Object[width];
        for (int i = 0; i < POSITION_COLUMNS; i++) {
            out[i] = row.get(i);
        }
        return out;
    }

    /** The address, topics and data as a {@link Log}, what {@link io.ethbus.abi.AbiEvent#decode} reads. */
    public Log log() {
        if (log == null) {
            List<Hash> topics = new ArrayList<>(4);
            for (int i = TOPIC0; i < DATA && row.get(i) != null; i++) {
                topics.add(Hash.of((String) row.get(i)));
            }
            // the values were checked as hex when the log was read: these cannot fail
            log = new Log(Address.ofAnyCase(address()), topics, Bytes.of((String) row.get(DATA)),
                    null, null, null, null, null, false, null);
        }
        return log;
    }
}
