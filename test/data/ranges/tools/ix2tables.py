"""Write the EDGAR "Tables" R page of one text block of an inline XBRL document: the text
block's HTML with the inline tags taken off, in the R page frame (title, period heading,
one row naming the text block's concept).  Test-fixture generator."""
import re, sys, html

def textblock(doc, concept):
    i = doc.index('name="%s"' % concept)
    start = doc.rindex('<ix:nonNumeric', 0, i)
    start = doc.index('>', start) + 1
    # the matching close tag: count nested nonNumeric
    depth, pos = 1, start
    while depth:
        o = doc.find('<ix:nonNumeric', pos)
        c = doc.find('</ix:nonNumeric>', pos)
        if o != -1 and o < c:
            depth += 1; pos = o + 1
        else:
            depth -= 1; pos = c + 1
    body = doc[start:c]
    body = re.sub(r'</?ix:[^>]*>', '', body)
    return body

def main(src, concept, title, group, date, label, out):
    doc = open(src, encoding='utf-8').read()
    body = textblock(doc, concept)
    local = concept.split(':')[1]
    prefix = concept.split(':')[0]
    page = f'''<html>
<head>
<title></title>
</head>
<body>
<table class="report" border="0" cellspacing="2" id="id1">
<tr>
<th class="tl" colspan="1" rowspan="2"><div style="width: 200px;"><strong>{html.escape(title)}<br></strong></div></th>
<th class="th" colspan="1">{html.escape(group)}</th>
</tr>
<tr><th class="th"><div>{html.escape(date)}</div></th></tr>
<tr class="ro">
<td class="pl" style="border-bottom: 0px;" valign="top"><a class="a" href="javascript:void(0);" onclick="Show.showAR( this, 'defref_{prefix}_{local}', window );">{html.escape(label)}</a></td>
<td class="text">{body}<span></span>
</td>
</tr>
</table>
</body>
</html>
'''
    open(out, 'w', encoding='utf-8').write(page)

if __name__ == '__main__':
    main(*sys.argv[1:8])
