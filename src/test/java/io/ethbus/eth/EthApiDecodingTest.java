package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.primitives.InvalidHexException;
import io.ethbus.rpc.MalformedResponseException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edge cases of the proof, simulation and txpool decoders: shapes a real node rarely sends. */
class EthApiDecodingTest {
    static final Address SENDER = Address.ofAnyCase("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    @Test
    void txpoolNoncesComeBackInNumericOrderWhateverTheNodesOrder() {
        TxpoolInspect pool = TxpoolInspect.fromJson(Json.parse("""
                {"pending":{"0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266":{"10":"b","9":"a","100":"c"}}}
                """));
        assertEquals(List.of(BigInteger.valueOf(9), BigInteger.TEN, BigInteger.valueOf(100)),
                List.copyOf(pool.pending().get(SENDER).keySet()));
        assertTrue(pool.queued().isEmpty(), "an absent queued map is empty");
    }

    @Test
    void txpoolRejectsANonceThatIsNotDecimalAndASenderThatIsNotAnAddress() {
        MalformedResponseException hexNonce = assertThrows(MalformedResponseException.class, () -> TxpoolInspect.fromJson(
                Json.parse("{\"pending\":{\"" + SENDER.toHex() + "\":{\"0x1\":\"a\"}},\"queued\":{}}")));
        assertTrue(hexNonce.getMessage().contains("txpoolInspect.pending." + SENDER.toHex() + ".0x1"), hexNonce.getMessage());
        InvalidAddressException sender = assertThrows(InvalidAddressException.class, () -> TxpoolInspect.fromJson(
                Json.parse("{\"pending\":{\"0x1234\":{\"1\":\"a\"}},\"queued\":{}}")));
        assertTrue(sender.getMessage().startsWith("txpoolInspect.pending"), sender.getMessage());
        MalformedResponseException notAnObject = assertThrows(MalformedResponseException.class,
                () -> TxpoolContent.fromJson(Json.parse("{\"pending\":[],\"queued\":{}}")));
        assertTrue(notAnObject.getMessage().contains("txpoolContent.pending must be an object"), notAnObject.getMessage());
    }

    @Test
    void txpoolStatusNeedsBothCounts() {
        assertEquals(new TxpoolStatus(3, 0), TxpoolStatus.fromJson(Json.parse("{\"pending\":\"0x3\",\"queued\":\"0x0\"}")));
        assertThrows(MalformedResponseException.class, () -> TxpoolStatus.fromJson(Json.parse("{\"pending\":\"0x3\"}")));
    }

    @Test
    void simulatedCallFailureKeepsTheRevertData() {
        SimulatedCall call = SimulatedCall.fromJson(Json.parse("""
                {"status":"0x0","returnData":"0x08c379a0","gasUsed":"0x5a3c","logs":[],
                 "error":{"code":3,"message":"execution reverted","data":"0x08c379a0"}}
                """));
        assertEquals(new SimulatedCall.Failure(3, "execution reverted", Bytes.of("0x08c379a0")), call.error());
        SimulatedCall noData = SimulatedCall.fromJson(Json.parse("""
                {"status":"0x0","returnData":"0x","gasUsed":"0x520e","logs":[],"error":{"code":-32015,"message":"out of gas"}}
                """));
        assertNull(noData.error().data());
        assertEquals(-32015, noData.error().code());
    }

    @Test
    void simulatedCallErrorWithAHexCodeIsMalformed() {
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> SimulatedCall.fromJson(Json.parse("""
                {"status":"0x0","returnData":"0x","gasUsed":"0x1","logs":[],"error":{"code":"0x3","message":"m"}}
                """)));
        assertTrue(e.getMessage().contains("simulatedCall.error.code"), e.getMessage());
    }

    @Test
    void storageProofValueOfMoreThan256BitsNamesTheField() {
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> StorageProof.fromJson(Json.parse(
                "{\"key\":\"0x" + "00".repeat(32) + "\",\"value\":\"0x1" + "0".repeat(64) + "\",\"proof\":[]}")));
        assertTrue(e.getMessage().startsWith("storageProof.value"), e.getMessage());
    }
}
