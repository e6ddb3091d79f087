package org.caseline.cases;

import java.util.Optional;

/** The public read side of cases: status by receipt number, for every channel. */
public interface CaseStatusService {

    /** Parses what a person typed; see {@link ReceiptNumber#parse}. */
    ReceiptNumber parseReceipt(String raw);

    Optional<CaseStatusView> findStatus(ReceiptNumber receipt);
}
