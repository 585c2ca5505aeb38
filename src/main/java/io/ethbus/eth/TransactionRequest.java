package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.List;

/**
 * A transaction to send, call or estimate (the object of eth_sendTransaction, eth_call,
 * eth_estimateGas, eth_createAccessList). Every field is optional; unset fields are left
 * out of the request for the node (or a filling layer) to choose.
 *
 * <p>An {@code authorizationList} makes an EIP-7702 (type 4) transaction. For a layer that signs
 * locally, an entry without a signature (yParity, r, s null) is the sender's own, signed with its
 * key: its chain id defaults to the transaction's and its nonce to the one after the
 * transaction's (the sender's nonce is raised by the transaction before authorizations apply).
 *
 * <p>{@code blobs} make an EIP-4844 (type 3) transaction, as in viem's {@code sendTransaction}: a
 * layer that signs locally computes their KZG commitments, proofs and versioned hashes, and fills
 * {@code maxFeePerBlobGas} when it is not given (twice the node's blob base fee).
 *
 * <pre>TransactionRequest.builder().from(alice).to(bob).value(BigInteger.TEN.pow(18)).build()</pre>
 */
public record TransactionRequest(Address from, Address to, BigInteger gas, BigInteger gasPrice,
                                 BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, BigInteger value,
                                 Bytes input, BigInteger nonce, Integer type, BigInteger chainId,
                                 List<AccessListItem> accessList, List<Authorization> authorizationList,
                                 List<Bytes> blobs, BigInteger maxFeePerBlobGas) {
    public TransactionRequest {
        accessList = accessList == null ? null : List.copyOf(accessList);
        blobs = blobs == null ? null : List.copyOf(blobs);
        authorizationList = authorizationList == null ? null : List.copyOf(authorizationList);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's fields, to change some of them. */
    public Builder toBuilder() {
        return new Builder().from(from).to(to).gas(gas).gasPrice(gasPrice).maxFeePerGas(maxFeePerGas)
                .maxPriorityFeePerGas(maxPriorityFeePerGas).value(value).input(input).nonce(nonce)
                .type(type).chainId(chainId).accessList(accessList).authorizationList(authorizationList)
                .blobs(blobs).maxFeePerBlobGas(maxFeePerBlobGas);
    }

    /** The JSON object as nodes expect it: quantities in compact hex, addresses checksummed. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        putIfSet(o, "from", from);
        putIfSet(o, "to", to);
        putQuantity(o, "gas", gas);
        putQuantity(o, "gasPrice", gasPrice);
        putQuantity(o, "maxFeePerGas", maxFeePerGas);
        putQuantity(o, "maxPriorityFeePerGas", maxPriorityFeePerGas);
        putQuantity(o, "value", value);
        if (input != null) {
            // Both names: older nodes read only "data", newer ones prefer "input".
            o.put("input", input.toHex());
            o.put("data", input.toHex());
        }
        putQuantity(o, "nonce", nonce);
        if (type != null) {
            o.put("type", Hex.quantity(type.longValue()));
        }
        putQuantity(o, "chainId", chainId);
        if (accessList != null) {
            ArrayNode list = o.putArray("accessList");
            for (AccessListItem item : accessList) {
                ObjectNode entry = list.addObject();
                entry.put("address", item.address().toChecksumHex());
                ArrayNode keys = entry.putArray("storageKeys");
                item.storageKeys().forEach(k -> keys.add(k.toHex()));
            }
        }
        if (authorizationList != null) {
            ArrayNode list = o.putArray("authorizationList");
            for (Authorization a : authorizationList) {
                ObjectNode entry = list.addObject();
                putQuantity(entry, "chainId", a.chainId());
                putIfSet(entry, "address", a.address());
                putQuantity(entry, "nonce", a.nonce());
                if (a.yParity() != null) {
                    entry.put("yParity", Hex.quantity(a.yParity().longValue()));
                }
                putQuantity(entry, "r", a.r());
                putQuantity(entry, "s", a.s());
            }
        }
        if (blobs != null) {
            ArrayNode list = o.putArray("blobs");
            blobs.forEach(blob -> list.add(blob.toHex()));
        }
        putQuantity(o, "maxFeePerBlobGas", maxFeePerBlobGas);
        return o;
    }

    private static void putIfSet(ObjectNode o, String name, Address a) {
        if (a != null) {
            o.put(name, a.toChecksumHex());
        }
    }

    private static void putQuantity(ObjectNode o, String name, BigInteger v) {
        if (v != null) {
            o.put(name, Hex.quantity(v));
        }
    }

    /** Builder for {@link TransactionRequest}; every setter is optional. */
    public static final class Builder {
        private Address from;
        private Address to;
        private BigInteger gas;
        private BigInteger gasPrice;
        private BigInteger maxFeePerGas;
        private BigInteger maxPriorityFeePerGas;
        private BigInteger value;
        private Bytes input;
        private BigInteger nonce;
        private Integer type;
        private BigInteger chainId;
        private List<AccessListItem> accessList;
        private List<Authorization> authorizationList;
        private List<Bytes> blobs;
        private BigInteger maxFeePerBlobGas;

        private Builder() {
        }

        public Builder from(Address v) { from = v; return this; }
        public Builder to(Address v) { to = v; return this; }
        public Builder gas(BigInteger v) { gas = v; return this; }
        public Builder gas(long v) { return gas(BigInteger.valueOf(v)); }
        public Builder gasPrice(BigInteger v) { gasPrice = v; return this; }
        public Builder maxFeePerGas(BigInteger v) { maxFeePerGas = v; return this; }
        public Builder maxPriorityFeePerGas(BigInteger v) { maxPriorityFeePerGas = v; return this; }
        public Builder value(BigInteger v) { value = v; return this; }
        public Builder input(Bytes v) { input = v; return this; }
        public Builder nonce(BigInteger v) { nonce = v; return this; }
        public Builder type(Integer v) { type = v; return this; }
        public Builder chainId(BigInteger v) { chainId = v; return this; }
        public Builder accessList(List<AccessListItem> v) { accessList = v; return this; }
        public Builder authorizationList(List<Authorization> v) { authorizationList = v; return this; }
        /** Blobs of 131,072 bytes each (the crypto package's {@code Blobs.pack} puts any data into them). */
        public Builder blobs(List<Bytes> v) { blobs = v; return this; }
        public Builder maxFeePerBlobGas(BigInteger v) { maxFeePerBlobGas = v; return this; }

        public TransactionRequest build() {
            return new TransactionRequest(from, to, gas, gasPrice, maxFeePerGas, maxPriorityFeePerGas, value,
                    input, nonce, type, chainId, accessList, authorizationList, blobs, maxFeePerBlobGas);
        }
    }
}
