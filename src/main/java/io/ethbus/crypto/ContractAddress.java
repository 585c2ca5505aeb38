package io.ethbus.crypto;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a contract creation puts the new contract, known before it is mined.
 * <pre>{@code Address token = ContractAddress.ofCreate(deployer, BigInteger.ZERO);}</pre>
 */
public final class ContractAddress {
    private ContractAddress() {
    }

    /** CREATE: the last 20 bytes of keccak256(rlp([sender, nonce])). */
    public static Address ofCreate(Address sender, BigInteger nonce) {
        Objects.requireNonNull(sender, "sender");
        TransactionRlp.requireUint(nonce, "nonce", TransactionRlp.UINT64);
        byte[] rlp = Rlp.encode(RlpList.of(RlpString.of(sender.value()), RlpString.of(nonce)));
        return lastTwentyBytes(Keccak.keccak256(rlp));
    }

    /** CREATE2 (EIP-1014): the last 20 bytes of keccak256(0xff ++ deployer ++ salt ++ keccak256(initCode)). */
    public static Address ofCreate2(Address deployer, Hash salt, Bytes initCode) {
        Objects.requireNonNull(deployer, "deployer");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(initCode, "initCode");
        byte[] preimage = new byte[1 + Address.LENGTH + Hash.LENGTH + 32];
        preimage[0] = (byte) 0xff;
        System.arraycopy(deployer.value(), 0, preimage, 1, Address.LENGTH);
        System.arraycopy(salt.value(), 0, preimage, 1 + Address.LENGTH, Hash.LENGTH);
        System.arraycopy(Keccak.keccak256(initCode.value()), 0, preimage, 1 + Address.LENGTH + Hash.LENGTH, 32);
        return lastTwentyBytes(Keccak.keccak256(preimage));
    }

    private static Address lastTwentyBytes(byte[] hash) {
        return new Address(Arrays.copyOfRange(hash, hash.length - Address.LENGTH, hash.length));
    }
}
