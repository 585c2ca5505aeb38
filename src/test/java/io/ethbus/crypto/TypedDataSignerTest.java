package io.ethbus.crypto;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.typeddata.MailExample;
import io.ethbus.typeddata.TypedData;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TypedDataSignerTest {
    /** The EIP's signer: the key is keccak256("cow"). */
    private static final Account COW = Account.fromPrivateKey(Keccak.keccak256("cow".getBytes(StandardCharsets.US_ASCII)));

    @Test
    void mailExampleSignatureIsTheOneTheEipStates() {
        assertEquals(Address.of("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"), COW.address());
        Signature signature = COW.signTypedData(MailExample.JSON);
        assertEquals(new BigInteger("4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", 16), signature.r());
        assertEquals(new BigInteger("07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", 16), signature.s());
        assertEquals(28, 27 + signature.yParity());
        assertEquals(signature, COW.signTypedData(MailExample.built()));
    }

    @Test
    void recoveryReturnsTheSigner() {
        TypedData mail = TypedData.fromJson(MailExample.JSON);
        Account other = Account.generate();
        assertEquals(COW.address(), TypedDataSigner.recover(mail, COW.signTypedData(mail)));
        assertEquals(other.address(), TypedDataSigner.recover(mail, other.signTypedData(mail)));
        TypedData changed = TypedData.fromJson(MailExample.JSON.replace("Hello, Bob!", "Hello, Bob?"));
        assertNotEquals(COW.address(), TypedDataSigner.recover(changed, COW.signTypedData(mail)));
        // The 65-byte form eth_signTypedData_v4 returns reads back to the same signer.
        Signature wire = Signature.fromBytes(Hex.decode(COW.signTypedData(mail).toBytes().toHex()));
        assertEquals(COW.address(), TypedDataSigner.recover(mail, wire));
    }
}
