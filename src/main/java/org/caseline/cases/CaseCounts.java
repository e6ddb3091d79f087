package org.caseline.cases;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How the cases are spread over the offices that hold them; no case details. */
@Service
public class CaseCounts {

    public record OfficeCases(String office, int cases) {
    }

    private final JdbcClient jdbc;

    CaseCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each office that holds cases, with how many, largest first. */
    public List<OfficeCases> byOffice() {
        return jdbc.sql("select office_code, count(*) from case_record group by office_code order by count(*) desc, office_code")
                .query((rs, n) -> new OfficeCases(rs.getString(1), rs.getInt(2))).list();
    }

    /** A few receipt numbers of an office's cases in a status (for demonstrations and tests). */
    public List<ReceiptNumber> sample(String office, String status, int limit) {
        return jdbc.sql("select receipt_number from case_record where office_code = ? and status_code = ? order by receipt_number limit ?")
                .params(office, status, limit).query((rs, n) -> new ReceiptNumber(rs.getString(1).strip())).list();
    }
}
