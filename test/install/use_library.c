/*
 * A program as a user of the installed librollcheck would write it, built by
 * test/install/run.sh with nothing but `pkg-config --cflags --libs rollcheck`:
 *
 *   use_library RULES-DIR FILE...
 *
 * checks the files with the rules (and vocabulary) of RULES-DIR and prints one line per
 * finding, "RULE FILE:LINE:COL SEVERITY", then "findings: N".  Exit status 0, or 2 with
 * the library's message when something fails.
 */
#include <stdio.h>

#include <rollcheck.h>

int main(int argc, char **argv)
{
    rc_ctx *ctx = NULL;
    rc_ruleset *rules = NULL;
    rc_vocab *vocab = NULL;
    rc_inputs *inputs = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    int status = 2;
    if (argc < 3) {
        fprintf(stderr, "usage: use_library RULES-DIR FILE...\n");
        return 2;
    }
    if (rc_ctx_new(&ctx) < 0) return 2;
    if (rc_ruleset_new(&rules) < 0 || rc_vocab_new(&vocab) < 0 || rc_inputs_new(&inputs) < 0 ||
        rc_model_new(&model) < 0) {
        rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    if (rc_ruleset_load_dir(rules, argv[1], ctx) < 0) goto done;
    if (rc_vocab_load_dir(vocab, argv[1], ctx) < 0) goto done;
    for (int i = 2; i < argc; i++)
        if (rc_inputs_add(inputs, argv[i], ctx) < 0) goto done;
    if (rc_inputs_read(inputs, model, vocab, ctx) < 0) goto done;
    for (size_t i = 0; i < rc_inputs_count(inputs); i++) {
        const rc_input *in = rc_inputs_get(inputs, i);
        if (in->error) {
            rc_ctx_fail(ctx, RC_EIO, "%s", in->error);
            goto done;
        }
    }
    if (rc_check(rules, model, &results, ctx) < 0) goto done;
    size_t n = rc_results_finding_count(results);
    for (size_t i = 0; i < n; i++) {
        const rc_finding *f = rc_results_finding(results, i);
        printf("%s %s:%u:%u %s\n", rc_rule_id(f->rule), f->where.file, f->where.line, f->where.col,
               rc_severity_name(f->severity));
    }
    printf("findings: %zu\n", n);
    status = 0;
done:
    if (status != 0) fprintf(stderr, "use_library: %s\n", rc_ctx_error(ctx));
    if (results) rc_results_free(results);
    if (model) rc_model_free(model);
    rc_inputs_free(inputs);
    rc_vocab_free(vocab);
    if (rules) rc_ruleset_free(rules);
    rc_ctx_free(ctx);
    return status;
}
