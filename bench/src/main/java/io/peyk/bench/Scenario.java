package io.peyk.bench;

/**
 * One benchmark configuration: the window of the single bind, the text every message carries, and how many messages warm
 * up and how many are measured.
 *
 * @param label how the result table names it
 * @param windowSize submit_sm in flight without a response (the bind's window)
 * @param text a single-part text (GSM-7 up to 160 characters, UCS-2 up to 70)
 * @param warmupMessages sent (with receipts awaited) before measuring
 * @param measuredMessages sent while measuring
 * @param receipts whether every message asks for a receipt (off only for the submit-path diagnostic)
 */
record Scenario(String label, int windowSize, String text, int warmupMessages, int measuredMessages, boolean receipts) {

    static final int MAX_MESSAGES = 10_000_000;

    Scenario {
        if (windowSize < 1 || warmupMessages < 0 || warmupMessages > MAX_MESSAGES || measuredMessages < 1
                || measuredMessages > MAX_MESSAGES) {
            throw new IllegalArgumentException("window >= 1, warm-up 0.." + MAX_MESSAGES + ", measured 1.." + MAX_MESSAGES);
        }
    }
}
