package io.ethbus.crypto;

import io.ethbus.eth.AccessListItem;
import io.ethbus.eth.Authorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.List;

/**
 * A type-4 transaction (EIP-7702): an EIP-1559 transaction that also carries signed
 * authorizations, each setting its authority's code to a delegation to a contract. It cannot
 * create a contract, so {@code to} is required, and it carries at least one authorization.
 * {@link UnsignedAuthorization} signs the authorizations and recovers their authorities.
 *
 * @param data              call data; null means empty
 * @param accessList        null means empty
 * @param authorizationList signed authorizations, at least one
 */
public record SetCodeTransaction(BigInteger chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas,
                                 BigInteger maxFeePerGas, BigInteger gas, Address to, BigInteger value, Bytes data,
                                 List<AccessListItem> accessList, List<Authorization> authorizationList)
        implements UnsignedTransaction {
    public static final int TYPE = 4;

    public SetCodeTransaction {
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
        if (to == null) {
            throw new InvalidTransactionException("'to' is required: an EIP-7702 transaction cannot create a contract");
        }
        if (authorizationList == null || authorizationList.isEmpty()) {
            throw new InvalidTransactionException("'authorizationList' must hold at least one authorization");
        }
        TransactionRlp.requireAuthorizations(authorizationList);
        data = data == null ? Bytes.EMPTY : data;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
        authorizationList = List.copyOf(authorizationList);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public Hash signingHash() {
        return TransactionRlp.typedSigningHash(TYPE, fields());
    }

    @Override
    public Bytes encode(Signature signature) {
        return TransactionRlp.typedSigned(TYPE, fields(), signature);
    }

    static SignedTransaction decode(RlpList list) {
        TransactionRlp.requireFields(list, 13, "EIP-7702");
        SetCodeTransaction tx = new SetCodeTransaction(
                TransactionRlp.decodeQuantity(list.get(0), "chainId"),
                TransactionRlp.decodeQuantity(list.get(1), "nonce"),
                TransactionRlp.decodeQuantity(list.get(2), "maxPriorityFeePerGas"),
                TransactionRlp.decodeQuantity(list.get(3), "maxFeePerGas"),
                TransactionRlp.decodeQuantity(list.get(4), "gas"),
                TransactionRlp.decodeTo(list.get(5)),
                TransactionRlp.decodeQuantity(list.get(6), "value"),
                TransactionRlp.decodeBytes(list.get(7)),
                TransactionRlp.decodeAccessList(list.get(8)),
                TransactionRlp.decodeAuthorizationList(list.get(9)));
        return new SignedTransaction(tx, TransactionRlp.decodeTypedSignature(list));
    }

    private List<RlpItem> fields() {
        return List.of(RlpString.of(chainId), RlpString.of(nonce), RlpString.of(maxPriorityFeePerGas),
                RlpString.of(maxFeePerGas), RlpString.of(gas), TransactionRlp.to(to), RlpString.of(value),
                RlpString.of(data.value()), TransactionRlp.accessList(accessList),
                TransactionRlp.authorizationList(authorizationList));
    }
}
