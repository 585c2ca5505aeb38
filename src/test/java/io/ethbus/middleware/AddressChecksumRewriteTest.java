package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.rpc.RawJson;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streamed checksum rewrite of large results: only the given places change, each address in EIP-55 form. */
class AddressChecksumRewriteTest {
    static final String A = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String B = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    final AddressChecksumRewrite logs = new AddressChecksumRewrite(Set.of("[].address"));

    @Test
    void writesEveryAddressAtItsPlacesInChecksumFormAndLeavesTheRestAsItWas() {
        String raw = "[{\"address\":\"" + A.toLowerCase() + "\",\"data\":\"" + B.toLowerCase() + "\",\"logIndex\":\"0x0\"},"
                + "{\"address\":\"" + B.toUpperCase().replace("0X", "0x") + "\",\"topics\":[\"0xAB\"]},"
                + "{\"address\":\"" + A.toLowerCase() + "\"},{\"address\":\"" + A + "\"}]";
        JsonNode out = logs.apply(RawJson.of(raw)).toTree();
        assertEquals(A, out.get(0).get("address").asText());
        assertEquals(B.toLowerCase(), out.get(0).get("data").asText(), "not a place: as it was");
        assertEquals(B, out.get(1).get("address").asText());
        assertEquals("0xAB", out.get(1).get("topics").get(0).asText());
        assertEquals(A, out.get(2).get("address").asText());
        assertEquals(A, out.get(3).get("address").asText());
        assertTrue(Address.isValidChecksum(out.get(2).get("address").asText()));
    }

    @Test
    void anInvalidAddressIsATypedErrorAlsoAfterValidOnes() {
        String raw = "[{\"address\":\"" + A.toLowerCase() + "\"},{\"address\":\"0x1234\"}]";
        assertThrows(InvalidAddressException.class, () -> logs.apply(RawJson.of(raw)));
        String repeatedBad = "[{\"address\":\"0xzz" + "0".repeat(38) + "\"},{\"address\":\"0xzz" + "0".repeat(38) + "\"}]";
        assertThrows(InvalidAddressException.class, () -> logs.apply(RawJson.of(repeatedBad)));
    }
}
