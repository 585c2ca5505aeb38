package io.ethbus.contract;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** Runs a typed interface's methods: abstract ones on the contract, default and Object methods as usual. */
final class ContractInvocationHandler implements InvocationHandler {
    private final Contract contract;
    private final InterfaceBinding binding;

    ContractInvocationHandler(Contract contract, InterfaceBinding binding) {
        this.contract = contract;
        this.binding = binding;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (InterfaceBinding.isObjectMethod(method)) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> proxy.getClass().getInterfaces()[0].getSimpleName() + " of " + contract;
                default -> method.invoke(this, args);
            };
        }
        return contract.invoke(binding.bound(method), args);
    }
}
