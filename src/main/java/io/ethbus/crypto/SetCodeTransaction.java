package io.ethbus.crypto;

import io.ethbus.eth.AccessListItem;
import io.ethbus.eth.Authorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.math.BigInteger;
import java.util.ArrayList;
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
        implements TypedTransaction {
    public static final int TYPE = 4;

    public SetCodeTransaction {
        // The fields before the list are an EIP-1559 transaction's, with its checks.
        DynamicFeeTransaction base = new DynamicFeeTransaction(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to,
                value, data, accessList);
        if (to == null) {
            throw new InvalidTransactionException("'to' is required: an EIP-7702 transaction cannot create a contract");
        }
        if (authorizationList == null || authorizationList.isEmpty()) {
            throw new InvalidTransactionException("'authorizationList' must hold at least one authorization");
        }
        TransactionRlp.requireAuthorizations(authorizationList);
        data = base.data();
        accessList = base.accessList();
        authorizationList = List.copyOf(authorizationList);
    }

    @Override
    public int type() {
        return TYPE;
    }

    static SignedTransaction decode(RlpList list) {
        TransactionRlp.requireFields(list, 13, "EIP-7702");
        DynamicFeeTransaction base = DynamicFeeTransaction.decodeFields(list);
        SetCodeTransaction tx = new SetCodeTransaction(base.chainId(), base.nonce(), base.maxPriorityFeePerGas(),
                base.maxFeePerGas(), base.gas(), base.to(), base.value(), base.data(), base.accessList(),
                TransactionRlp.decodeAuthorizationList(list.get(9)));
        return new SignedTransaction(tx, TransactionRlp.decodeTypedSignature(list));
    }

    @Override
    public List<RlpItem> payloadFields() {
        List<RlpItem> fields = new ArrayList<>(new DynamicFeeTransaction(chainId, nonce, maxPriorityFeePerGas,
                maxFeePerGas, gas, to, value, data, accessList).payloadFields());
        fields.add(TransactionRlp.authorizationList(authorizationList));
        return fields;
    }
}
