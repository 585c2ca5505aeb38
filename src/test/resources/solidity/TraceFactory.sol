// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Created by TraceFactory with CREATE and CREATE2; its bump() runs in the factory's storage
/// when the factory delegate-calls it (payable: a DELEGATECALL keeps the caller's msg.value).
contract TraceChild {
    uint256 public seed;

    constructor(uint256 s) payable {
        seed = s;
    }

    function get() external view returns (uint256) {
        return seed;
    }

    function bump() external payable {
        seed += 1;
    }
}

/// One transaction of run() makes every kind of call frame a trace has: CREATE and CREATE2
/// (each with value), a value transfer to another address, a DELEGATECALL, a STATICCALL, and a
/// call with value that reverts after forwarding value on (so nothing of it moves).
contract TraceFactory {
    uint256 public seed;

    event Made(address created, address created2);

    function run(address payable payee, bytes32 salt) external payable returns (address a, address b) {
        a = address(new TraceChild{value: 3}(7));
        b = address(new TraceChild{salt: salt, value: 5}(9));
        (bool paid, ) = payee.call{value: 11}("");
        require(paid, "payee refused");
        (bool bumped, ) = a.delegatecall(abi.encodeWithSignature("bump()"));
        require(bumped, "bump failed");
        require(TraceChild(b).get() == 9, "wrong seed");
        try this.failing{value: 2}(payee) {
        } catch {
        }
        emit Made(a, b);
    }

    function failing(address payable payee) external payable {
        (bool paid, ) = payee.call{value: 2}("");
        require(paid, "payee refused");
        revert("always");
    }
}
