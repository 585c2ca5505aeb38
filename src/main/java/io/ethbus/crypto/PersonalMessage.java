package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.nio.charset.StandardCharsets;

/**
 * An EIP-191 version 0x45 message, as personal_sign and eth_sign sign it: the hash is
 * keccak256("\x19Ethereum Signed Message:\n" + length + message), so a signed message can
 * never pass for a signed transaction.
 *
 * <pre>Signature sig = PersonalMessage.of("hello").sign(account);</pre>
 */
public record PersonalMessage(Bytes message) {
    private static final byte[] PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

    public PersonalMessage {
        message = message == null ? Bytes.EMPTY : message;
    }

    /** The UTF-8 bytes of {@code text}. */
    public static PersonalMessage of(String text) {
        return new PersonalMessage(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static PersonalMessage of(byte[] message) {
        return new PersonalMessage(Bytes.wrap(message));
    }

    /** The hash that is signed. */
    public Hash hash() {
        byte[] body = message.value();
        byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[PREFIX.length + length.length + body.length];
        System.arraycopy(PREFIX, 0, all, 0, PREFIX.length);
        System.arraycopy(length, 0, all, PREFIX.length, length.length);
        System.arraycopy(body, 0, all, PREFIX.length + length.length, body.length);
        return new Hash(Keccak.keccak256(all));
    }

    public Signature sign(Account account) {
        return account.sign(hash());
    }

    /** The address that signed this message. */
    public Address recoverSigner(Signature signature) {
        return Secp256k1.recoverAddress(hash().value(), signature);
    }
}
