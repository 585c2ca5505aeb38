package io.ethbus.heads;

import io.ethbus.eth.Block;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where a head stream fetches the blocks it did not see pushed: by number (batched) and by hash. */
public interface BlockSource {
    /** Blocks {@code from}..{@code to} inclusive, in order (headers only). */
    Future<List<Block>> byNumbers(long from, long to);

    Future<Block> byHash(Hash hash);

    /** Blocks from a node through {@code caller}, a range as one JSON-RPC batch. */
    static BlockSource over(RpcCaller caller) {
        return new BlockSource() {
            @Override
            public Future<List<Block>> byNumbers(long from, long to) {
                if (to < from) {
                    return Future.succeededFuture(List.of());
                }
                Batch batch = caller.batch();
                List<Future<Optional<Block>>> blocks = new ArrayList<>();
                for (long n = from; n <= to; n++) {
                    blocks.add(batch.add(EthCalls.getBlockByNumber(BlockId.number(n), false)));
                }
                batch.send();
                return Future.all(blocks).map(all -> {
                    List<Block> out = new ArrayList<>(blocks.size());
                    for (int i = 0; i < blocks.size(); i++) {
                        long n = from + i;
                        out.add(blocks.get(i).result().orElseThrow(
                                () -> new EthbusException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), caller.endpoint(), "block " + n + " not found")));
                    }
                    return out;
                });
            }

            @Override
            public Future<Block> byHash(Hash hash) {
                return caller.call(EthCalls.getBlockByHash(hash, false)).map(b -> b.orElseThrow(
                        () -> new EthbusException(RpcMethod.ETH_GET_BLOCK_BY_HASH.wireName(), caller.endpoint(), "block " + hash + " not found")));
            }
        };
    }
}
