"""Trim an XBRL instance to its share-based payment facts, as test/data/assemble/README.md
describes: root element, link:schemaRef, dei facts, facts whose concept speaks of share-based
payment (text blocks left out), and the contexts and units they use.  Test-fixture generator."""
import re, sys
KEEP = re.compile(r'ShareBased|Sharebased|StockOption|EquityInstruments|RestrictedStock|'
                  r'ExercisePriceRange|StockIssuedDuringPeriodSharesStockOptionsExercised|'
                  r'ProceedsFromStockOptionsExercised|SharePrice', re.I)
def main(src, out):
    doc = open(src, encoding='utf-8').read()
    head = doc[:doc.index('>', doc.index('<xbrli:xbrl') if '<xbrli:xbrl' in doc else doc.index('<xbrl')) + 1]
    schema = re.search(r'<link:schemaRef[^>]*/>', doc)
    contexts = {m.group(1): m.group(0) for m in re.finditer(r'<xbrli:context id="([^"]+)">.*?</xbrli:context>', doc, re.S)}
    units = {m.group(1): m.group(0) for m in re.finditer(r'<xbrli:unit id="([^"]+)">.*?</xbrli:unit>', doc, re.S)}
    facts = []
    for m in re.finditer(r'<([A-Za-z][\w.-]*):([A-Za-z][\w.-]*)\b([^>]*?contextRef="[^"]*"[^>]*?)(/>|>(.*?)</\1:\2>)', doc, re.S):
        prefix, local = m.group(1), m.group(2)
        if prefix in ('xbrli', 'link'): continue
        if prefix == 'dei' or (KEEP.search(local) and 'TextBlock' not in local and 'Policy' not in local):
            facts.append(m.group(0))
    used_c = set(re.findall(r'contextRef="([^"]+)"', '\n'.join(facts)))
    used_u = set(re.findall(r'unitRef="([^"]+)"', '\n'.join(facts)))
    close = '</xbrli:xbrl>' if '<xbrli:xbrl' in doc else '</xbrl>'
    o = [head]
    if schema: o.append('  ' + schema.group(0))
    o += ['  ' + contexts[c] for c in sorted(used_c) if c in contexts]
    o += ['  ' + units[u] for u in sorted(used_u) if u in units]
    o += ['  ' + f for f in facts]
    o += [close, '']
    open(out, 'w', encoding='utf-8').write('\n'.join(o))
    print(len(facts), 'facts', len(used_c), 'contexts', len(used_u), 'units')
if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
