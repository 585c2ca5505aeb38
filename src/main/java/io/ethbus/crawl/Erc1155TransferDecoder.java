package io.ethbus.crawl;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiValues;
import io.ethbus.eth.Log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.ethbus.crawl.ColumnType.DECIMAL;
import static io.ethbus.crawl.ColumnType.HEX;
import static io.ethbus.crawl.ColumnType.INT64;

/**
 * ERC-1155 transfers, single and batch, as one dataset: a row per (id, value) pair, with its
 * position in the log ({@code batch_index}: in a TransferBatch's lists, 0 for a TransferSingle, so that
 * (block, log index, batch index) places every row). A batch whose ids and
 * values differ in number is no transfer and gives no row.
 */
final class Erc1155TransferDecoder implements LogDecoder {
    private static final Abi ERC1155 = Abi.parse(
            "event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)",
            "event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)");
    private static final AbiEvent SINGLE = ERC1155.event("TransferSingle");
    private static final AbiEvent BATCH = ERC1155.event("TransferBatch");
    private static final List<Column> COLUMNS;

    static {
        List<Column> c = new ArrayList<>(EventColumns.POSITION);
        c.add(new Column("operator", HEX, "address allowed to move the tokens that made the transfer"));
        c.add(new Column("from_address", HEX, "sender; the zero address for a mint"));
        c.add(new Column("to_address", HEX, "recipient; the zero address for a burn"));
        c.add(new Column("token_id", DECIMAL, "token id"));
        c.add(new Column("value", DECIMAL, "amount of the token moved"));
        c.add(new Column("batch_index", INT64, "position of the (id, value) pair in its log: in a TransferBatch's lists, 0 for a TransferSingle"));
        COLUMNS = List.copyOf(c);
    }

    private final Set<String> contracts;

    /** {@code contracts}: lowercase 0x addresses, empty for any. */
    Erc1155TransferDecoder(Set<String> contracts) {
        this.contracts = Set.copyOf(contracts);
    }

    @Override
    public List<String> topic0s() {
        return List.of(SINGLE.topic0().toHex(), BATCH.topic0().toHex());
    }

    @Override
    public Set<String> contracts() {
        return contracts;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void decode(ScannedLog scanned, List<Row> out) {
        Log log = scanned.log();
        boolean single = SINGLE.matches(log);
        if (!single && !BATCH.matches(log)) {
            return;
        }
        AbiValues args;
        try {
            args = (single ? SINGLE : BATCH).decode(log).args();
        } catch (AbiDecodingException e) {
            return; // the topics fit but the data is another event's
        }
        if (single) {
            out.add(row(scanned, args, args.get(3), args.get(4), 0L));
            return;
        }
        List<Object> ids = args.getList(3);
        List<Object> values = args.getList(4);
        if (ids.size() != values.size()) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            out.add(row(scanned, args, ids.get(i), values.get(i), (long) i));
        }
    }

    private static Row row(ScannedLog scanned, AbiValues args, Object id, Object value, Long batchIndex) {
        Object[] row = scanned.positionRow(COLUMNS.size());
        int p = ScannedLog.POSITION_COLUMNS;
        row[p] = args.getAddress(0).toHex();
        row[p + 1] = args.getAddress(1).toHex();
        row[p + 2] = args.getAddress(2).toHex();
        row[p + 3] = id.toString();
        row[p + 4] = value.toString();
        row[p + 5] = batchIndex;
        return new Row(Arrays.asList(row));
    }
}
