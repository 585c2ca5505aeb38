package io.ethbus.crawl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainLinksTest {
    @Test
    void blocksThatLinkPassInAnyOrder() {
        ChainLinks links = new ChainLinks();
        assertNull(links.add(5, "0x05", "0x04"));
        assertNull(links.add(3, "0x03", "0x02"));
        assertNull(links.add(4, "0x04", "0x03"));
        assertNull(links.add(0, "0x00", "0x"));
        assertNull(links.add(6, "0x06", "0x05"));
    }

    @Test
    void aBlockOnAnotherBranchIsReportedFromEitherSide() {
        ChainLinks later = new ChainLinks();
        assertNull(later.add(10, "0xa", "0x9"));
        String broken = later.add(11, "0xb", "0xother");
        assertTrue(broken != null && broken.contains("block 11 has parent 0xother but block 10 was 0xa"), broken);

        ChainLinks earlier = new ChainLinks();
        assertNull(earlier.add(11, "0xb", "0xa"));
        String reported = earlier.add(10, "0xother", "0x9");
        assertTrue(reported != null && reported.contains("block 11 has parent 0xa but block 10 is 0xother"), reported);
    }

    @Test
    void aBlockThatDoesNotLinkIsNotKeptSoItsRereadIsCheckedAgain() {
        ChainLinks links = new ChainLinks();
        assertNull(links.add(10, "0xa", "0x9"));
        assertTrue(links.add(11, "0xbad", "0xother") != null);
        String again = links.add(11, "0xb", "0xother");
        assertTrue(again != null && again.contains("block 11 has parent 0xother but block 10 was 0xa"), again);
        assertNull(links.add(11, "0xb", "0xa"));
        assertNull(links.add(12, "0xc", "0xb"));
    }
}
