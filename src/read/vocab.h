/*
 * The vocabulary's insides, shared by vocab.c (loading) and classify.c
 * (applying).  Private to src/read/.  The file formats are in
 * docs/vocabulary.md.
 */
#ifndef RC_READ_VOCAB_H
#define RC_READ_VOCAB_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "read/classify.h"
#include "common/util.h"

/* rc_vocab_attrs.set: which attributes an entry decides */
#define RC_VA_WHAT 0x01
#define RC_VA_LINE 0x02 /* line and outstanding */
#define RC_VA_POSITION 0x04
#define RC_VA_ROLE 0x08
#define RC_VA_MEASURE 0x10
#define RC_VA_AWARD 0x20
#define RC_VA_AWARD_TYPE 0x40
#define RC_VA_RANGE 0x80

/* What one entry says; only the attributes in `set` count. */
typedef struct rc_vocab_attrs {
    unsigned set;
    rc_what what;
    rc_line line;
    bool outstanding;
    rc_position position;
    rc_role role;
    rc_measure measure;
    int award;              /* RC_AWARD_* or -1 ("none") */
    const char *award_type; /* NULL for "no type" */
    rc_range_bound range;
} rc_vocab_attrs;

/* A pattern entry: "match" (and "unless") over a normalised text. */
typedef struct rc_vocab_pattern {
    regex_t match;
    regex_t unless;
    bool has_unless;
    rc_vocab_attrs attrs;
    const char *file; /* where it was defined, for debugging and docs */
    unsigned line;
} rc_vocab_pattern;

typedef struct rc_vocab_concept {
    const char *qname;
    rc_vocab_attrs attrs;
} rc_vocab_concept;

/* A list of patterns in the order they are tried. */
typedef struct rc_vocab_list {
    rc_vocab_pattern **items;
    size_t n;
} rc_vocab_list;

struct rc_vocab {
    rc_arena *arena;            /* strings */
    rc_vocab_list labels;       /* row labels */
    rc_vocab_list members;      /* member labels and QNames naming award types */
    rc_vocab_list extensions;   /* local names of extension concepts */
    rc_vocab_concept *concepts; /* the concept map; later entries win */
    size_t nconcepts;
};

/* Apply one entry's attributes to out, each only where `done` does not have it
 * yet (the first entry that sets an attribute wins). */
void rc_vocab__apply(const rc_vocab_attrs *a, rc_class *out, unsigned *done);

/* Lower-case ASCII, blanks (incl. no-break spaces and line breaks) collapsed to one
 * space, typographic dashes and quotes made plain: how patterns see a text.
 * Returns a malloc'ed string or NULL. */
char *rc_vocab__normalise(const char *text);

#endif
