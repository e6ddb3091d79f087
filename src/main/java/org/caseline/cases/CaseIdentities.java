package org.caseline.cases;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What identifies a case's applicant, from the agency's case system: name, date of birth and
 * postal code. It is used only to tell whether someone asking about a case without an account
 * knows them; it is never shown back, to anyone.
 */
@Service
public class CaseIdentities {

    /** The applicant as the case system knows them, or as a requester says they are. */
    public record Identity(String name, LocalDate dateOfBirth, String postalCode) {
    }

    private final JdbcClient jdbc;

    CaseIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses an identity with a part missing, before anything is stored. */
    public static void requireComplete(Identity identity) {
        if (identity.name() == null || nameKey(identity.name()).isEmpty() || identity.dateOfBirth() == null
                || postal(identity.postalCode()).isEmpty()) {
            throw new InvalidCaseDataException("applicant", "The applicant needs a name, a date of birth and a postal code.");
        }
    }

    /** Records (or replaces) the applicant's identity on a case that exists. */
    public void record(ReceiptNumber receipt, Identity identity) {
        requireComplete(identity);
        jdbc.sql("""
                        insert into case_identity (receipt_number, name_key, birth_date, postal_code) values (?, ?, ?, ?)
                        on conflict (receipt_number) do update set name_key = excluded.name_key, birth_date = excluded.birth_date,
                            postal_code = excluded.postal_code""")
                .params(receipt.value(), nameKey(identity.name()), identity.dateOfBirth(), postal(identity.postalCode())).update();
    }

    /**
     * Whether the case exists and its applicant is the one described: the name compared without
     * case, accents or spacing, the postal code by its first five characters.
     */
    public boolean matches(ReceiptNumber receipt, Identity claimed) {
        if (claimed.name() == null || claimed.dateOfBirth() == null || claimed.postalCode() == null) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from case_identity where receipt_number = ? and name_key = ? and birth_date = ? and postal_code = ?)")
                .params(receipt.value(), nameKey(claimed.name()), claimed.dateOfBirth(), postal(claimed.postalCode()))
                .query(Boolean.class).single();
    }

    static String nameKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}]", "");
    }

    private static String postal(String code) {
        String digits = code == null ? "" : code.replaceAll("[^0-9A-Za-z]", "").toUpperCase(Locale.ROOT);
        return digits.length() > 5 ? digits.substring(0, 5) : digits;
    }
}
