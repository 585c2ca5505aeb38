package io.ethbus.wallet;

import io.ethbus.primitives.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BIP-32 against the BIP's test vectors 1 and 2: at each path the serialized extended private
 * key (version, depth, parent fingerprint, child number, chain code, private key) and public key.
 */
class HdKeyTest {
    static final String SEED_1 = "000102030405060708090a0b0c0d0e0f";
    static final String SEED_2 = "fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        1 | m                         | xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi | xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8
        1 | m/0'                      | xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7 | xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw
        1 | m/0'/1                    | xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs | xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ
        1 | m/0'/1/2'                 | xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM | xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5
        1 | m/0'/1/2'/2               | xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334 | xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV
        1 | m/0'/1/2'/2/1000000000    | xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76 | xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy
        2 | m                         | xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U | xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB
        2 | m/0                       | xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt | xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH
        2 | m/0/2147483647'           | xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9 | xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a
        2 | m/0/2147483647'/1         | xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef | xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon
        2 | m/0/2147483647'/1/2147483646' | xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc | xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL
        2 | m/0/2147483647'/1/2147483646'/2 | xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j | xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt
        """)
    void bip32Vectors(int vector, String path, String xprv, String xpub) {
        HdKey master = HdKey.fromSeed(Hex.decode("0x" + (vector == 1 ? SEED_1 : SEED_2)));
        HdKey key = master.derive(DerivationPath.parse(path));
        assertEquals(xprv, key.toXprv());
        assertEquals(xpub, key.toXpub());
        assertEquals(DerivationPath.parse(path).indices().size(), key.depth());
    }

    @Test
    void vectorOneMasterKeyAndChainCode() {
        // The same master as above, as the raw key and chain code the xprv carries.
        HdKey master = HdKey.fromSeed(Hex.decode("0x" + SEED_1));
        assertEquals("0x873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508", Hex.encode(master.chainCode()));
        assertEquals("0x0339a36013301597daef41fbe593a02cc513d0b55527ec2df1050e2e8ff49c85c2", master.publicKey().toHex());
    }

    @Test
    void stepwiseChildrenEqualThePath() {
        HdKey master = HdKey.fromSeed(Hex.decode("0x" + SEED_1));
        HdKey stepwise = master.child(DerivationPath.HARDENED).child(1).child(2 | DerivationPath.HARDENED);
        assertEquals(master.derive(DerivationPath.parse("m/0h/1/2H")).toXprv(), stepwise.toXprv());
        assertEquals(master.toXprv(), master.derive(DerivationPath.MASTER).toXprv());
    }

    @Test
    void destroyedKeyZeroesAndRefuses() {
        HdKey key = HdKey.fromSeed(Hex.decode("0x" + SEED_1)).child(0);
        key.destroy();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, key::account);
        assertThrows(IllegalStateException.class, () -> key.child(1));
        assertThrows(IllegalStateException.class, key::toXprv);
    }

    @Test
    void toStringHidesKeyMaterial() {
        HdKey key = HdKey.fromSeed(Hex.decode("0x" + SEED_1)).child(DerivationPath.HARDENED);
        assertEquals("HdKey[depth=1, child=0']", key.toString());
        assertFalse(key.toString().contains(Hex.encode(key.chainCode()).substring(2, 10)));
    }

    @Test
    void seedOfWrongSizeIsRefused() {
        assertThrows(InvalidSeedException.class, () -> HdKey.fromSeed(new byte[15]));
        assertThrows(InvalidSeedException.class, () -> HdKey.fromSeed(new byte[65]));
        assertThrows(InvalidSeedException.class, () -> HdKey.fromSeed(null));
    }

    @Test
    void aStepFailingPartWayZeroesTheKeysDerivedSoFar() {
        HdKey master = HdKey.fromSeed(Hex.decode("0x" + SEED_1));
        List<HdKey> derived = new ArrayList<>();
        InvalidChildKeyException e = assertThrows(InvalidChildKeyException.class,
                () -> master.derive(DerivationPath.parse("m/0/1/2"), (key, index) -> {
                    if (index == 2) {
                        throw new InvalidChildKeyException("no key for child 2");
                    }
                    HdKey child = key.child(index);
                    derived.add(child);
                    return child;
                }));
        assertEquals("no key for child 2", e.getMessage());
        assertEquals(2, derived.size());
        assertTrue(derived.get(0).isDestroyed());
        assertTrue(derived.get(1).isDestroyed(), "the key above the failed step is zeroed");
        assertFalse(master.isDestroyed());
    }

    @Test
    void destroyWaitsWhileTheKeyIsInUse() throws Exception {
        // The key's lock is what child(), account() and toXprv() hold while they read the key:
        // held here, a destroy() on another thread must wait instead of zeroing under a reader.
        HdKey key = HdKey.fromSeed(Hex.decode("0x" + SEED_1));
        Thread destroyer = new Thread(key::destroy);
        synchronized (key) {
            destroyer.start();
            while (destroyer.getState() != Thread.State.BLOCKED && destroyer.isAlive()) {
                Thread.onSpinWait();
            }
            assertFalse(key.isDestroyed(), "destroy() ran while the key was in use");
        }
        destroyer.join();
        assertTrue(key.isDestroyed());
    }
}
