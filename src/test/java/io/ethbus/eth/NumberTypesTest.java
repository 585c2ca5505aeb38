package io.ethbus.eth;

import io.ethbus.crypto.UnsignedTransaction;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The number-type rule of {@code io.ethbus.eth}'s package documentation, checked over every record
 * of {@code eth} and {@code crypto} by its components' names: nonces and chain ids are
 * {@code BigInteger}, block numbers, indices, sizes and timestamps {@code long} (or {@code Long}
 * where the node may leave them out). A new record that breaks the rule fails here, named.
 */
class NumberTypesTest {
    /** Component names (lower case) and the types the rule allows for them. */
    private static final Map<Pattern, Set<Class<?>>> RULE = Map.of(
            Pattern.compile("nonce"), Set.of(BigInteger.class),
            Pattern.compile("chainid"), Set.of(BigInteger.class),
            Pattern.compile("(block)?number|.*index|size|(block)?timestamp"), Set.of(long.class, Long.class));
    /** Not numbers though named like one: a proof-of-work block's seal is 8 bytes of data. */
    private static final Set<String> NOT_NUMBERS = Set.of("Block.nonce");

    @Test
    void everyRecordComponentFollowsTheRule() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (Class<?> record : records(Block.class, UnsignedTransaction.class)) {
            for (RecordComponent c : record.getRecordComponents()) {
                String name = record.getSimpleName() + "." + c.getName();
                Set<Class<?>> allowed = allowed(c.getName());
                if (allowed == null || NOT_NUMBERS.contains(name)) {
                    continue;
                }
                checked.add(name);
                if (!allowed.contains(c.getType())) {
                    broken.add(name + " is " + c.getType().getSimpleName() + ", the rule says " + allowed);
                }
            }
        }
        assertEquals(List.of(), broken);
        // the scan must have found the records it is about, or it proves nothing
        assertTrue(checked.containsAll(List.of("Transaction.nonce", "Transaction.chainId", "Receipt.blockNumber",
                "Log.logIndex", "Withdrawal.index", "DynamicFeeTransaction.chainId", "PrestateAccount.nonce")), "" + checked);
    }

    @Test
    void theNodesChainIdHasTheTypeOfATransactionsChainId() throws Exception {
        Method chainId = Eth.class.getMethod("chainId");
        assertEquals(Future.class, chainId.getReturnType());
        assertEquals(BigInteger.class, ((ParameterizedType) chainId.getGenericReturnType()).getActualTypeArguments()[0]);
        assertEquals(BigInteger.class, Transaction.class.getRecordComponents()[componentIndex("chainId")].getType());
        Method count = Eth.class.getMethod("getTransactionCount", io.ethbus.primitives.Address.class, io.ethbus.primitives.BlockId.class);
        assertEquals(BigInteger.class, ((ParameterizedType) count.getGenericReturnType()).getActualTypeArguments()[0]);
    }

    private static int componentIndex(String name) {
        RecordComponent[] all = Transaction.class.getRecordComponents();
        for (int i = 0; i < all.length; i++) {
            if (all[i].getName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("Transaction has no " + name);
    }

    private static Set<Class<?>> allowed(String component) {
        String name = component.toLowerCase();
        for (Map.Entry<Pattern, Set<Class<?>>> e : RULE.entrySet()) {
            if (e.getKey().matcher(name).matches()) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The records, nested ones included, of the packages of {@code anchors}, read from the compiled classes. */
    private static List<Class<?>> records(Class<?>... anchors) throws URISyntaxException, java.io.IOException,
            ClassNotFoundException {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            String pkg = anchor.getPackageName();
            try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".class") && !file.equals("package-info.class")) {
                        Class<?> c = Class.forName(pkg + "." + file.substring(0, file.length() - 6), false,
                                anchor.getClassLoader());
                        if (c.isRecord()) {
                            records.add(c);
                        }
                    }
                }
            }
        }
        return records;
    }
}
