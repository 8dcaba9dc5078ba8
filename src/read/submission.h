/*
 * EDGAR full submission text files ({accession}.txt): an SGML container of the
 * filing's documents (FORMATS.md 2).  The filing's XBRL (its instance, else its inline
 * document) is read; when it holds no share-based payment fact, or there is none, the R
 * pages inside are read instead (with the FilingSummary.xml that says which are
 * share-based payment pages).
 * Private to the library.
 */
#ifndef RC_READ_SUBMISSION_H
#define RC_READ_SUBMISSION_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "common/util.h"

/* One <DOCUMENT> of a submission. */
typedef struct rc_sub_part {
    const char *type;        /* <TYPE> ("XML", "10-K", "EX-101.INS"), or "" */
    const char *filename;    /* <FILENAME> ("R2.htm"), or "" */
    const char *description; /* <DESCRIPTION>, or "" */
    long sequence;           /* <SEQUENCE>, or 0 */
    unsigned line;           /* line of its <DOCUMENT> */
    size_t off, len;         /* its content in the buffer: between <TEXT> and </TEXT>, an
                                inner <XBRL> (<XML>, <JSON>, <PDF>) wrapper and leading
                                blanks left out */
    unsigned line0;          /* lines of the buffer before its content (rhtml.h) */
    bool uuencoded;          /* the content is uuencoded ("begin 644 name") */
} rc_sub_part;

typedef struct rc_submission {
    rc_sub_part *parts;
    size_t nparts;
    rc_arena *arena; /* owns the strings */
} rc_submission;

/* Split buf into its documents.  *out (freed with rc_submission_free) points into
 * buf for the contents.  RC_ESYNTAX with the line for a malformed container: no
 * <DOCUMENT>, a <DOCUMENT> without <TEXT>, an unterminated <TEXT> or <DOCUMENT>. */
int rc_submission_split(const char *name, const char *buf, size_t len, rc_submission **out,
                        rc_ctx *ctx);
void rc_submission_free(rc_submission *sub);

/* True when buf starts like a submission: <SEC-DOCUMENT>, <SEC-HEADER>, or a
 * <DOCUMENT> followed by its <TYPE> line. */
bool rc_submission_detect(const char *buf, size_t len);

/* True when buf holds a single <DOCUMENT> (an R page as sec.gov serves one). */
bool rc_submission_single_document(const char *buf, size_t len);

/*
 * Read a submission into model, with locations that are lines of the .txt: its XBRL
 * instance (else its inline XBRL document) through the XBRL readers and the assembler
 * (xbrl.h); when that part cannot be read or holds no share-based payment fact, the R
 * pages that its FilingSummary.xml names as share-based payment pages (every R page when
 * it has none).  Notes say which parts were left unread and why (the other XBRL parts,
 * the R pages when the XBRL was read, uuencoded files, a part that could not be read:
 * that part then contributes nothing).  Errors: those of rc_submission_split, RC_ENOMEM.
 */
int rc_read_submission(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                       size_t len, rc_ctx *ctx);

#endif
