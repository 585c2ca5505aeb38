package io.ethbus.crawl;

import io.ethbus.abi.Abi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names and columns of event datasets, from signatures alone. */
class EventDatasetsTest {
    private static List<String> names(String... signatures) {
        return EventDatasets.of(List.of(signatures), List.of(), Set.of()).stream().map(Dataset::wireName).toList();
    }

    @Test
    void namesAreSnakeCaseAndUniqueAcrossOverloadsAndTopicCounts() {
        assertEquals(List.of("events_transfer_single", "events_erc20_approved", "events_nft_minted"),
                names("TransferSingle(address indexed operator, uint256 id)", "ERC20Approved(uint256 a)", "NFTMinted(uint256 id)"));
        String overload = Abi.parse("event Transfer(address to, uint256 value)").events().get(0).topic0().toHex().substring(2, 10);
        assertEquals(List.of("events_transfer_ddf252ad_3topics", "events_transfer_ddf252ad_4topics", "events_transfer_" + overload),
                names("Transfer(address indexed from, address indexed to, uint256 value)",
                        "event Transfer(address indexed from, address indexed to, uint256 indexed id)",
                        "Transfer(address to, uint256 value)"));
        assertEquals(List.of("events_transfer"), names("Transfer(address indexed from, address indexed to, uint256 value)",
                "event Transfer(address indexed a, address indexed b, uint256 c)"), "the same event twice is one dataset");
    }

    @Test
    void parameterColumnsAreTypedAndNamedApartFromThePosition() {
        Dataset d = EventDatasets.of(List.of("Shapes(uint56 a, uint64 b, int64 c, int256 d, bool e, string f, bytes32 g, "
                + "address address, uint256[] h, string indexed i, uint8)"), List.of(), Set.of()).get(0);
        List<Column> params = d.columns().subList(7, d.columns().size());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "param_address", "h", "i", "arg10"),
                params.stream().map(Column::name).toList());
        assertEquals(List.of(ColumnType.INT64, ColumnType.DECIMAL, ColumnType.INT64, ColumnType.DECIMAL, ColumnType.BOOLEAN,
                        ColumnType.STRING, ColumnType.HEX, ColumnType.HEX, ColumnType.JSON, ColumnType.HEX, ColumnType.INT64),
                params.stream().map(Column::type).toList());
        assertEquals(EventColumns.POSITION, d.columns().subList(0, 7));
    }

    @Test
    void builtInsAreDatasetsByName() {
        List<Dataset> builtIn = EventDatasets.builtIn(Set.of());
        assertEquals(List.of("erc20_transfers", "erc721_transfers", "erc1155_transfers"),
                builtIn.stream().map(Dataset::wireName).toList());
        assertEquals(List.of(builtIn.get(2), Dataset.BLOCKS), Dataset.parseList("erc1155_transfers,blocks", builtIn));
        CrawlConfigException e = assertThrows(CrawlConfigException.class, () -> Dataset.parseList("erc20_transfers"));
        assertTrue(e.getMessage().contains("unknown dataset 'erc20_transfers'"), e.getMessage());
    }
}
