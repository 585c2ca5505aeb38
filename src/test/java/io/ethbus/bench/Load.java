package io.ethbus.bench;

/**
 * The work one measured pass did, as the client counted it.
 *
 * @param blocks        blocks fetched
 * @param transactions  transactions in them (full objects), to check that every client did the same work
 * @param receipts      receipts fetched
 * @param calls         JSON-RPC calls
 * @param httpRequests  HTTP requests (batches)
 * @param answerBytes   response bytes read (0 when the client does not tell)
 */
record Load(long blocks, long transactions, long receipts, long calls, long httpRequests, long answerBytes) {
}
