// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A small ERC-20 for tests: every ABI shape the client must handle has a function or event here
/// (constructor arguments, custom errors, Error(string), panics, a struct return, an anonymous
/// event, a dynamic indexed parameter).
contract TestToken {
    struct Holder {
        address account;
        uint256 balance;
        bool active;
        string label;
        uint256[] history;
    }

    string public name;
    string public symbol;
    uint8 public constant decimals = 18;
    uint256 public totalSupply;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => string) private labels;
    mapping(address => uint256[]) private histories;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Tagged(string indexed tag, address indexed who, bytes note);
    event Minted(address indexed to, uint256 amount) anonymous;

    error InsufficientBalance(uint256 available, uint256 required);
    error InsufficientAllowance(address spender, uint256 available, uint256 required);

    constructor(string memory name_, string memory symbol_, uint256 initialSupply) {
        name = name_;
        symbol = symbol_;
        _mint(msg.sender, initialSupply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < value) {
            revert InsufficientAllowance(msg.sender, allowed, value);
        }
        allowance[from][msg.sender] = allowed - value;
        _transfer(from, to, value);
        return true;
    }

    /// Mints to `to`; reverts with Error(string) for the zero address.
    function mint(address to, uint256 amount) external {
        require(to != address(0), "TestToken: mint to the zero address");
        _mint(to, amount);
    }

    /// Labels the caller and emits Tagged with the label as a dynamic indexed topic (its hash).
    function tag(string calldata label, bytes calldata note) external {
        labels[msg.sender] = label;
        emit Tagged(label, msg.sender, note);
    }

    /// Panics with 0x12 (division by zero) when `divisor` is 0.
    function divide(uint256 value, uint256 divisor) external pure returns (uint256) {
        return value / divisor;
    }

    /// Panics with 0x32 (array index out of bounds) past the account's history.
    function historyAt(address account, uint256 index) external view returns (uint256) {
        return histories[account][index];
    }

    function holder(address account) external view returns (Holder memory) {
        return Holder(account, balanceOf[account], balanceOf[account] > 0, labels[account], histories[account]);
    }

    function _transfer(address from, address to, uint256 value) private {
        uint256 available = balanceOf[from];
        if (available < value) {
            revert InsufficientBalance(available, value);
        }
        balanceOf[from] = available - value;
        balanceOf[to] += value;
        histories[from].push(balanceOf[from]);
        histories[to].push(balanceOf[to]);
        emit Transfer(from, to, value);
    }

    function _mint(address to, uint256 amount) private {
        totalSupply += amount;
        balanceOf[to] += amount;
        histories[to].push(balanceOf[to]);
        emit Transfer(address(0), to, amount);
        emit Minted(to, amount);
    }
}
