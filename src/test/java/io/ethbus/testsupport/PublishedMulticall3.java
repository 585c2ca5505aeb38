package io.ethbus.testsupport;

import io.ethbus.client.EthClient;
import io.ethbus.crypto.LegacyTransaction;
import io.ethbus.crypto.SignedTransaction;
import io.ethbus.crypto.TransactionDecoder;
import io.ethbus.multicall.Multicall3;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static io.ethbus.testsupport.Await.result;

/**
 * Multicall3 as every chain holds it: the published pre-signed deployment transaction (see
 * {@code src/test/resources/multicall3/README.md}), its init code run with {@code eth_call}, and the
 * runtime code that gives put at the canonical address with {@code anvil_setCode}. So the tests
 * call Multicall3's own bytecode, not a look-alike.
 */
public final class PublishedMulticall3 {
    /** The key that signed the deployment; at nonce 0 it creates the canonical address. */
    public static final Address DEPLOYER = Address.ofAnyCase("0x05f32b3cc3888453ff71b01135b34ff8e41263f2");
    private static final String RESOURCE = "/multicall3/deployment-transaction.hex";

    private PublishedMulticall3() {
    }

    /** The published transaction, decoded (strictly) by ethbus's own decoder. */
    public static SignedTransaction deploymentTransaction() {
        try (InputStream in = PublishedMulticall3.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return TransactionDecoder.decode(Bytes.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the deployment's init code returns on {@code client}'s chain: Multicall3's runtime code. */
    public static Bytes runtimeCode(EthClient client) {
        LegacyTransaction deployment = (LegacyTransaction) deploymentTransaction().transaction();
        // not from DEPLOYER: at nonce 0 it would create at the canonical address, which may already hold the code
        var call = JsonRpcCodec.mapper().createObjectNode().put("data", deployment.data().toHex());
        return Bytes.of(result(client.request("eth_call", call, "latest")).asText());
    }

    /** Puts Multicall3's runtime code at {@link Multicall3#CANONICAL_ADDRESS}; returns that code. */
    public static Bytes put(EthClient client) {
        Bytes code = runtimeCode(client);
        result(client.request("anvil_setCode", Multicall3.CANONICAL_ADDRESS.toHex(), code.toHex()));
        return code;
    }
}
