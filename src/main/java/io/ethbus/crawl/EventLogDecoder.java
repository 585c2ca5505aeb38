package io.ethbus.crawl;

import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiParam;
import io.ethbus.abi.DecodedEvent;
import io.ethbus.eth.Log;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One event's rows: a row per log that is this event (its topic0 unless anonymous, the number
 * of topics its indexed parameters take, data that decodes). ERC-20's and ERC-721's Transfer share a topic0 and differ by the
 * number of topics, so neither is taken for the other.
 */
final class EventLogDecoder implements LogDecoder {
    private final AbiEvent event;
    private final Set<String> contracts;
    private final List<Column> columns;
    private final ColumnType[] types;

    /** {@code contracts}: lowercase 0x addresses, empty for any. */
    EventLogDecoder(AbiEvent event, Set<String> contracts) {
        this.event = event;
        this.contracts = Set.copyOf(contracts);
        this.columns = EventColumns.of(event.inputs());
        this.types = event.inputs().stream().map(EventColumns::type).toArray(ColumnType[]::new);
    }

    @Override
    public List<String> topic0s() {
        return event.anonymous() ? List.of() : List.of(event.topic0().toHex());
    }

    @Override
    public Set<String> contracts() {
        return contracts;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void decode(ScannedLog scanned, List<Row> out) {
        Log log = scanned.log();
        if (!event.matches(log)) {
            return;
        }
        DecodedEvent decoded;
        try {
            decoded = event.decode(log);
        } catch (AbiDecodingException e) {
            return; // the topics fit but the data is another event's: not this event's row
        }
        Object[] row = scanned.positionRow(columns.size());
        List<AbiParam> params = event.inputs();
        for (int i = 0; i < params.size(); i++) {
            row[ScannedLog.POSITION_COLUMNS + i] = EventColumns.value(types[i], decoded.args().get(i));
        }
        out.add(new Row(Arrays.asList(row)));
    }
}
