package io.ethbus.crypto;

import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A type-3 transaction (EIP-4844): an EIP-1559 transaction that also pays for blobs, carrying
 * their versioned hashes. It cannot create a contract, so {@code to} is required. The blobs
 * themselves, with their commitments and proofs, travel beside it as a {@link BlobSidecar}:
 * {@link #encodeNetwork} (what eth_sendRawTransaction takes) includes them, {@link #encode}
 * (what a block holds, what is hashed) does not.
 *
 * <pre>
 * BlobSidecar sidecar = Blobs.from(data);   // KZG work: off the event loop
 * BlobTransaction tx = new BlobTransaction(chainId, nonce, tip, feeCap, gas, to, BigInteger.ZERO, null, null,
 *         maxFeePerBlobGas, sidecar);
 * eth.sendRawTransaction(tx.sign(account).raw());
 * </pre>
 *
 * @param data                call data; null means empty
 * @param accessList          null means empty
 * @param blobVersionedHashes one per blob, at least one, each with version byte 0x01
 * @param sidecar             the blobs, or null for the transaction as a block holds it
 */
public record BlobTransaction(BigInteger chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas,
                              BigInteger maxFeePerGas, BigInteger gas, Address to, BigInteger value, Bytes data,
                              List<AccessListItem> accessList, BigInteger maxFeePerBlobGas,
                              List<Hash> blobVersionedHashes, BlobSidecar sidecar) implements TypedTransaction {
    public static final int TYPE = 3;

    public BlobTransaction {
        // The fields before the blob fields are an EIP-1559 transaction's, with its checks.
        DynamicFeeTransaction base = new DynamicFeeTransaction(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to,
                value, data, accessList);
        if (to == null) {
            throw new InvalidTransactionException("'to' is required: an EIP-4844 transaction cannot create a contract");
        }
        TransactionRlp.requireUint(maxFeePerBlobGas, "maxFeePerBlobGas", TransactionRlp.UINT256);
        if (blobVersionedHashes == null || blobVersionedHashes.isEmpty()) {
            throw new InvalidBlobException("'blobVersionedHashes' must hold at least one hash");
        }
        blobVersionedHashes = List.copyOf(blobVersionedHashes);
        for (int i = 0; i < blobVersionedHashes.size(); i++) {
            if (blobVersionedHashes.get(i).value()[0] != BlobSidecar.VERSION_KZG) {
                throw new InvalidBlobException("'blobVersionedHashes[" + i + "]' does not start with the KZG version byte 0x01");
            }
        }
        if (sidecar != null) {
            sidecar.requireHashes(blobVersionedHashes);
        }
        data = base.data();
        accessList = base.accessList();
    }

    /** A transaction carrying {@code sidecar}'s blobs, with their versioned hashes. */
    public BlobTransaction(BigInteger chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas,
                           BigInteger gas, Address to, BigInteger value, Bytes data, List<AccessListItem> accessList,
                           BigInteger maxFeePerBlobGas, BlobSidecar sidecar) {
        this(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, accessList, maxFeePerBlobGas,
                sidecar.versionedHashes(), sidecar);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /**
     * The network form when a sidecar is present, {@code 0x03 || rlp([[fields..., yParity, r, s], blobs,
     * commitments, proofs])}, as eth_sendRawTransaction takes it; the canonical form otherwise.
     */
    @Override
    public Bytes encodeNetwork(Signature signature) {
        if (sidecar == null) {
            return encode(signature);
        }
        RlpList body = new RlpList(TransactionRlp.withSignature(payloadFields(), BigInteger.valueOf(signature.yParity()), signature));
        return Bytes.wrap(TransactionRlp.typed(TYPE, RlpList.of(body, byteStrings(sidecar.blobs()),
                byteStrings(sidecar.commitments()), byteStrings(sidecar.proofs()))));
    }

    /** Either form: a body whose first item is a list is the network form. */
    static SignedTransaction decode(RlpList list) {
        if (list.size() > 0 && list.get(0) instanceof RlpList body) {
            TransactionRlp.requireFields(list, 4, "EIP-4844 network-form");
            BlobSidecar sidecar = new BlobSidecar(decodeByteStrings(list.get(1), "blobs"),
                    decodeByteStrings(list.get(2), "commitments"), decodeByteStrings(list.get(3), "proofs"));
            return decodeBody(body, sidecar);
        }
        return decodeBody(list, null);
    }

    private static SignedTransaction decodeBody(RlpList list, BlobSidecar sidecar) {
        TransactionRlp.requireFields(list, 14, "EIP-4844");
        DynamicFeeTransaction base = DynamicFeeTransaction.decodeFields(list);
        List<Hash> hashes = new ArrayList<>();
        for (RlpItem item : TransactionRlp.decodeList(list.get(10), "blobVersionedHashes").items()) {
            byte[] hash = item.asString().bytes();
            if (hash.length != Hash.LENGTH) {
                throw new InvalidTransactionException("a blob versioned hash is " + hash.length + " bytes, expected " + Hash.LENGTH);
            }
            hashes.add(new Hash(hash));
        }
        BlobTransaction tx = new BlobTransaction(base.chainId(), base.nonce(), base.maxPriorityFeePerGas(),
                base.maxFeePerGas(), base.gas(), base.to(), base.value(), base.data(), base.accessList(),
                TransactionRlp.decodeQuantity(list.get(9), "maxFeePerBlobGas"), hashes, sidecar);
        return new SignedTransaction(tx, TransactionRlp.decodeTypedSignature(list));
    }

    /** This transaction without its blobs, as a block holds it. */
    public BlobTransaction withoutSidecar() {
        return new BlobTransaction(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, accessList,
                maxFeePerBlobGas, blobVersionedHashes, null);
    }

    @Override
    public List<RlpItem> payloadFields() {
        List<RlpItem> fields = new ArrayList<>(new DynamicFeeTransaction(chainId, nonce, maxPriorityFeePerGas,
                maxFeePerGas, gas, to, value, data, accessList).payloadFields());
        fields.add(RlpString.of(maxFeePerBlobGas));
        List<RlpItem> hashes = new ArrayList<>(blobVersionedHashes.size());
        blobVersionedHashes.forEach(h -> hashes.add(RlpString.of(h.value())));
        fields.add(new RlpList(hashes));
        return fields;
    }

    private static RlpList byteStrings(List<Bytes> values) {
        List<RlpItem> items = new ArrayList<>(values.size());
        values.forEach(v -> items.add(RlpString.of(v.value())));
        return new RlpList(items);
    }

    private static List<Bytes> decodeByteStrings(RlpItem item, String name) {
        List<Bytes> out = new ArrayList<>();
        for (RlpItem entry : TransactionRlp.decodeList(item, name).items()) {
            out.add(TransactionRlp.decodeBytes(entry));
        }
        return out;
    }
}
