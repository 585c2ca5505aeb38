package io.ethbus.devchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiFunction;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.List;

/**
 * Fills a fresh anvil dev chain with a demo history to crawl: blocks of value transfers
 * between the dev accounts and ERC-20 {@code transfer} calls to a tiny token-like contract that emits
 * the standard {@code Transfer} log for each. Blocks are mined explicitly ({@code evm_mine}) with
 * automine off, so that each block packs several transactions; many blocks go in one batch.
 */
public final class DemoChainSeeder {
    /**
     * Creation code of the demo contract: the runtime below, which takes any call as
     * {@code transfer(address to, uint256 value)} and emits the standard ERC-20
     * {@code Transfer(caller, to, value)} log (LOG3: topics Transfer, caller, to; data value).
     */
    static final String CONTRACT_INIT = "0x603280600b6000396000f3"
            + "6020602460003760043533" + "7f" + "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef" + "60206000a300";
    /** The calls the demo sends to its contract. */
    private static final AbiFunction TRANSFER = Abi.parse("function transfer(address to, uint256 value)").function("transfer");
    /** keccak256("Transfer(address,address,uint256)") */
    public static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final int BLOCKS_PER_BATCH = 10;

    private final RpcCaller caller;
    private final List<String> accounts;

    /** @param accounts funded accounts the node signs for (anvil's dev accounts), at least two */
    public DemoChainSeeder(RpcCaller caller, List<String> accounts) {
        if (accounts.size() < 2) {
            throw new IllegalArgumentException("the demo needs at least two funded accounts");
        }
        this.caller = caller;
        this.accounts = List.copyOf(accounts);
    }

    /**
     * Deploys the contract (one block), then mines {@code blocks} blocks of
     * {@code transfersPerBlock} transfers and {@code callsPerBlock} contract calls each.
     * Completes with the new head.
     */
    public Future<Long> seed(int blocks, int transfersPerBlock, int callsPerBlock) {
        return deploy().compose(contract -> caller.request(RpcMethod.ANVIL_SET_AUTOMINE.wireName(), false)
                .compose(v -> nonces())
                .compose(nonces -> mineFrom(0, blocks, transfersPerBlock, callsPerBlock, contract, nonces))
                .compose(v -> drainPool(5))
                .eventually(() -> caller.request(RpcMethod.ANVIL_SET_AUTOMINE.wireName(), true)))
                .compose(v -> caller.request(RpcMethod.ETH_BLOCK_NUMBER.wireName()))
                .map(n -> Hex.toLong(n.asText()));
    }

    private Future<String> deploy() {
        ObjectNode tx = JsonNodeFactory.instance.objectNode()
                .put("from", accounts.get(0))
                .put("data", CONTRACT_INIT)
                .put("gas", Hex.quantity(200_000));
        return caller.request(RpcMethod.ETH_SEND_TRANSACTION.wireName(), tx)
                .compose(hash -> minedReceipt(hash.asText(), 10))
                .map(receipt -> {
                    JsonNode address = receipt.get("contractAddress");
                    if (address == null || address.isNull()) {
                        throw new DevChainException("the demo contract was not deployed: " + receipt);
                    }
                    return address.asText();
                });
    }

    /**
     * The receipt of {@code hash}, mining a block whenever it is not there yet: anvil may
     * answer a send before it has mined it. Bounded attempts, no waiting on a clock.
     */
    private Future<JsonNode> minedReceipt(String hash, int attemptsLeft) {
        return caller.request(RpcMethod.ETH_GET_TRANSACTION_RECEIPT.wireName(), hash).compose(receipt -> {
            if (receipt != null && !receipt.isNull()) {
                return Future.succeededFuture(receipt);
            }
            if (attemptsLeft <= 0) {
                return Future.failedFuture(new DevChainException("the demo contract was not mined: " + hash));
            }
            return caller.request(RpcMethod.EVM_MINE.wireName()).compose(v -> minedReceipt(hash, attemptsLeft - 1));
        });
    }

    /**
     * Mines until the pool is empty: anvil admits sent transactions asynchronously, so an
     * evm_mine can run before the last ones of its batch are in the pool. Bounded attempts.
     */
    private Future<Void> drainPool(int attemptsLeft) {
        return caller.request(RpcMethod.TXPOOL_STATUS.wireName()).compose(status -> {
            long pending = Hex.toLong(status.path("pending").asText("0x0"))
                    + Hex.toLong(status.path("queued").asText("0x0"));
            if (pending == 0 || attemptsLeft == 0) {
                return Future.succeededFuture();
            }
            return caller.request(RpcMethod.EVM_MINE.wireName()).compose(v -> drainPool(attemptsLeft - 1));
        });
    }

    /** The next nonce of every account: with automine off the node does not count queued transactions for us. */
    private Future<long[]> nonces() {
        Batch batch = caller.batch();
        List<Future<JsonNode>> counts = new java.util.ArrayList<>();
        for (String a : accounts) {
            counts.add(batch.add(RpcMethod.ETH_GET_TRANSACTION_COUNT.wireName(), a, "latest"));
        }
        return batch.send().compose(v -> Future.all(counts)).map(v -> {
            long[] nonces = new long[accounts.size()];
            for (int i = 0; i < nonces.length; i++) {
                nonces[i] = Hex.toLong(counts.get(i).result().asText());
            }
            return nonces;
        });
    }

    // one batch per BLOCKS_PER_BATCH blocks, sent one after the other: bounded recursion depth
    // because each step runs in a future callback, not on the caller's stack
    private Future<Void> mineFrom(int done, int blocks, int transfers, int calls, String contract, long[] nonces) {
        if (done >= blocks) {
            return Future.succeededFuture();
        }
        int count = Math.min(BLOCKS_PER_BATCH, blocks - done);
        Batch batch = caller.batch();
        List<Future<JsonNode>> answers = new java.util.ArrayList<>();
        for (int b = done; b < done + count; b++) {
            for (int t = 0; t < transfers; t++) {
                int sender = (b + t) % accounts.size();
                String from = accounts.get(sender);
                String to = accounts.get((b + t + 1) % accounts.size());
                answers.add(batch.add(RpcMethod.ETH_SEND_TRANSACTION.wireName(), JsonNodeFactory.instance.objectNode()
                        .put("from", from).put("to", to).put("gas", Hex.quantity(21_000))
                        .put("nonce", Hex.quantity(nonces[sender]++))
                        .put("value", Hex.quantity(1_000_000_000L * (b + 1) + t))));
            }
            for (int c = 0; c < calls; c++) {
                int sender = (b + c) % accounts.size();
                String from = accounts.get(sender);
                String transfer = TRANSFER.encodeCall(Address.of(accounts.get((b + c + 1) % accounts.size())),
                        BigInteger.valueOf((long) b * 1000 + c)).toHex();
                answers.add(batch.add(RpcMethod.ETH_SEND_TRANSACTION.wireName(), JsonNodeFactory.instance.objectNode()
                        .put("from", from).put("to", contract).put("gas", Hex.quantity(60_000)).put("data", transfer)
                        .put("nonce", Hex.quantity(nonces[sender]++))));
            }
            answers.add(batch.add(RpcMethod.EVM_MINE.wireName()));
        }
        return batch.send()
                .compose(v -> Future.all(answers))
                .compose(v -> mineFrom(done + count, blocks, transfers, calls, contract, nonces));
    }
}
