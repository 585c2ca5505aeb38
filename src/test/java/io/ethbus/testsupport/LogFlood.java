package io.ethbus.testsupport;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.client.EthClient;

import java.math.BigInteger;

import static io.ethbus.testsupport.Await.result;

/**
 * A hand-assembled contract for large-payload tests: a call whose input is a 32-byte count
 * {@code n} emits {@code n} logs LOG2(data = i, TOPIC, i) for i = 0..n-1. One log costs about
 * 1,450 gas, so a 30M-gas block holds about 20,000 of them; their eth_getLogs JSON is about
 * 600 bytes each.
 */
public final class LogFlood {
    /** The event topic every log carries; any 32 bytes would do. */
    public static final String TOPIC = "f100d000000000000000000000000000000000000000000000000000000000f1";
    /**
     * Runtime: n = CALLDATALOAD(0); for (i = 0; i < n; i++) { MSTORE(0, i); LOG2(0, 32, TOPIC, i) }.
     * Byte offsets: the loop head is at 0x05, the exit at 0x3e.
     */
    public static final String RUNTIME = "600035" + "6000"        // n, i
            + "5b" + "80" + "82" + "11" + "15" + "603e" + "57"     // loop: if !(n > i) goto exit
            + "80" + "6000" + "52"                                 // MSTORE(0, i)
            + "80" + "7f" + TOPIC + "6020" + "6000" + "a2"         // LOG2(0, 32, TOPIC, i)
            + "6001" + "01" + "6005" + "56"                        // i++, goto loop
            + "5b" + "00";                                         // exit: STOP
    /** Init code: CODECOPY the 0x40 runtime bytes that follow it, RETURN them. */
    public static final String INIT = "604080600b6000396000f3";
    public static final String DEPLOY_INPUT = "0x" + INIT + RUNTIME;
    /** Gas for one transaction emitting {@code n} logs, with room to spare. */
    private static final long GAS_PER_LOG = 1_500;

    private LogFlood() {
    }

    /** Deploys the contract from {@code from} and returns its address once mined. */
    public static Address deploy(EthClient client, Address from) {
        Hash h = result(client.eth().sendTransaction(TransactionRequest.builder().from(from)
                .input(Bytes.of(DEPLOY_INPUT)).build()));
        return Address.of(Mined.receipt(client, h.toHex()).get("contractAddress").asText());
    }

    /** Sends one transaction emitting {@code logs} logs and waits until it is mined. */
    public static Hash flood(EthClient client, Address from, Address contract, int logs) {
        byte[] input = new byte[32];
        byte[] count = BigInteger.valueOf(logs).toByteArray();
        System.arraycopy(count, 0, input, 32 - count.length, count.length);
        Hash h = result(client.eth().sendTransaction(TransactionRequest.builder().from(from).to(contract)
                .gas(BigInteger.valueOf(60_000 + GAS_PER_LOG * logs)).input(Bytes.wrap(input)).build()));
        Mined.receipt(client, h.toHex());
        return h;
    }
}
