"""Render a sheet of an EDGAR Financial_Report.xlsx as the R page (HTML) EDGAR renders the
same report as: title cell, period group headers (merged cells), date/unit headers, rows
(member rows class "rh"), values with nump/num classes.  Test-fixture generator."""
import re, sys, zipfile, html

def col_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters: n = n * 26 + (ord(ch) - 64)
    return n - 1

def sheet_rows(path, sheet):
    z = zipfile.ZipFile(path)
    ss = z.read('xl/sharedStrings.xml').decode('utf-8')
    strs = [html.unescape(re.sub('<[^>]+>', '', m)) for m in re.findall(r'<si>(.*?)</si>', ss, re.S)]
    s = z.read('xl/worksheets/%s.xml' % sheet).decode('utf-8')
    merges = re.findall(r'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"', s)
    rows = []
    for r in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', s, re.S):
        cells = {}
        for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', r[1], re.S):
            ref = re.search(r'r="([A-Z]+\d+)"', attrs).group(1)
            v = re.search(r'<v>(.*?)</v>', body or '')
            if not v: continue
            v = v.group(1)
            if 't="s"' in attrs: v = strs[int(v)]
            cells[col_index(ref)] = v
        rows.append((int(r[0]), cells))
    return rows, merges

def fmt_num(v, label):
    try:
        x = float(v)
    except ValueError:
        return v, 'text'
    neg = x < 0
    # the workbook stores full precision: show as the page does (2 places for per-share)
    if '$ / shares' in label or 'per share' in label.lower() or ('price' in label.lower() and 'range' not in label.lower() and abs(x) < 100000):
        txt = '%.2f' % abs(x)
    elif x == int(x):
        txt = '{:,}'.format(int(abs(x)))
    else:
        txt = ('%.4f' % abs(x)).rstrip('0').rstrip('.')
    return ('(%s)' % txt if neg else txt), ('num' if neg else 'nump')

def render(path, sheet, out):
    rows, merges = sheet_rows(path, sheet)
    ncols = max(max(c.keys()) for _, c in rows if c) + 1
    o = ['<html>', '<head><title></title></head>', '<body>',
         '<table class="report" border="0" cellspacing="2" id="id1">']
    head = [r for r in rows if r[0] <= 2]
    body = [r for r in rows if r[0] > 2]
    title = head[0][1].get(0, '')
    # row 1: title (rowspan 2) and group headers (merged across)
    spans = {}
    for c1, r1, c2, r2 in merges:
        if int(r1) == 1 and int(r2) == 1:
            spans[col_index(c1 + '1')] = col_index(c2 + '1') - col_index(c1 + '1') + 1
    o.append('<tr>')
    parts = title.split(' - ')
    o.append('<th class="tl" colspan="1" rowspan="2"><div style="width: 200px;"><strong>%s</strong></div></th>' % html.escape(title))
    for c in range(1, ncols):
        if c in head[0][1]:
            o.append('<th class="th" colspan="%d">%s</th>' % (spans.get(c, 1), html.escape(head[0][1][c])))
    o.append('</tr>')
    o.append('<tr>')
    for c in range(1, ncols):
        v = head[1][1].get(c, '') if len(head) > 1 else ''
        # the workbook joins the heading's lines: "Dec. 31, 2019$ / sharesshares"
        m = re.match(r'^([A-Z][a-z]{2}\. \d{1,2}, \d{4})(.*)$', v)
        lines = [v]
        if m:
            lines = [m.group(1)]
            rest = m.group(2)
            for unit in ['$ / shares', 'shares', 'USD ($)', '$']:
                while rest.startswith(unit):
                    lines.append(unit); rest = rest[len(unit):]
        o.append('<th class="th">%s</th>' % ''.join('<div>%s</div>' % html.escape(x) for x in lines))
    o.append('</tr>')
    for i, (rn, cells) in enumerate(body):
        label = cells.get(0, '')
        values = [cells.get(c) for c in range(1, ncols)]
        nxt = body[i + 1][1].get(0, '') if i + 1 < len(body) else ''
        member = not any(values) and (label.endswith('[Member]') or
                                      (not label.endswith(']') and nxt.endswith('[Line Items]')))
        cls = 'rh' if member else ('re' if i % 2 == 0 else 'ro')
        o.append('<tr class="%s">' % cls)
        if member:
            o.append('<td colspan="%d" class="pl"><strong>%s</strong></td>' % (ncols, html.escape(label)))
        else:
            strong = not any(values)
            lab = html.escape(label)
            o.append('<td class="pl" style="border-bottom: 0px;" valign="top"><a class="a" href="javascript:void(0);">%s</a></td>' % ('<strong>%s</strong>' % lab if strong else lab))
            for v in values:
                if v is None or v == '':
                    o.append('<td class="text">&#160;<span></span></td>')
                elif re.fullmatch(r'-?[0-9.E-]+', v):
                    t, k = fmt_num(v, label)
                    o.append('<td class="%s">%s<span></span></td>' % (k, t))
                else:
                    o.append('<td class="text">%s<span></span></td>' % html.escape(v))
        o.append('</tr>')
    o += ['</table>', '</body>', '</html>', '']
    open(out, 'w').write('\n'.join(o))

if __name__ == '__main__':
    render(sys.argv[1], sys.argv[2], sys.argv[3])
