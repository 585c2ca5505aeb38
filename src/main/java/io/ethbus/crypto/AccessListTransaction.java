package io.ethbus.crypto;

import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.math.BigInteger;
import java.util.List;

/**
 * A type-1 transaction (EIP-2930): a legacy gas price plus an access list.
 *
 * @param to         the recipient, or null to create a contract
 * @param data       call data or init code; null means empty
 * @param accessList null means empty
 */
public record AccessListTransaction(BigInteger chainId, BigInteger nonce, BigInteger gasPrice, BigInteger gas,
                                    Address to, BigInteger value, Bytes data, List<AccessListItem> accessList)
        implements TypedTransaction {
    public static final int TYPE = 1;

    public AccessListTransaction {
        TransactionRlp.requireUint(chainId, "chainId", TransactionRlp.UINT256);
        TransactionRlp.requireUint(nonce, "nonce", TransactionRlp.UINT64);
        TransactionRlp.requireUint(gasPrice, "gasPrice", TransactionRlp.UINT256);
        TransactionRlp.requireUint(gas, "gas", TransactionRlp.UINT64);
        TransactionRlp.requireUint(value, "value", TransactionRlp.UINT256);
        data = data == null ? Bytes.EMPTY : data;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }

    @Override
    public int type() {
        return TYPE;
    }

    static SignedTransaction decode(RlpList list) {
        TransactionRlp.requireFields(list, 11, "EIP-2930");
        AccessListTransaction tx = new AccessListTransaction(
                TransactionRlp.decodeQuantity(list.get(0), "chainId"),
                TransactionRlp.decodeQuantity(list.get(1), "nonce"),
                TransactionRlp.decodeQuantity(list.get(2), "gasPrice"),
                TransactionRlp.decodeQuantity(list.get(3), "gas"),
                TransactionRlp.decodeTo(list.get(4)),
                TransactionRlp.decodeQuantity(list.get(5), "value"),
                TransactionRlp.decodeBytes(list.get(6)),
                TransactionRlp.decodeAccessList(list.get(7)));
        return new SignedTransaction(tx, TransactionRlp.decodeTypedSignature(list));
    }

    @Override
    public List<RlpItem> payloadFields() {
        return List.of(RlpString.of(chainId), RlpString.of(nonce), RlpString.of(gasPrice), RlpString.of(gas),
                TransactionRlp.to(to), RlpString.of(value), RlpString.of(data.value()),
                TransactionRlp.accessList(accessList));
    }
}
