#!/usr/bin/env python3
"""Assertions on a page rendered by headless Chromium (test/browser/run.sh).

Only the standard library: the PNG is decoded with zlib and struct, the DOM
(Chromium's --dump-dom) parsed with html.parser.  Each command exits 0 with
one line saying what held, or 1 with what did not.

  check_render.py static PAGE.html
      the page as rollcheck wrote it: UTF-8, no script, nothing it loads
      from elsewhere (no src=, <link>, url(), @import, external href), and
      no HTML5 parse error (html5lib, strict) when html5lib is installed
  check_render.py findings PAGE.png DOM.html SEVERITY RULE TEXT
      the DOM holds a cell highlighted hl-SEVERITY (error, warning, info)
      that shows TEXT and links to a finding of rule RULE with that
      severity; for each highlight class, the screenshot
      holds as many separate areas of its colour as the DOM has cells of
      that class, each the size of a table cell
  check_render.py clean PAGE.png DOM.html
      no highlighted cell in the DOM, no pixel of any highlight colour
"""
import html.parser
import re
import struct
import sys
import zlib

# The highlight colours of src/report/html.c, by class.
COLOURS = {
    "hl-error": (0xFF, 0xD7, 0xD7),
    "hl-warning": (0xFF, 0xF1, 0xC2),
    "hl-info": (0xDB, 0xE9, 0xFF),
    "hl-accepted": (0xE2, 0xEC, 0xD9),
}

# Smallest area (pixels) and box of a highlighted cell at 1x: a cell holds at
# least one line of 14px text with padding.
MIN_CELL_AREA = 200
MIN_CELL_W, MIN_CELL_H = 20, 12
# The page must end inside the screenshot: its last rows are plain white.
BLANK_ROWS = 24


class Failure(Exception):
    pass


# ---- PNG --------------------------------------------------------------------------


class Image:
    def __init__(self, width, height, channels, rows):
        self.width, self.height, self.channels, self.rows = width, height, channels, rows


def _paeth_row(line, prev, bpp):
    n = len(line)
    for x in range(n):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        if pa <= pb and pa <= pc:
            pred = a
        elif pb <= pc:
            pred = b
        else:
            pred = c
        line[x] = (line[x] + pred) & 0xFF


def decode_png(path):
    """An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + chunk) & 0xFFFFFFFF != crc:
            raise Failure(f"{path}: bad CRC in chunk {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise Failure(f"{path}: no IHDR chunk")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace != 0:
        raise Failure(f"{path}: unsupported PNG (depth {depth}, colour type {colour_type})")
    bpp = 3 if colour_type == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    if len(raw) != height * (stride + 1):
        raise Failure(f"{path}: image data has {len(raw)} bytes, expected {height * (stride + 1)}")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:  # Sub: per channel, a running sum
            for ch in range(bpp):
                acc = 0
                for x in range(ch, stride, bpp):
                    acc = (acc + line[x]) & 0xFF
                    line[x] = acc
        elif kind == 2:  # Up
            line = bytearray(map((0xFF).__and__, map(int.__add__, line, prev)))
        elif kind == 3:  # Average
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((a + prev[x]) >> 1)) & 0xFF
        elif kind == 4:
            _paeth_row(line, prev, bpp)
        elif kind != 0:
            raise Failure(f"{path}: unknown filter {kind} on row {y}")
        rows.append(bytes(line))
        prev = line
    return Image(width, height, bpp, rows)


def colour_runs(img, rgb):
    """Per row, the runs [x0, x1) of pixels of exactly the colour rgb."""
    bpp = img.channels
    pattern = bytes(rgb)
    runs = []
    for y, row in enumerate(img.rows):
        xs = []
        i = row.find(pattern)
        while i >= 0:
            if i % bpp == 0:
                xs.append(i // bpp)
                i = row.find(pattern, i + bpp)
            else:
                i = row.find(pattern, i + 1)
        row_runs = []
        for x in xs:
            if row_runs and row_runs[-1][1] == x:
                row_runs[-1][1] = x + 1
            else:
                row_runs.append([x, x + 1])
        runs.append(row_runs)
    return runs


def components(img, rgb):
    """The connected areas (4-neighbour) of the colour: (area, x0, y0, x1, y1) each."""
    runs = colour_runs(img, rgb)
    parent = {}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    prev = []
    for y, row_runs in enumerate(runs):
        current = []
        for x0, x1 in row_runs:
            node = (y, x0)
            parent[node] = node
            for px0, px1, pnode in prev:
                if px0 < x1 and x0 < px1:
                    ra, rb = find(node), find(pnode)
                    if ra != rb:
                        parent[ra] = rb
            current.append((x0, x1, node))
        prev = current
    areas = {}
    for y, row_runs in enumerate(runs):
        for x0, x1 in row_runs:
            root = find((y, x0))
            a = areas.setdefault(root, [0, x0, y, x1, y + 1])
            a[0] += x1 - x0
            a[1], a[2] = min(a[1], x0), min(a[2], y)
            a[3], a[4] = max(a[3], x1), max(a[4], y + 1)
    return sorted(tuple(a) for a in areas.values())


def check_page_fits(img, path):
    white = b"\xff" * (img.width * img.channels)  # opaque white, RGB or RGBA
    for row in img.rows[-BLANK_ROWS:]:
        if row != white:
            raise Failure(
                f"{path}: the page goes on below the screenshot ({img.width}x{img.height}): "
                "give Chromium a taller --window-size"
            )


# ---- DOM --------------------------------------------------------------------------


class Dom(html.parser.HTMLParser):
    """The cells (td) with their classes, attributes and text; the findings
    (article) with their id, classes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells, self.articles, self.text = [], {}, []
        self._open = []  # stack of [tag, record]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td":
            rec = {"class": (a.get("class") or "").split(), "attrs": a, "text": ""}
            self.cells.append(rec)
            self._open.append(["td", rec])
        elif tag == "article":
            rec = {"class": (a.get("class") or "").split(), "text": ""}
            self.articles[a.get("id", "")] = rec
            self._open.append(["article", rec])

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i]
                break

    def handle_data(self, data):
        self.text.append(data)
        for _, rec in self._open:
            rec["text"] += data


def parse_dom(path):
    dom = Dom()
    with open(path, encoding="utf-8") as f:
        dom.feed(f.read())
    dom.close()
    return dom


def highlighted(dom, cls):
    return [c for c in dom.cells if cls in c["class"]]


# ---- the checks -------------------------------------------------------------------


def check_static(page):
    with open(page, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")  # raises on bytes that are not UTF-8
    lowered = text.lower()
    if "<script" in lowered:
        raise Failure(f"{page}: holds a script")
    for pattern, what in [
        (r"\ssrc\s*=", "a src attribute"),
        (r"<link\b", "a <link> element"),
        (r"url\s*\(", "a CSS url()"),
        (r"@import", "a CSS @import"),
        (r"<(img|iframe|object|embed|video|audio)\b", "an embedded resource"),
    ]:
        if re.search(pattern, lowered):
            raise Failure(f"{page}: holds {what}: it must be self-contained")
    for href in re.findall(r'href="([^"]*)"', text):
        if not href.startswith("#"):
            raise Failure(f"{page}: links outside the page: {href}")
    if not text.startswith("<!DOCTYPE html>"):
        raise Failure(f"{page}: does not start with <!DOCTYPE html>")
    try:
        import html5lib  # Debian's python3-html5lib
    except ImportError:
        return f"{page}: self-contained, UTF-8 (html5lib not installed: HTML5 parse not checked)"
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(data)
    except html5lib.html5parser.ParseError as e:
        raise Failure(f"{page}: HTML5 parse error: {e}")
    return f"{page}: self-contained, UTF-8, no HTML5 parse error"


def check_findings(png, dom_path, severity, rule, text):
    dom = parse_dom(dom_path)
    errors = highlighted(dom, "hl-" + severity)
    wanted = None
    for cell in errors:
        shown = " ".join(cell["text"].split())
        if not re.search(r"(^|\s|[^\d.,])" + re.escape(text) + r"$", shown):
            continue
        for fid in cell["attrs"].get("data-findings", "").split():
            art = dom.articles.get(fid)
            if art and rule in art["text"] and severity in art["class"]:
                wanted = (cell, fid)
    if not wanted:
        raise Failure(
            f"{dom_path}: no cell highlighted hl-{severity} showing {text!r} linked to a {rule} "
            f"{severity} (hl-{severity} cells: {[' '.join(c['text'].split()) for c in errors]})"
        )
    img = decode_png(png)
    check_page_fits(img, png)
    said = []
    for cls, rgb in COLOURS.items():
        cells = highlighted(dom, cls)
        areas = [a for a in components(img, rgb) if a[0] >= MIN_CELL_AREA]
        small = [a for a in areas if a[3] - a[1] < MIN_CELL_W or a[4] - a[2] < MIN_CELL_H]
        if small:
            raise Failure(f"{png}: {cls} areas too small for a cell: {small}")
        if len(areas) != len(cells):
            raise Failure(
                f"{png}: {len(areas)} area(s) of the {cls} colour #{bytes(rgb).hex()} on the "
                f"rendered page, but {len(cells)} cell(s) of class {cls} in the DOM: {areas}"
            )
        if cells:
            boxes = ", ".join(f"{a[3] - a[1]}x{a[4] - a[2]} at ({a[1]},{a[2]})" for a in areas)
            said.append(f"{len(cells)} {cls} ({boxes})")
    cell, fid = wanted
    return (
        f"{png}: {rule} cell {' '.join(cell['text'].split())!r} -> #{fid}; rendered: "
        + "; ".join(said)
    )


def check_clean(png, dom_path):
    dom = parse_dom(dom_path)
    for cls in COLOURS:
        if highlighted(dom, cls):
            raise Failure(f"{dom_path}: a clean page has cells of class {cls}")
    if dom.articles:
        raise Failure(f"{dom_path}: a clean page shows findings: {sorted(dom.articles)}")
    img = decode_png(png)
    check_page_fits(img, png)
    for cls, rgb in COLOURS.items():
        n = sum(x1 - x0 for row in colour_runs(img, rgb) for x0, x1 in row)
        if n:
            raise Failure(f"{png}: {n} pixel(s) of the {cls} colour on a clean page")
    return f"{png}: no highlight in the DOM, no highlight colour on the rendered page"


def main(argv):
    try:
        if len(argv) == 3 and argv[1] == "static":
            said = check_static(argv[2])
        elif len(argv) == 7 and argv[1] == "findings":
            said = check_findings(*argv[2:])
        elif len(argv) == 4 and argv[1] == "clean":
            said = check_clean(*argv[2:])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (Failure, OSError, UnicodeDecodeError) as e:
        print(f"FAIL {e}")
        return 1
    print(f"ok   {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
