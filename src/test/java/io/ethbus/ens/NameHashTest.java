package io.ethbus.ens;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameHashTest {
    @Test
    void knownAnswersOfEip137() {
        assertEquals(Hash.of("0x" + "00".repeat(32)), NameHash.of(""));
        assertEquals(Hash.of("0x93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae"), NameHash.of("eth"));
        assertEquals(Hash.of("0xde9b09fd7c5f901e23a3f19fecc54828e9c848539801e86591bd9801b019f84f"), NameHash.of("foo.eth"));
        assertEquals(Hash.of("0xee6c4522aab0003e8d14cd40a6af439055fd2577951148c14b6cea9a53475835"), NameHash.of("vitalik.eth"));
        assertEquals(NameHash.of("foo.eth"), NameHash.of("FOO.Eth"), "names are lowercased");
    }

    @Test
    void theNormalisedFormIsHashed() {
        assertEquals(NameHash.of("vitalik.eth"), NameHash.of("\uFF36italik.ETH"), "full-width and uppercase fold");
        assertEquals(NameHash.of("\uD83D\uDE80.eth"), NameHash.of("\uD83D\uDE80\uFE0F.eth"), "emoji selectors dropped");
        // xi's node from its UTF-8 bytes, whichever case it was written in
        byte[] label = Keccak.keccak256("\u03BE".getBytes(StandardCharsets.UTF_8));
        byte[] both = new byte[64];
        System.arraycopy(NameHash.of("eth").value(), 0, both, 0, 32);
        System.arraycopy(label, 0, both, 32, 32);
        assertEquals(new Hash(Keccak.keccak256(both)), NameHash.of("\u039E.eth"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..eth", ".eth", "eth.", "with space.eth", "tab\t.eth", "semi;colon.eth"})
    void invalidLabelsAreRejectedNamingTheName(String name) {
        InvalidEnsNameException e = assertThrows(InvalidEnsNameException.class, () -> NameHash.of(name));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void nameAnswersAreBoundsChecked() {
        String encoded = "0x" + word(32) + word(5) + hex("hello") + "00".repeat(27);
        assertEquals("hello", EnsResolver.decodeName(Bytes.of(encoded), null));
        assertEquals("", EnsResolver.decodeName(Bytes.EMPTY, null));
        assertThrows(io.ethbus.rpc.MalformedResponseException.class,
                () -> EnsResolver.decodeName(Bytes.of("0x" + word(32) + word(500) + hex("hello") + "00".repeat(27)), null));
        assertThrows(io.ethbus.rpc.MalformedResponseException.class,
                () -> EnsResolver.decodeName(Bytes.of("0x" + word(4096) + word(5)), null));
        assertThrows(io.ethbus.rpc.MalformedResponseException.class, () -> EnsResolver.decodeName(Bytes.of("0x1234"), null));
    }

    static String word(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(64 - h.length()) + h;
    }

    static String hex(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8)).toHex().substring(2);
    }
}
