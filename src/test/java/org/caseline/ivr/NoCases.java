package org.caseline.ivr;

import java.util.Locale;
import java.util.Optional;

import org.caseline.ivr.engine.Interpreter;

/** The case world of an interpreter under test that never looks a case up: no keys make a receipt, no status. */
final class NoCases implements Interpreter.Cases {

    @Override
    public Optional<String> receiptFromKeys(String digits) {
        return Optional.empty();
    }

    @Override
    public Optional<String[]> status(String receipt, Locale language) {
        return Optional.empty();
    }
}
