#!/usr/bin/env python3
"""Write samples/schedule-template.xlsx from samples/schedule-template.csv.

The CSV is the one source of the template; this script lays the same cells out
as a workbook a filing team can copy: one sheet, "Activity", numbers stored as
numbers in the formats a schedule shows them in ("#,##0_);(#,##0)" for counts and
amounts, "0.00" for prices, "0.0" for terms, by the decimals the CSV writes),
text rows in bold.  The archive is written deterministically (fixed timestamps,
fixed order), so that running the script again gives the same bytes.

    python3 tools/schedule-template.py [CSV [XLSX]]

Only the standard library: csv, zipfile, xml.sax.saxutils.
"""
import csv
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV_PATH = os.path.join(ROOT, "samples", "schedule-template.csv")
XLSX_PATH = os.path.join(ROOT, "samples", "schedule-template.xlsx")

NUMBER = re.compile(r"^(\()?(-)?([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)(?:\.([0-9]+))?(\))?$")

# cellXfs: 0 plain, 1 bold wrapped text, 2 counts and amounts, 3 prices, 4 terms
STYLE_TEXT, STYLE_BOLD, STYLE_COUNT, STYLE_PRICE, STYLE_TERM = 0, 1, 2, 3, 4


def number(text):
    """("-145000", style) for "(145,000)"; None for text."""
    m = NUMBER.match(text.strip())
    if not m or bool(m.group(1)) != bool(m.group(5)):
        return None
    negative = bool(m.group(1)) or bool(m.group(2))
    whole = m.group(3).replace(",", "")
    places = m.group(4) or ""
    value = whole + ("." + places if places else "")
    value = value.rstrip("0").rstrip(".") if places else value
    if negative and value not in ("0", ""):
        value = "-" + value
    style = {0: STYLE_COUNT, 1: STYLE_TERM}.get(len(places), STYLE_PRICE)
    return value, style


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows, strings):
    index = {}
    out = []
    width = max(len(r) for r in rows)
    for r, row in enumerate(rows, 1):
        has_number = any(number(v) for v in row if v.strip())
        cells = []
        for c, text in enumerate(row):
            if not text.strip():
                continue
            ref = f"{column(c)}{r}"
            num = number(text)
            if num:
                cells.append(f'<c r="{ref}" s="{num[1]}"><v>{num[0]}</v></c>')
                continue
            if text not in index:
                index[text] = len(strings)
                strings.append(text)
            style = STYLE_TEXT if has_number else STYLE_BOLD
            cells.append(f'<c r="{ref}" s="{style}" t="s"><v>{index[text]}</v></c>')
        if cells:
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
    cols = '<col min="1" max="1" width="48" customWidth="1"/>'
    if width > 1:
        cols += f'<col min="2" max="{width}" width="20" customWidth="1"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:{column(width - 1)}{len(rows)}"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
        f'<sheetData>{"".join(out)}</sheetData>'
        "</worksheet>"
    )


def strings_xml(strings):
    items = "".join(
        f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="3">'
    '<numFmt numFmtId="164" formatCode="#,##0_);(#,##0)"/>'
    '<numFmt numFmtId="165" formatCode="0.00"/>'
    '<numFmt numFmtId="166" formatCode="0.0"/>'
    "</numFmts>"
    '<fonts count="2">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment wrapText="1" vertical="bottom"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)

WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<bookViews><workbookView/></bookViews>'
    '<sheets><sheet name="Activity" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)

WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else CSV_PATH
    dst = sys.argv[2] if len(sys.argv) > 2 else XLSX_PATH
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    strings = []
    sheet = sheet_xml(rows, strings)
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", strings_xml(strings)),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    tmp = dst + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    os.replace(tmp, dst)
    print(f"wrote {os.path.relpath(dst)} from {os.path.relpath(src)}")


if __name__ == "__main__":
    main()
