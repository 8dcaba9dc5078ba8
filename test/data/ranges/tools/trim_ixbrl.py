"""Trim an inline XBRL document to its share-based payment facts: the root element with its
namespace declarations, the ix:header with the contexts and units the kept facts use (and
the kept hidden facts), and each kept fact element as written, one per paragraph.  Kept:
dei facts, and numeric or duration facts whose concept speaks of share-based payment (text
blocks and policies left out).  Test-fixture generator."""
import re, sys

KEEP = re.compile(r'ShareBased|Sharebased|StockOption|EquityInstruments|RestrictedStock|'
                  r'ExercisePriceRange|StockIssuedDuringPeriodSharesStockOptionsExercised|'
                  r'ProceedsFromStockOptionsExercised|SharePrice', re.I)

def main(src, out):
    doc = open(src, encoding='utf-8').read()
    root = re.search(r'<html[^>]*>', doc).group(0)
    header = re.search(r'<ix:header>(.*?)</ix:header>', doc, re.S).group(1)
    contexts = {m.group(1): m.group(0) for m in
                re.finditer(r'<xbrli:context id="([^"]+)">.*?</xbrli:context>', header, re.S)}
    units = {m.group(1): m.group(0) for m in
             re.finditer(r'<xbrli:unit id="([^"]+)">.*?</xbrli:unit>', header, re.S)}
    refs = re.search(r'<ix:references>.*?</ix:references>', header, re.S)
    hidden_block = re.search(r'<ix:hidden>(.*?)</ix:hidden>', header, re.S)
    body_start = doc.index('</ix:header>')
    facts, hidden = [], []
    tag = re.compile(r'<(/?)ix:(nonFraction|nonNumeric)\b([^>]*?)(/?)>', re.S)
    def want(attrs):
        name = re.search(r'name="([^"]+)"', attrs).group(1)
        if name.startswith('dei:'): return True
        local = name.split(':', 1)[1]
        if 'TextBlock' in local or 'Policy' in local: return False
        return bool(KEEP.search(local))
    def elements(text, start=0):
        """the wanted fact elements, whole (nested facts inside them included)"""
        out, stack = [], []   # stack of (start offset, wanted, kind)
        for m in tag.finditer(text, start):
            if m.group(1):  # a close tag
                if not stack: continue
                b, w, kind = stack.pop()
                if w and not any(x[1] for x in stack):
                    out.append(text[b:m.end()])
            elif m.group(4):  # empty element
                if want(m.group(3)) and not any(x[1] for x in stack): out.append(m.group(0))
            else:
                stack.append((m.start(), want(m.group(3)), m.group(2)))
        return out
    if hidden_block: hidden = elements(hidden_block.group(1))
    facts = elements(doc, body_start)
    used_c, used_u = set(), set()
    for f in hidden + facts:
        used_c.update(re.findall(r'contextRef="([^"]+)"', f))
        used_u.update(re.findall(r'unitRef="([^"]+)"', f))
    o = ['<?xml version="1.0" encoding="utf-8"?>', root, '<head><title>trimmed</title></head>',
         '<body>', '<div style="display:none"><ix:header>']
    if hidden: o.append('<ix:hidden>\n' + '\n'.join(hidden) + '\n</ix:hidden>')
    if refs: o.append(refs.group(0))
    o.append('<ix:resources>')
    o += [contexts[c] for c in sorted(used_c) if c in contexts]
    o += [units[u] for u in sorted(used_u) if u in units]
    o.append('</ix:resources></ix:header></div>')
    o += ['<p>%s</p>' % f for f in facts]
    o += ['</body>', '</html>', '']
    open(out, 'w', encoding='utf-8').write('\n'.join(o))
    print(len(facts), 'facts,', len(hidden), 'hidden,', len(used_c), 'contexts,', len(used_u), 'units')

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
