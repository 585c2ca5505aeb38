// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A minimal ERC-721 for crawl tests: its Transfer carries the token id indexed (four topics),
/// where ERC-20's Transfer has the same topic0 and three topics.
contract TestNft {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);

    mapping(uint256 => address) public ownerOf;

    function mint(address to, uint256 tokenId) external {
        require(ownerOf[tokenId] == address(0), "minted");
        ownerOf[tokenId] = to;
        emit Transfer(address(0), to, tokenId);
    }

    function transferFrom(address from, address to, uint256 tokenId) external {
        require(ownerOf[tokenId] == from && from == msg.sender, "not the owner");
        ownerOf[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }
}

/// A minimal ERC-1155 for crawl tests: single and batch transfers.
contract TestMultiToken {
    event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value);
    event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values);

    mapping(uint256 => mapping(address => uint256)) public balanceOf;

    function mint(address to, uint256 id, uint256 value) external {
        balanceOf[id][to] += value;
        emit TransferSingle(msg.sender, address(0), to, id, value);
    }

    function mintBatch(address to, uint256[] calldata ids, uint256[] calldata values) external {
        require(ids.length == values.length, "lengths");
        for (uint256 i = 0; i < ids.length; i++) {
            balanceOf[ids[i]][to] += values[i];
        }
        emit TransferBatch(msg.sender, address(0), to, ids, values);
    }
}

/// Emits an event with a parameter of each shape a decoded-event column takes: small and
/// signed integers, a uint64, bool, string, bytes, an array and a tuple.
contract TestEventShapes {
    struct Pair {
        address who;
        uint256 amount;
    }

    event Shaped(uint32 indexed small, int64 signed, uint64 big, bool flag, string text, bytes blob, uint256[] list, Pair pair);

    function shape(uint32 small, int64 signed, uint64 big, bool flag, string calldata text, bytes calldata blob,
                   uint256[] calldata list, Pair calldata pair) external {
        emit Shaped(small, signed, big, flag, text, blob, list, pair);
    }
}
