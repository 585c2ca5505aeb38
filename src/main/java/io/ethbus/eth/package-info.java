/**
 * The typed eth, net, web3 and txpool calls ({@link io.ethbus.eth.Eth}, {@link io.ethbus.eth.Net},
 * {@link io.ethbus.eth.Web3}, {@link io.ethbus.eth.Txpool}, described once in
 * {@link io.ethbus.eth.EthCalls}) and the records their answers decode into.
 *
 * <h2>Number types in records</h2>
 * One Java type per kind of number, whichever record or method carries it:
 * <ul>
 *   <li>Positions and counts: block numbers, transaction and log indices, counts (transactions,
 *       uncles, pool entries), sizes in bytes and timestamps in seconds are {@code long}: none
 *       comes near 2^63, and a primitive costs nothing to read or compare. Where the node may
 *       leave one out (a pending transaction's block number, a log of a pending block) it is a
 *       {@code Long}, null when absent; a position passed in a call is a {@code long}.</li>
 *   <li>Nonces are {@code BigInteger}: a transaction's nonce, an account's transaction count and
 *       proof nonce, an authorization's nonce, a prestate trace's account nonce, the nonce keys of
 *       the txpool maps, so a nonce read from one answer compares with {@code equals} to one read
 *       from another.</li>
 *   <li>Amounts are {@code BigInteger}: wei, gas, gas prices and fees, blob gas, storage values
 *       (uint256 words).</li>
 *   <li>Small codes are {@code int} ({@code Integer} when optional): transaction type, receipt
 *       and call status, y-parity.</li>
 *   <li>A node's error code (a JSON number, not a hex quantity) is a {@code long}.</li>
 *   <li>Chain ids are {@code BigInteger}: {@code Eth.chainId()}, a transaction's and an
 *       authorization's chain id, the chain id of a request, as EIP-155 and EIP-7702 allow any
 *       uint256, so the id the node answers compares with {@code equals} to one read from a
 *       transaction.</li>
 * </ul>
 */
package io.ethbus.eth;
