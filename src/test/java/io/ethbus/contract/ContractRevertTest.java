package io.ethbus.contract;

import io.ethbus.abi.PanicKind;
import io.ethbus.abi.Revert;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.node.NodeVerticle;
import io.ethbus.primitives.Address;
import io.ethbus.rpc.RpcException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.function.Function;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reverts of TestToken on anvil, decoded: a custom error with its arguments, Error(string) and
 * panics 0x12 and 0x32; on eth_call, on eth_estimateGas and on a transaction mined with status 0
 * (an explicit gas limit skips estimation); directly and over the event bus.
 */
class ContractRevertTest extends OnTokenChain {
    /** Enough gas for any of TestToken's functions: given, so the transaction is mined even when it reverts. */
    static final BigInteger GAS = BigInteger.valueOf(300_000);

    EthClient busClient;

    @BeforeAll
    void startNode(DevChain dev) {
        JsonObject config = new JsonObject().put("defaultEndpoint", "anvil")
                .put("endpoints", new JsonObject().put("anvil", new JsonObject().put("url", dev.httpUrl())));
        result(chain.vertx.deployVerticle(new NodeVerticle(), new DeploymentOptions().setConfig(config)));
        busClient = EthClient.overEventBus(chain.vertx, "anvil");
    }

    /** The deployed token, reached directly or through a NodeVerticle over the event bus. */
    Contract token(String path) {
        Contract deployed = chain.deploy();
        return path.equals("direct") ? deployed : Contract.at(chain.vertx, deployed.address(), chain.abi, busClient).from(chain.dev);
    }

    /** The way a revert is met: eth_call, eth_estimateGas, or a mined transaction's replay. */
    static Future<?> run(Contract token, String how, String function, Object... args) {
        return switch (how) {
            case "call" -> token.call(function, args);
            case "estimateGas" -> token.estimateGas(function, args);
            default -> token.gas(GAS).sendAndWait(function, args);
        };
    }

    static ContractRevertException reverted(Future<?> future) {
        ContractRevertException e = assertInstanceOf(ContractRevertException.class, failure(future));
        assertInstanceOf(RpcException.class, e, "catch (RpcException e) still catches it");
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct/call", "direct/estimateGas", "direct/sendAndWait",
            "bus/call", "bus/estimateGas", "bus/sendAndWait"})
    void revertsAreDecodedWhereverTheyAreMet(String where) {
        String[] parts = where.split("/");
        Contract token = token(parts[0]);
        String how = parts[1];
        Address nobody = Address.of("0x000000000000000000000000000000000000dEaD");
        BigInteger tooMuch = TokenChain.SUPPLY.add(BigInteger.ONE);

        ContractRevertException custom = reverted(run(token, how, "transfer", nobody, tooMuch));
        Revert.CustomError error = assertInstanceOf(Revert.CustomError.class, custom.revertReason());
        assertEquals("InsufficientBalance", error.name());
        assertEquals(TokenChain.SUPPLY, error.args().getBigInteger("available"));
        assertEquals(tooMuch, error.args().getBigInteger("required"));
        assertEquals(chain.abi.error("InsufficientBalance").encode(TokenChain.SUPPLY, tooMuch), custom.revertData());
        assertTrue(custom.getMessage().contains("InsufficientBalance(available=" + TokenChain.SUPPLY), custom.getMessage());

        Revert.Reason message = assertInstanceOf(Revert.Reason.class,
                reverted(run(token, how, "mint", Address.ZERO, BigInteger.ONE)).revertReason());
        assertEquals("TestToken: mint to the zero address", message.reason());

        Revert.Panic byZero = assertInstanceOf(Revert.Panic.class,
                reverted(run(token, how, "divide", 1, 0)).revertReason());
        assertEquals(BigInteger.valueOf(0x12), byZero.code());
        assertEquals(PanicKind.DIVISION_BY_ZERO, byZero.kind());

        Revert.Panic outOfBounds = assertInstanceOf(Revert.Panic.class,
                reverted(run(token, how, "historyAt", chain.dev, 10)).revertReason());
        assertEquals(PanicKind.ARRAY_INDEX_OUT_OF_BOUNDS, outOfBounds.kind());
        assertEquals(0x32, outOfBounds.kind().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "bus"})
    void aRevertedTransactionIsMinedWithStatusZeroBeforeItsReasonIsReplayed(String path) {
        Contract token = token(path);
        long before = result(chain.client.eth().blockNumber());
        reverted(token.gas(GAS).sendAndWait("divide", 1, 0));
        long after = result(chain.client.eth().blockNumber());
        assertTrue(after > before, "a block was mined: the revert came from the receipt, not from an estimate");
        Function<Long, Boolean> hasFailed = n -> result(chain.client.eth().getBlockReceipts(io.ethbus.primitives.BlockId.number(n)))
                .orElseThrow().stream().anyMatch(r -> r.status() == 0);
        assertTrue(hasFailed.apply(after), "the mined receipt has status 0");
    }
}
