/*
 * The table interpreter: one for every rendered form.  It turns a grid
 * (grid.h) into facts and roll-forward entries of a model, the entries that
 * rc_model_finish then merges, folds and chains.  Private to the library.
 */
#ifndef RC_READ_TABLE_H
#define RC_READ_TABLE_H

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "read/grid.h"

typedef struct rc_table_stats {
    size_t facts;        /* numbers read (each became an rc_fact) */
    size_t rollforwards; /* roll-forward entries added (before merging) */
    size_t unclassified; /* rows with numbers whose role could not be told */
} rc_table_stats;

/*
 * Interpret grid into model, classifying rows with vocab:
 *  - every number becomes an rc_fact (rc_model_new_fact), with its label, concept,
 *    kind, currency, period, accuracy (digits shown and the table's scale for its
 *    unit) and source location, whether or not it belongs to a roll-forward;
 *  - each (period column or period block) x (member block) x (award class) that
 *    holds roll-forward rows becomes an entry (rc_model_add_rollforward): opening,
 *    movements, closing, exercisable, vested and expected, with the facts placed;
 *  - what it cannot understand becomes a note (rc_model_add_note): an unclassified
 *    row inside a roll-forward is kept as a movement of role "other" with its
 *    displayed sign, and named in a note.
 * stats may be NULL.  Returns RC_OK, RC_ENOMEM, or RC_ESYNTAX for a grid it cannot
 * read at all (with a message in ctx).
 */
int rc_table_interpret(rc_model *model, const rc_vocab *vocab, const rc_grid *grid,
                       rc_table_stats *stats, rc_ctx *ctx);

#endif
