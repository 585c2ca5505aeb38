package io.ethbus.typeddata;

/**
 * One member of an EIP-712 struct type: its name and its type as EIP-712 spells it, such as
 * {@code uint256}, {@code Person} or {@code Person[2][]}.
 */
public record TypedDataField(String name, String type) {
    public TypedDataField {
        if (name == null || type == null) {
            throw new InvalidTypedDataException("types", "a field needs a name and a type");
        }
    }

    /** From the Solidity-like form {@code "type name"}, e.g. {@code "address wallet"}. */
    public static TypedDataField of(String declaration) {
        String trimmed = declaration.trim();
        int space = trimmed.lastIndexOf(' ');
        if (space <= 0) {
            throw new InvalidTypedDataException("types", "a field is \"type name\", got \"" + declaration + "\"");
        }
        return new TypedDataField(trimmed.substring(space + 1), trimmed.substring(0, space).trim());
    }
}
