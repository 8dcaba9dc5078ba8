/* Fuzz target: read any bytes as an input of any form, finish the model, run the
 * default rules.  The vocabulary is loaded, so the rendered-form readers (R pages,
 * text captures, submission files) are reached as well as model JSON. */
#include <stdint.h>
#include <stdlib.h>

#include "rollcheck.h"

static rc_ruleset *rules;
static rc_vocab *vocab;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_ctx *ctx = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    if (rc_ctx_new(&ctx) < 0)
        return 0;
    if (!rules) {
        char dir[4096];
        if (rc_ruleset_new(&rules) < 0 || rc_vocab_new(&vocab) < 0 ||
            rc_ruleset_default_dir(dir, sizeof dir, ctx) < 0 ||
            rc_ruleset_load_dir(rules, dir, ctx) < 0 || rc_vocab_load_dir(vocab, dir, ctx) < 0)
            abort(); /* the default rules must load */
    }
    if (rc_model_new(&model) < 0)
        goto done;
    if (rc_read_buffer(model, vocab, "fuzz", (const char *)data, size, NULL, ctx) < 0)
        goto done;
    if (rc_model_finish(model, ctx) < 0)
        goto done;
    rc_check(rules, model, &results, ctx);
done:
    rc_results_free(results);
    rc_model_free(model);
    rc_ctx_free(ctx);
    return 0;
}
