package io.ethbus.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.Revert;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.RpcException;

import java.util.Locale;
import java.util.Optional;

/**
 * The one place that tells a revert from other node errors and decodes it. A revert is
 * <ul>
 *   <li>code 3 (geth, reth, anvil, Erigon: "execution reverted"), with or without data;</li>
 *   <li>code -32000 or -32015 whose message speaks of a revert (older geth, Nethermind,
 *       OpenEthereum/Parity, Hardhat).</li>
 * </ul>
 * The data is a hex string, a string such as {@code "Reverted 0x..."} (Parity), or an object
 * holding it under {@code data} (Hardhat, Ganache). Errors arrive alike from a provider and
 * over the event bus, which keeps the node's error object for ethbus's own callers.
 */
final class RevertClassifier {
    private static final int EXECUTION_REVERTED = 3;
    private static final int SERVER_ERROR = -32000;
    private static final int VM_EXECUTION_ERROR = -32015;

    private final Abi abi;

    RevertClassifier(Abi abi) {
        this.abi = abi;
    }

    /** {@code failure} as a {@link ContractRevertException} when it is a revert, else unchanged. */
    Throwable classify(Throwable failure) {
        if (failure instanceof ContractRevertException || !(failure instanceof RpcException rpc)) {
            return failure;
        }
        return revertData(rpc)
                .<Throwable>map(data -> new ContractRevertException(rpc.method(), rpc.endpoint(), rpc.error(), reason(data)))
                .orElse(failure);
    }

    /** The revert data of a node error that is a revert (empty bytes when it came without), else empty. */
    static Optional<Bytes> revertData(RpcException e) {
        boolean revert = e.code() == EXECUTION_REVERTED
                || (e.code() == SERVER_ERROR || e.code() == VM_EXECUTION_ERROR)
                && (e.rpcMessage().toLowerCase(Locale.ROOT).contains("revert") || hexIn(e.data()) != null);
        if (!revert) {
            return Optional.empty();
        }
        String hex = hexIn(e.data());
        return Optional.of(hex == null ? Bytes.EMPTY : Bytes.of(hex));
    }

    /** The revert data's hex in a node's {@code data} member, or null when it holds none. */
    private static String hexIn(JsonNode data) {
        if (data == null) {
            return null;
        }
        if (data.isObject()) {
            return hexIn(data.get("data"));
        }
        if (!data.isTextual()) {
            return null;
        }
        String text = data.asText().trim();
        int at = text.indexOf("0x");
        // "Reverted 0x..." (Parity) as well as "0x..."
        String hex = at < 0 ? null : text.substring(at);
        return hex != null && hex.length() % 2 == 0 && hex.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0) ? hex : null;
    }

    /** The decoded reason: Error(string), Panic(uint256), a custom error of the ABI, else the data undecoded. */
    Revert reason(Bytes data) {
        return Revert.decode(data, abi);
    }
}
