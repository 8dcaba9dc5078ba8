/*
 * rollcheck/read.h - reading inputs into a model.
 *
 * The form of an input is detected from its content, never from its name.
 * Each reader adds roll-forwards, facts and notes to a model; after every
 * input was read, rc_model_finish merges and chains them.  Rendered forms (R
 * pages, text captures, note tables) first become a grid of cells that one
 * table interpreter turns into roll-forwards, classifying rows with the
 * vocabulary (rc_vocab) kept as data in rules/.
 */
#ifndef ROLLCHECK_READ_H
#define ROLLCHECK_READ_H

#include <stddef.h>

#include "rollcheck/common.h"
#include "rollcheck/model.h"

typedef enum rc_format {
    RC_FORMAT_UNKNOWN = 0,
    RC_FORMAT_MODEL_JSON,     /* rollcheck's own model JSON (docs/model-json.md) */
    RC_FORMAT_R_HTML,         /* an EDGAR rendered R page (R1.htm ...) */
    RC_FORMAT_FILING_SUMMARY, /* EDGAR FilingSummary.xml */
    RC_FORMAT_SUBMISSION,     /* an EDGAR full submission text file ({accession}.txt) */
    RC_FORMAT_TEXT_CAPTURE,   /* a plain-text capture of an R page (the seeds' forms) */
    RC_FORMAT_XBRL_INSTANCE,  /* an XBRL 2.1 instance (.xml, EDGAR's *_htm.xml extracts) */
    RC_FORMAT_INLINE_XBRL,    /* an inline XBRL document (.htm) */
    RC_FORMAT_XBRL_JSON,      /* xBRL-JSON */
    RC_FORMAT_COMPANYFACTS,   /* SEC companyfacts JSON (data.sec.gov/api/xbrl/companyfacts) */
    RC_FORMAT_CSV,            /* a company's own schedule as CSV (docs/schedules.md) */
    RC_FORMAT_XLSX,           /* an .xlsx workbook: EDGAR's Financial_Report.xlsx, or a
                                 company's own schedule */
    RC_FORMAT__COUNT
} rc_format;

/* "model-json", "r-html", "filing-summary", "submission", "text-capture",
 * "xbrl-instance", "inline-xbrl", "xbrl-json", "companyfacts", "csv", "xlsx",
 * "unknown". */
const char *rc_format_name(rc_format format);

/* Which form buf[0..len) is in, from its content. */
rc_format rc_detect_format(const char *buf, size_t len);

/* Inputs larger than this are refused with RC_ELIMIT. */
#define RC_MAX_INPUT_BYTES ((size_t)1 << 31)

/* ---- the vocabulary: how rows and concepts are classified ----------------------- */

/*
 * Label patterns (rules/labels.json) and the concept map (rules/concepts.json):
 * which row labels and XBRL concepts are balances, which movements, which
 * measures, which award classes.  Data, not code: users add their own files
 * with --rules DIR.  A vocabulary owns its strings and compiled patterns.
 */
typedef struct rc_vocab rc_vocab;

int rc_vocab_new(rc_vocab **out);
void rc_vocab_free(rc_vocab *vocab);
/* Load the vocabulary files of dir: every *.json whose top-level object holds
 * "labels" or "concepts" (rule files are left to rc_ruleset_load_dir), in name
 * order; later entries are tried first, so that user files override.  An
 * error in a file is "FILE:LINE:COL: error: ..." (RC_ESYNTAX). */
int rc_vocab_load_dir(rc_vocab *vocab, const char *dir, rc_ctx *ctx);
int rc_vocab_load_file(rc_vocab *vocab, const char *path, rc_ctx *ctx);

/* ---- reading one buffer or file ------------------------------------------------- */

/*
 * Read the file at path into model.  *format (may be NULL) receives the form
 * detected.  On failure returns a negative code with a one-line message in
 * ctx ("path:line:col: error: ..."); the model may then hold part of the
 * input (rc_model_mark_state / rc_model_rollback undo it).  vocab may be NULL
 * only for forms that need none (model JSON).
 */
int rc_read_file(rc_model *model, const rc_vocab *vocab, const char *path, rc_format *format,
                 rc_ctx *ctx);

/* The same for a buffer; name is used as the file name in locations. */
int rc_read_buffer(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                   size_t len, rc_format *format, rc_ctx *ctx);

/* Read rollcheck's model JSON (the output of `rollcheck extract`). */
int rc_read_model_json(rc_model *model, const char *name, const char *buf, size_t len,
                       rc_ctx *ctx);

/* ---- the inputs of a run ---------------------------------------------------------- */

/* One input of a run, as reported in the "files" list. */
typedef struct rc_input {
    const char *path;
    rc_format format;
    size_t rollforwards; /* roll-forwards read from it (after rc_inputs_read) */
    size_t facts;        /* facts read from it */
    const char *error;   /* the one-line read error, or NULL */
    const char *skipped; /* why it was not read (e.g. not a share-based payment page
                            of its FilingSummary.xml), or NULL */
} rc_input;

typedef struct rc_inputs rc_inputs;

int rc_inputs_new(rc_inputs **out);
void rc_inputs_free(rc_inputs *inputs);

/*
 * Add a path the user gave.  A file is one input.  A directory stands for the
 * files in it (not its subdirectories), in name order.  A filing's folder holds
 * the same facts several ways; it is read the most exact way: its XBRL
 * instances, its inline XBRL documents that have no extracted instance beside
 * them ("x.htm" and "x_htm.xml"), and only when it holds neither, its R pages:
 * with an EDGAR FilingSummary.xml, the pages it names as share-based payment
 * reports (Details and Tables); its Financial_Report.xlsx only when it holds none
 * of these.  Every other file is listed as skipped, with
 * the reason.  Files named one by one are always read.  RC_EIO (with a
 * message) when the path does not exist.
 */
int rc_inputs_add(rc_inputs *inputs, const char *path, rc_ctx *ctx);

/*
 * Read every input into model, then finish the model (rc_model_finish) and
 * count each input's roll-forwards and facts.  When a FilingSummary.xml is
 * among the files given together, R pages it does not name as share-based
 * payment reports are skipped; without one, every R page is read.  An input
 * that fails to read contributes nothing to the model and keeps its error;
 * the others are read all the same.  Returns RC_OK unless out of memory.
 */
int rc_inputs_read(rc_inputs *inputs, rc_model *model, const rc_vocab *vocab, rc_ctx *ctx);

/*
 * Progress: fn(userdata, done, total, path) is called by rc_inputs_read before it reads
 * each input it reads (those not failed or skipped): done of total were read before this
 * one, path is the input's.  The library itself never writes to a terminal; a program
 * draws what it likes (rollcheck: one line on stderr).  userdata is passed through, not
 * owned; path is borrowed for the call.  fn NULL turns it off.
 */
typedef void (*rc_inputs_progress_fn)(void *userdata, size_t done, size_t total, const char *path);
void rc_inputs_set_progress(rc_inputs *inputs, rc_inputs_progress_fn fn, void *userdata);

size_t rc_inputs_count(const rc_inputs *inputs);
const rc_input *rc_inputs_get(const rc_inputs *inputs, size_t i);
/* The inputs as an array (for rc_report), valid until the next rc_inputs_add. */
const rc_input *rc_inputs_array(const rc_inputs *inputs);
/* How many inputs could not be read. */
size_t rc_inputs_failed(const rc_inputs *inputs);

#endif
