package io.ethbus.testsupport;

import io.ethbus.client.EthClient;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import static io.ethbus.testsupport.Await.result;

/**
 * A delegate for EIP-7702 tests: runtime code that logs and returns 64 bytes,
 * {@code (address(this), msg.sender)}, so a call through a delegated account shows the code ran
 * as that account. ADDRESS 0 MSTORE, CALLER 0x20 MSTORE, LOG0(0, 0x40), RETURN(0, 0x40).
 */
public final class SelfAndCallerCode {
    public static final Bytes RUNTIME = Bytes.of("0x30600052336020526040600060406000a060406000f3");

    private SelfAndCallerCode() {
    }

    /** Puts the code at a fresh address of the dev chain (anvil_setCode) and returns the address. */
    public static Address install(EthClient client) {
        Address at = new Address(java.security.SecureRandom.getSeed(Address.LENGTH));
        result(client.request("anvil_setCode", at.toHex(), RUNTIME.toHex()));
        return at;
    }

    /** What a call from {@code caller} through {@code account} returns. */
    public static Bytes answer(Address account, Address caller) {
        return Bytes.of("0x" + "00".repeat(12) + account.toHex().substring(2) + "00".repeat(12) + caller.toHex().substring(2));
    }
}
