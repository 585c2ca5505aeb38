package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;

/**
 * Makes anvil switch branch: after evm_revert, the new branch starts with a block holding a
 * transaction the old one did not have. (Empty blocks re-mined with the same timestamp would
 * come out with the very same hashes: no reorg at all.)
 */
public final class Forks {
    private Forks() {
    }

    /** Reverts to {@code snapshot}, mines one block with a 1-wei transfer, then {@code moreBlocks} empty ones. */
    public static void revertAndFork(RpcCaller http, String snapshot, int moreBlocks) {
        if (!Await.result(http.request("evm_revert", snapshot)).asBoolean()) {
            throw new AssertionError("evm_revert " + snapshot + " refused");
        }
        JsonNode accounts = Await.result(http.request("eth_accounts"));
        String hash = Await.result(http.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                .put("from", accounts.get(0).asText()).put("to", accounts.get(1).asText()).put("value", "0x1"))).asText();
        Mined.receipt(http, hash);
        if (moreBlocks > 0) {
            Await.result(http.request("anvil_mine", "0x" + Integer.toHexString(moreBlocks)));
        }
    }
}
