package io.ethbus.crypto;

import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.math.BigInteger;
import java.util.List;

/**
 * A type-2 transaction (EIP-1559): a fee cap and a priority fee instead of a gas price.
 *
 * @param to         the recipient, or null to create a contract
 * @param data       call data or init code; null means empty
 * @param accessList null means empty
 */
public record DynamicFeeTransaction(BigInteger chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas,
                                    BigInteger maxFeePerGas, BigInteger gas, Address to, BigInteger value, Bytes data,
                                    List<AccessListItem> accessList) implements TypedTransaction {
    public static final int TYPE = 2;

    public DynamicFeeTransaction {
        TransactionRlp.requireUint(chainId, "chainId", TransactionRlp.UINT256);
        TransactionRlp.requireUint(nonce, "nonce", TransactionRlp.UINT64);
        TransactionRlp.requireUint(maxPriorityFeePerGas, "maxPriorityFeePerGas", TransactionRlp.UINT256);
        TransactionRlp.requireUint(maxFeePerGas, "maxFeePerGas", TransactionRlp.UINT256);
        TransactionRlp.requireUint(gas, "gas", TransactionRlp.UINT64);
        TransactionRlp.requireUint(value, "value", TransactionRlp.UINT256);
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new InvalidTransactionException("maxPriorityFeePerGas " + maxPriorityFeePerGas
                    + " exceeds maxFeePerGas " + maxFeePerGas);
        }
        data = data == null ? Bytes.EMPTY : data;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }

    @Override
    public int type() {
        return TYPE;
    }

    static SignedTransaction decode(RlpList list) {
        TransactionRlp.requireFields(list, 12, "EIP-1559");
        return new SignedTransaction(decodeFields(list), TransactionRlp.decodeTypedSignature(list));
    }

    /** The first nine fields of {@code list}, which EIP-7702 transactions share. */
    static DynamicFeeTransaction decodeFields(RlpList list) {
        return new DynamicFeeTransaction(
                TransactionRlp.decodeQuantity(list.get(0), "chainId"),
                TransactionRlp.decodeQuantity(list.get(1), "nonce"),
                TransactionRlp.decodeQuantity(list.get(2), "maxPriorityFeePerGas"),
                TransactionRlp.decodeQuantity(list.get(3), "maxFeePerGas"),
                TransactionRlp.decodeQuantity(list.get(4), "gas"),
                TransactionRlp.decodeTo(list.get(5)),
                TransactionRlp.decodeQuantity(list.get(6), "value"),
                TransactionRlp.decodeBytes(list.get(7)),
                TransactionRlp.decodeAccessList(list.get(8)));
    }

    @Override
    public List<RlpItem> payloadFields() {
        return List.of(RlpString.of(chainId), RlpString.of(nonce), RlpString.of(maxPriorityFeePerGas),
                RlpString.of(maxFeePerGas), RlpString.of(gas), TransactionRlp.to(to), RlpString.of(value),
                RlpString.of(data.value()), TransactionRlp.accessList(accessList));
    }
}
