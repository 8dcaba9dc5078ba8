/*
 * What the two JSON readers of XBRL facts (xBRL-JSON, SEC companyfacts) share.
 * Private to src/read/xbrljson.c and src/read/companyfacts.c.
 */
#ifndef RC_READ_XBRLJSON_H
#define RC_READ_XBRLJSON_H

#include <stddef.h>
#include <cjson/cJSON.h>

/*
 * Line and column of offsets met in increasing order, counted on from the
 * last one: a fact list of a hundred thousand entries must not cost a scan
 * from the start of the file per entry (rc_line_col).  An offset before the
 * last one starts over from the beginning, so any order is correct.
 */
typedef struct rc_xjson_lines {
    const char *buf;
    size_t len;
    size_t off; /* where counting stopped */
    size_t bol; /* the start of the line holding off */
    unsigned line;
} rc_xjson_lines;

void rc_xjson_lines_init(rc_xjson_lines *lc, const char *buf, size_t len);
/* 1-based line and column (in bytes, as rc_line_col counts) of off. */
void rc_xjson_lines_at(rc_xjson_lines *lc, size_t off, unsigned *line, unsigned *col);

/* At most this many bytes of an input string are quoted in a message. */
#define RC_XJSON_QUOTE_MAX 60

/* s for a message: itself, or its first RC_XJSON_QUOTE_MAX bytes (cut at a character
 * boundary) and "..." written into buf. */
const char *rc_xjson_quote(char buf[static RC_XJSON_QUOTE_MAX + 4], const char *s);

/* "a string", "a number", "an object", "an array", "true", "false", "null". */
const char *rc_xjson_type_name(const cJSON *node);

#endif
