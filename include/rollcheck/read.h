/*
 * rollcheck/read.h - reading inputs into a model.
 *
 * The form of an input is detected from its content, never from its name.
 * Each reader adds roll-forwards and facts to a model; after every input was
 * read, rc_model_finish merges and chains them.
 */
#ifndef ROLLCHECK_READ_H
#define ROLLCHECK_READ_H

#include <stddef.h>

#include "rollcheck/common.h"
#include "rollcheck/model.h"

typedef enum rc_format {
    RC_FORMAT_UNKNOWN = 0,
    RC_FORMAT_MODEL_JSON /* rollcheck's own model JSON (docs/model-json.md) */
} rc_format;

/* "model-json", or "unknown". Static string. */
const char *rc_format_name(rc_format format);

/* Which form buf[0..len) is in, from its content. */
rc_format rc_detect_format(const char *buf, size_t len);

/* Inputs larger than this are refused with RC_ELIMIT. */
#define RC_MAX_INPUT_BYTES ((size_t)1 << 31)

/*
 * Read the file at path into model.  *format (may be NULL) receives the form
 * detected.  On failure returns a negative code with a one-line message in
 * ctx ("path:line:col: error: ..."); the model may then hold part of the
 * input's roll-forwards, all of them from `path`.
 */
int rc_read_file(rc_model *model, const char *path, rc_format *format, rc_ctx *ctx);

/* The same for a buffer; name is used as the file name in locations. */
int rc_read_buffer(rc_model *model, const char *name, const char *buf, size_t len,
                   rc_format *format, rc_ctx *ctx);

/* Read rollcheck's model JSON (the output of `rollcheck extract`). */
int rc_read_model_json(rc_model *model, const char *name, const char *buf, size_t len,
                       rc_ctx *ctx);

#endif
