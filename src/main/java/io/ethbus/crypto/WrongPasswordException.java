package io.ethbus.crypto;

import io.ethbus.rpc.EthbusException;

/** The password does not open the keystore: the MAC computed from it does not match the file's. */
public class WrongPasswordException extends EthbusException {
    public WrongPasswordException() {
        super(null, null, "wrong password: the keystore MAC does not match");
    }
}
