/*
 * Formatting shared by the reports (private to src/report/): JSON strings and
 * decimals exactly as the JSON report writes them, XML text, and UTF-8 checks.
 * Everything appends to an rc_buf; an allocation failure sets b->failed.
 */
#ifndef RC_REPORT_FORMAT_H
#define RC_REPORT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/number.h"
#include "common/util.h"

/* Places at which decimals with no finite expansion are cut (docs/json-output.md). */
#define RC_REPORT__JSON_PLACES 12

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one. */
size_t rc_report__utf8_len(const unsigned char *s);

/* A JSON string (RFC 8259 escapes; bytes that are not valid UTF-8 become U+FFFD),
 * or null when s is NULL. */
void rc_report__json_string(rc_buf *b, const char *s);

/* A decimal as a JSON string: exact, or cut at RC_REPORT__JSON_PLACES by mode. */
void rc_report__json_decimal(rc_buf *b, const mpq_t q, rc_round mode);

/* Text escaped for XML 1.0 (&, <, >, and in an attribute also " and the blanks
 * tab, newline, return as character references); bytes that are not valid UTF-8
 * and characters XML cannot hold (other controls, U+FFFE, U+FFFF) become U+FFFD.
 * A NULL s appends nothing. */
void rc_report__xml_text(rc_buf *b, const char *s, bool attribute);

#endif
