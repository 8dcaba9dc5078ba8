/* Fuzz target: the note's narrative (src/read/narrative.c).  The bytes are read as prose
 * twice (line breaks as lines of the input, and as paragraph ends) in a document period,
 * and once as HTML markup turned into prose; the model is then finished, so that the
 * statements made are matched too. */
#include <stdint.h>
#include <stdlib.h>

#include "rollcheck.h"
#include "common/util.h"
#include "read/narrative.h"

static rc_vocab *vocab;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_ctx *ctx = NULL;
    rc_model *model = NULL;
    rc_buf prose = RC_BUF_INIT;
    if (rc_ctx_new(&ctx) < 0) return 0;
    if (!vocab) {
        char dir[4096];
        if (rc_vocab_new(&vocab) < 0 || rc_ruleset_default_dir(dir, sizeof dir, ctx) < 0 ||
            rc_vocab_load_dir(vocab, dir, ctx) < 0)
            abort(); /* the default vocabulary must load */
    }
    if (rc_model_new(&model) < 0) goto done;
    const char *text = (const char *)data;
    rc_narrative_period year = {rc_day_from_ymd(2023, 1, 1), rc_day_from_ymd(2023, 12, 31)};
    rc_narrative_stats stats = {0, 0, 0};
    rc_source src = {"fuzz", 1, 1, "f1"};
    if (rc_narrative_read(model, vocab, text, size, &src, true, &year, &stats, ctx) < 0 ||
        rc_narrative_read(model, vocab, text, size, &src, false, NULL, &stats, ctx) < 0)
        goto done;
    if (rc_narrative_prose_of_html(text, size, &prose) < 0) goto done;
    if (prose.data &&
        rc_narrative_read(model, vocab, prose.data, prose.len, &src, false, &year, &stats, ctx) < 0)
        goto done;
    if (rc_narrative_note(model, "fuzz", 1, &stats) < 0) goto done;
    rc_model_finish(model, ctx);
done:
    rc_buf_free(&prose);
    rc_model_free(model);
    rc_ctx_free(ctx);
    return 0;
}
