package org.caseline.cases;

/** No case has this receipt number. */
public class CaseNotFoundException extends RuntimeException {

    private final ReceiptNumber receipt;

    public CaseNotFoundException(ReceiptNumber receipt) {
        super("No case with receipt number " + receipt.masked());
        this.receipt = receipt;
    }

    public ReceiptNumber receipt() {
        return receipt;
    }
}
