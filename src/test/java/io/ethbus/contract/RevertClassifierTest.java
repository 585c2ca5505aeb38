package io.ethbus.contract;

import io.ethbus.abi.PanicKind;
import io.ethbus.abi.Revert;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.abi.Abi;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which node errors are reverts, where their data is, and how it decodes: the error shapes of several nodes, canned. */
class RevertClassifierTest {
    static final Abi ABI = Abi.parse("error InsufficientBalance(uint256 available, uint256 required)");
    static final RevertClassifier REVERTS = new RevertClassifier(ABI);
    static final String CUSTOM = ABI.error("InsufficientBalance").encode(BigInteger.ONE, BigInteger.TWO).toHex();
    /** Panic(0x11) as solc emits it. */
    static final String OVERFLOW = "0x4e487b71" + "0".repeat(62) + "11";

    static RpcException error(int code, String message, String dataJson) {
        JsonNode data = dataJson == null ? null : read(dataJson);
        return new RpcException("eth_call", "http://node", new RpcError(code, message, data));
    }

    static JsonNode read(String json) {
        try {
            return JsonRpcCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static ContractRevertException revert(RpcException e) {
        return assertInstanceOf(ContractRevertException.class, REVERTS.classify(e));
    }

    @Test
    void code3WithHexDataAsGethRethAndAnvilSendIt() {
        ContractRevertException e = revert(error(3, "execution reverted", "\"" + CUSTOM + "\""));
        Revert.CustomError custom = assertInstanceOf(Revert.CustomError.class, e.revertReason());
        assertEquals(BigInteger.TWO, custom.args().getBigInteger("required"));
        assertEquals(3, e.code());
        assertEquals("eth_call", e.method());
        assertEquals("http://node", e.endpoint());
    }

    @Test
    void serverErrorsThatSpeakOfARevertWithTheDataAsStringOrObject() {
        assertInstanceOf(Revert.Panic.class,
                revert(error(-32000, "execution reverted", "\"" + OVERFLOW + "\"")).revertReason());
        Revert.Panic hardhat = assertInstanceOf(Revert.Panic.class, revert(error(-32000,
                "VM Exception while processing transaction: reverted",
                "{\"message\":\"reverted\",\"data\":\"" + OVERFLOW + "\"}")).revertReason());
        assertEquals(PanicKind.ARITHMETIC_OVERFLOW, hardhat.kind());
        ContractRevertException parity = revert(error(-32015, "VM execution error.", "\"Reverted " + CUSTOM + "\""));
        assertEquals(Bytes.of(CUSTOM), parity.revertData());
    }

    @Test
    void aRevertWithoutDataIsUndecodedAndEmpty() {
        ContractRevertException bare = revert(error(3, "execution reverted", null));
        assertEquals(new Revert.Unknown(Bytes.EMPTY), bare.revertReason());
        assertEquals(Bytes.EMPTY, revert(error(-32000, "execution reverted", "\"0x\"")).revertData());
    }

    @Test
    void unknownSelectorsBadBodiesAndUnknownPanicCodesStayReadable() {
        assertEquals(new Revert.Unknown(Bytes.of("0xdeadbeef")), revert(error(3, "execution reverted", "\"0xdeadbeef\"")).revertReason());
        // Error(string)'s selector with a body cut short: kept as data, no exception from the decoder
        assertInstanceOf(Revert.Unknown.class, revert(error(3, "execution reverted", "\"0x08c379a000\"")).revertReason());
        Revert.Panic odd = assertInstanceOf(Revert.Panic.class,
                revert(error(3, "execution reverted", "\"0x4e487b71" + "0".repeat(62) + "99\"")).revertReason());
        assertEquals(PanicKind.UNKNOWN, odd.kind());
        assertEquals(BigInteger.valueOf(0x99), odd.code());
    }

    @Test
    void otherErrorsPassUnchanged() {
        RpcException funds = error(-32000, "insufficient funds for gas * price + value", null);
        assertSame(funds, REVERTS.classify(funds));
        RpcException notHex = error(-32000, "nonce too low", "\"not hex\"");
        assertSame(notHex, REVERTS.classify(notHex));
        RpcException method = error(-32601, "method not found", null);
        assertSame(method, REVERTS.classify(method));
        ProviderTimeoutException timeout = new ProviderTimeoutException("eth_call", "http://node", Duration.ofSeconds(1), null);
        assertSame(timeout, REVERTS.classify(timeout));
    }
}
