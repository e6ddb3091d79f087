package org.caseline.cases;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.caseline.cases.store.CaseStatusCache;
import org.caseline.cases.store.CaseStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

@Service
class CaseStatusLookup implements CaseStatusService {

    private final CaseStore store;
    private final CaseStatusCache cache;
    private final Catalogue catalogue;
    private final ReceiptPrefixes prefixes;
    private final ZoneId zone;

    CaseStatusLookup(CaseStore store, CaseStatusCache cache, Catalogue catalogue, ReceiptPrefixes prefixes,
                     @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone) {
        this.store = store;
        this.cache = cache;
        this.catalogue = catalogue;
        this.prefixes = prefixes;
        this.zone = zone;
    }

    @Override
    public ReceiptNumber parseReceipt(String raw) {
        return ReceiptNumber.parse(raw, prefixes);
    }

    @Override
    public Optional<CaseStatusView> findStatus(ReceiptNumber receipt) {
        return cache.get(receipt.value(), r -> read(receipt));
    }

    private Optional<CaseStatusView> read(ReceiptNumber receipt) {
        return store.findStatus(receipt.value()).map(found -> {
            CaseStore.CaseRow row = found.caseRow();
            Catalogue.Status current = status(row.statusCode());
            List<CaseStatusView.HistoryEntry> history = found.history().stream()
                    .map(e -> new CaseStatusView.HistoryEntry(status(e.statusCode()), e.occurredAt()))
                    .toList();
            Catalogue.Form form = catalogue.form(row.formNumber())
                    .orElseGet(() -> new Catalogue.Form(row.formNumber(),
                            new org.caseline.platform.LocalizedText(row.formNumber(), row.formNumber())));
            Catalogue.Office office = catalogue.office(row.officeCode())
                    .orElseGet(() -> new Catalogue.Office(row.officeCode(),
                            new org.caseline.platform.LocalizedText(row.officeCode(), row.officeCode())));
            return new CaseStatusView(receipt, form, row.receivedDate(), row.updatedAt(), current, row.statusAt(),
                    office, row.sentToDos(), history, found.processingTime(), zone);
        });
    }

    /** A status code the catalogue no longer knows reads as the catch-all, never as an error. */
    private Catalogue.Status status(String code) {
        return catalogue.status(code).or(() -> catalogue.status("NO_INFORMATION"))
                .orElseThrow(() -> new IllegalStateException("The status catalogue has no NO_INFORMATION entry"));
    }
}
