package com.verity.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks (.xlsx and the older .xls), written with Apache POI: one sheet named after the title,
 * holding the table rows (the first is the header). The title is also the document title in the
 * file's properties.
 */
public final class SpreadsheetFixtures {

    private SpreadsheetFixtures() {}

    public static byte[] xlsx(FixtureText text) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.getProperties().getCoreProperties().setTitle(text.title());
            return write(workbook, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xls(FixtureText text) {
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            workbook.createInformationProperties();
            workbook.getSummaryInformation().setTitle(text.title());
            return write(workbook, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(Workbook workbook, FixtureText text) throws IOException {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(text.title()));
        for (int r = 0; r < text.rows().size(); r++) {
            Row row = sheet.createRow(r);
            List<String> cells = text.rows().get(r);
            for (int c = 0; c < cells.size(); c++) {
                row.createCell(c).setCellValue(cells.get(c));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
