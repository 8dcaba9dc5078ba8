/*
 * XBRL facts as every XBRL reader gives them: the XBRL instance, inline XBRL,
 * xBRL-JSON and SEC companyfacts readers all turn their input into one list
 * of rc_xfact, and one assembler (rc_xbrl_assemble) turns that list into
 * facts and roll-forward entries of a model, classifying concepts with the
 * vocabulary's concept map.  Comparing two readers (an inline document and
 * its extracted instance; our instance reader and Arelle's xBRL-JSON of the
 * same file) is comparing two such lists.  Private to the library.
 */
#ifndef RC_READ_XBRL_H
#define RC_READ_XBRL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "common/util.h"

/* decimals not given (a fact with precision, or a companyfacts value) */
#define RC_XDECIMALS_UNSET INT_MIN

/* One dimension of a fact's context. */
typedef struct rc_xdim {
    const char *axis;   /* QName, canonical prefix ("us-gaap:AwardTypeAxis") */
    const char *member; /* explicit member QName ("us-gaap:RestrictedStockUnitsRSUMember"),
                           or the typed member's value as text */
    bool typed;
} rc_xdim;

typedef struct rc_xfact {
    const char *concept; /* QName with a canonical prefix for standard namespaces: us-gaap,
                            ifrs-full, srt, dei, xbrli, iso4217 (whatever the document
                            calls them); an extension keeps the document's prefix */
    const char *entity;  /* "scheme identifier": "http://www.sec.gov/CIK 0000320193";
                            companyfacts: "http://www.sec.gov/CIK 0000320193" too */
    rc_day start, end;   /* a duration start..end (inclusive dates); an instant has start
                            RC_NO_DATE and end = its date (the balance at the end of that
                            day: xBRL-JSON's "2023-01-01T00:00:00" is 2022-12-31); a
                            forever period has both RC_NO_DATE */
    rc_xdim *dims;       /* sorted by axis; none for the default member of every axis */
    size_t ndims;
    const char *unit_num;   /* "iso4217:USD", "xbrli:shares", "xbrli:pure"; NULL for
                               non-numeric facts; a product of measures joined by "*" */
    const char *unit_den;   /* the denominator ("xbrli:shares" for USD per share), or NULL */
    const char *value;      /* numeric: the canonical lexical value with its sign and after
                               inline scale/sign ("1500000", "-250000", "5.877"); non-numeric:
                               the text ("P6Y2M", "6.2 years" after its transform); NULL
                               for a nil fact */
    bool numeric;
    bool nil;
    int decimals;          /* RC_DECIMALS_INF, an integer, or RC_XDECIMALS_UNSET */
    int shown;             /* inline XBRL: the decimal places the document shows, after
                              scale ("1,500" with scale 3 shows -3); RC_DECIMALS_INF when
                              the form has no display (instances, JSON) */
    const char *prose;     /* inline XBRL, a share-based note's text block
                              (rc_narrative_text_block): its paragraphs one per line, tables
                              left out; else NULL (the assembler takes the value, markup
                              included, for an instance's text block) */
    const char *id;        /* the fact's id, or NULL */
    const char *filing;    /* the filing that reported it: companyfacts' accession number
                              ("0000320193-23-000106"); NULL for a single-filing input */
    const char *form;      /* companyfacts: the form ("10-K"), else NULL */
    rc_source src;         /* file, line (col 0 when unknown), id */
} rc_xfact;

/* A problem a reader met that did not stop it: a fact it could not read (a format
 * no registry has, a value that does not fit its format, a context that is not
 * there).  The fact is left out of the list and the note says so, for the assembler
 * to pass on as a note of the model. */
typedef struct rc_xnote {
    rc_source src; /* file, line (col 0 when unknown), the fact's id or NULL */
    const char *text;
    struct rc_xnote *next;
} rc_xnote;

/* A list of facts with the memory they use. */
typedef struct rc_xfacts {
    rc_arena *arena;
    rc_xfact *items;
    size_t n, cap;
    const char *file;  /* the input */
    rc_xnote *notes;   /* the readers' notes, in input order (in the arena) */
    rc_xnote *notes_last;
    size_t nnotes;
} rc_xfacts;

int rc_xfacts_init(rc_xfacts *list, const char *file);
void rc_xfacts_clear(rc_xfacts *list);
/* A new zeroed fact at the end (start/end RC_NO_DATE, decimals RC_XDECIMALS_UNSET,
 * shown RC_DECIMALS_INF, src.file the list's file); NULL when out of memory. */
rc_xfact *rc_xfacts_add(rc_xfacts *list);
/* Copy a string (n bytes) into the list's arena; NULL when out of memory. */
const char *rc_xfacts_strndup(rc_xfacts *list, const char *s, size_t n);
const char *rc_xfacts_strdup(rc_xfacts *list, const char *s);
/* Add a note (text formatted and copied into the arena).  RC_OK or RC_ENOMEM. */
int rc_xfacts_note(rc_xfacts *list, unsigned line, unsigned col, const char *id, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));
/* Sort a fact's dims by axis (readers call it once per fact, or per context). */
void rc_xfact_sort_dims(rc_xfact *fact);

/* The canonical prefix of a standard namespace URI ("http://fasb.org/us-gaap/2023" ->
 * "us-gaap", "http://xbrl.ifrs.org/taxonomy/2023-03-23/ifrs-full" -> "ifrs-full",
 * "http://fasb.org/srt/2023" -> "srt", "http://xbrl.sec.gov/dei/2023" -> "dei",
 * "http://www.xbrl.org/2003/instance" -> "xbrli", "http://www.xbrl.org/2003/iso4217" ->
 * "iso4217"), or NULL for any other (an extension's). */
const char *rc_xbrl_standard_prefix(const char *ns);

/*
 * The readers: each parses its input into list (initialised by the caller), with
 * line numbers offset by line0 (for parts of a submission file).  They do not touch a
 * model.  Errors: RC_ESYNTAX / RC_EFORMAT / RC_ELIMIT with "name:line:col: error: ..."
 * in ctx; no network, no external entities, ever.
 */
int rc_xbrl_read_instance(rc_xfacts *list, const char *name, const char *buf, size_t len,
                          unsigned line0, rc_ctx *ctx);
int rc_xbrl_read_inline(rc_xfacts *list, const char *name, const char *buf, size_t len,
                        unsigned line0, rc_ctx *ctx);
int rc_xbrl_read_json(rc_xfacts *list, const char *name, const char *buf, size_t len,
                      rc_ctx *ctx);
int rc_xbrl_read_companyfacts(rc_xfacts *list, const char *name, const char *buf, size_t len,
                              rc_ctx *ctx);

typedef struct rc_xbrl_stats {
    size_t facts;        /* facts made in the model (every numeric fact of share-based
                            payment concepts, placed or not) */
    size_t rollforwards; /* entries added */
    size_t unclassified; /* extension facts inside a roll-forward that could not be
                            classified (listed in notes) */
} rc_xbrl_stats;

/*
 * Turn list into the model: classify each fact's concept (rc_classify_concept, and
 * the award members of its dimensions), make an rc_fact for every numeric fact of a
 * share-based payment concept, and an entry (signs STORED) per key (entity x award
 * class and type x the other dimensions' members x currency) and per duration period
 * that has movements: opening = the outstanding balance at the instant before the
 * start, closing = at the end, exercisable and vested-and-expected at the end,
 * movements of that duration; instants no duration uses become balance-only entries.
 * Notes say what was classified by name and what could not be.  stats may be NULL.
 */
int rc_xbrl_assemble(rc_model *model, const rc_vocab *vocab, const rc_xfacts *list,
                     rc_xbrl_stats *stats, rc_ctx *ctx);

#endif
