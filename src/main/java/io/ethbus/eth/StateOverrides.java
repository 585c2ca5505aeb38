package io.ethbus.eth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to accounts that hold for one {@code eth_call} or {@code eth_estimateGas} only (its
 * third parameter, as geth, reth, Nethermind and anvil take it): a balance, a nonce, code, or
 * storage slots. Example:
 * <pre>StateOverrides.builder().balance(whale, ether).code(token, mockCode).build()</pre>
 *
 * @param accounts the change per account
 */
public record StateOverrides(Map<Address, AccountOverride> accounts) {
    public static final StateOverrides NONE = new StateOverrides(Map.of());

    public StateOverrides {
        accounts = Map.copyOf(accounts);
    }

    /**
     * What changes for one account; null members stay as they are. {@code stateDiff} sets the
     * given slots and keeps the others (geth's {@code stateDiff}, not {@code state}, which would
     * clear the rest).
     */
    public record AccountOverride(BigInteger balance, BigInteger nonce, Bytes code, Map<Hash, Hash> stateDiff) {
        public AccountOverride {
            stateDiff = stateDiff == null ? Map.of() : Map.copyOf(stateDiff);
        }

        ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            if (balance != null) {
                json.put("balance", Hex.quantity(balance));
            }
            if (nonce != null) {
                json.put("nonce", Hex.quantity(nonce));
            }
            if (code != null) {
                json.put("code", code.toHex());
            }
            if (!stateDiff.isEmpty()) {
                ObjectNode slots = json.putObject("stateDiff");
                stateDiff.forEach((slot, value) -> slots.put(slot.toHex(), value.toHex()));
            }
            return json;
        }
    }

    /** True when nothing changes: the call goes out with its two usual parameters. */
    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    /** The wire form: an object keyed by address. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        accounts.forEach((address, change) -> json.set(address.toHex(), change.toJson()));
        return json;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the changes of several accounts; later calls for the same member win. */
    public static final class Builder {
        private final Map<Address, BigInteger> balances = new LinkedHashMap<>();
        private final Map<Address, BigInteger> nonces = new LinkedHashMap<>();
        private final Map<Address, Bytes> codes = new LinkedHashMap<>();
        private final Map<Address, Map<Hash, Hash>> slots = new LinkedHashMap<>();

        private Builder() {
        }

        /** The account's balance for the call, in wei. */
        public Builder balance(Address account, BigInteger wei) {
            balances.put(account, wei);
            return this;
        }

        /** The account's nonce for the call. */
        public Builder nonce(Address account, long nonce) {
            nonces.put(account, BigInteger.valueOf(nonce));
            return this;
        }

        /** The account's runtime code for the call (e.g. a mock of a contract). */
        public Builder code(Address account, Bytes code) {
            codes.put(account, code);
            return this;
        }

        /** One storage slot of the account for the call; its other slots keep their values. */
        public Builder storage(Address account, Hash slot, Hash value) {
            slots.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(slot, value);
            return this;
        }

        /** The overrides collected so far. */
        public StateOverrides build() {
            Map<Address, AccountOverride> accounts = new LinkedHashMap<>();
            for (Address account : union()) {
                accounts.put(account, new AccountOverride(balances.get(account), nonces.get(account),
                        codes.get(account), slots.get(account)));
            }
            return new StateOverrides(accounts);
        }

        private Iterable<Address> union() {
            Map<Address, Boolean> all = new LinkedHashMap<>();
            for (Map<Address, ?> m : java.util.List.<Map<Address, ?>>of(balances, nonces, codes, slots)) {
                m.keySet().forEach(a -> all.put(a, true));
            }
            return all.keySet();
        }
    }
}
