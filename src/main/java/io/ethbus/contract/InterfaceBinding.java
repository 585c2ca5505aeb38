package io.ethbus.contract;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiFunction;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.Hash;
import io.vertx.core.Future;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checked method table of a typed contract interface: for each abstract method, the ABI
 * function it calls and how (eth_call, send, send and wait). Built once per interface and ABI
 * by {@link #check}, which refuses an interface that does not match the ABI.
 */
final class InterfaceBinding {
    /** How a method reaches its function. */
    enum Kind { CALL, SEND, SEND_AND_WAIT }

    /** One method's function, how it is called, and the type its future completes with. */
    record Bound(AbiFunction function, Kind kind, Type resultType) {
    }

    private final Map<Method, Bound> table;

    private InterfaceBinding(Map<Method, Bound> table) {
        this.table = Map.copyOf(table);
    }

    Bound bound(Method method) {
        return table.get(method);
    }

    /** The table for {@code iface}; {@link AbiException} naming the first method that does not match {@code abi}. */
    static InterfaceBinding check(Class<?> iface, Abi abi) {
        if (!iface.isInterface()) {
            throw new AbiException(iface.getName() + " is not an interface");
        }
        Map<Method, Bound> table = new HashMap<>();
        for (Method method : iface.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || isObjectMethod(method)) {
                continue;
            }
            table.put(method, bind(method, abi));
        }
        return new InterfaceBinding(table);
    }

    static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Bound bind(Method method, Abi abi) {
        String name = describe(method);
        List<AbiFunction> named = abi.functions().stream().filter(f -> f.name().equals(method.getName())).toList();
        if (named.isEmpty()) {
            throw new AbiException(name + ": the ABI has no function " + method.getName());
        }
        Type[] params = method.getGenericParameterTypes();
        List<AbiFunction> counted = named.stream().filter(f -> f.inputs().size() == params.length).toList();
        if (counted.isEmpty()) {
            throw new AbiException(name + ": takes " + params.length + " arguments, but the ABI has "
                    + named.stream().map(AbiFunction::toString).collect(Collectors.joining(", ")));
        }
        List<AbiFunction> typed = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (AbiFunction f : counted) {
            String mismatch = inputsMismatch(f, params);
            if (mismatch == null) {
                typed.add(f);
            } else {
                why.add(f.signature() + ": " + mismatch);
            }
        }
        if (typed.size() != 1) {
            throw new AbiException(name + (typed.isEmpty() ? ": argument types do not match " + String.join("; ", why)
                    : ": matches several functions " + typed.stream().map(AbiFunction::signature).toList()
                    + "; declare the argument types more precisely"));
        }
        AbiFunction function = typed.get(0);
        Type generic = method.getGenericReturnType();
        if (!(generic instanceof ParameterizedType future) || future.getRawType() != Future.class) {
            throw new AbiException(name + ": returns " + generic.getTypeName() + "; contract methods return Future<T>");
        }
        Type result = future.getActualTypeArguments()[0];
        Class<?> raw = JavaTypeMapping.raw(result);
        if (!function.isReadOnly()) {
            if (raw == Hash.class || raw == Receipt.class) {
                return new Bound(function, raw == Hash.class ? Kind.SEND : Kind.SEND_AND_WAIT, result);
            }
            throw new AbiException(name + ": " + function.signature() + " is " + function.stateMutability()
                    + " (a transaction): return Future<Hash> or Future<Receipt>, not " + generic.getTypeName());
        }
        String mismatch = JavaTypeMapping.resultMismatch(function.outputs(), result);
        if (mismatch != null) {
            throw new AbiException(name + ": cannot return " + generic.getTypeName() + " for " + function + ": " + mismatch);
        }
        return new Bound(function, Kind.CALL, result);
    }

    private static String inputsMismatch(AbiFunction function, Type[] params) {
        for (int i = 0; i < params.length; i++) {
            String why = JavaTypeMapping.inputMismatch(function.inputs().get(i), params[i]);
            if (why != null) {
                return "argument " + i + " (" + function.inputs().get(i) + "): " + why + ", not " + params[i].getTypeName();
            }
        }
        return null;
    }

    /** e.g. {@code Erc20.balanceOf(Address)}. */
    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
